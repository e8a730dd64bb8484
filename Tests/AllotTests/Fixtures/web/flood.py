#!/usr/bin/env python3
"""Floods a server with idle connections, lets them go, and times its recovery.

Usage: flood.py PORT COUNT
Opens COUNT connections that send nothing (more than the server may open files for),
holds them for half a second, closes them, then asks for / every 0.1 s for up to 15 s.
Prints {"opened": connections the system accepted, "answered_after": seconds from the
release to the first 200, or null}.
"""
import http.client
import json
import socket
import sys
import time

port, count = int(sys.argv[1]), int(sys.argv[2])
held = []
for _ in range(count):
    try:
        held.append(socket.create_connection(("127.0.0.1", port), timeout=5))
    except OSError:
        pass
opened = len(held)
time.sleep(0.5)
for connection in held:
    connection.close()
released = time.monotonic()
answered_after = None
while time.monotonic() - released < 15:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/")
        if c.getresponse().status == 200:
            answered_after = time.monotonic() - released
            break
    except (OSError, http.client.HTTPException):
        pass
    time.sleep(0.1)
print(json.dumps({"opened": opened, "answered_after": answered_after}))

#!/usr/bin/env python3
"""Sends a server request lines and headers far past any sensible length.

Usage: long-lines.py PORT   Prints one JSON object:
{"answers": [{"what", "status", "seconds"}], "afterFlood": {"status", "seconds"},
 "keptAlive": [status, status]}
- answers: a 200 KB request line, a 1 MB one, a 20 KB header, 2,000 short headers, each
  on its own connection; the status line the server sent back (0 if it sent none) and
  how long it took.
- afterFlood: two clients each send the start of a 1 MB request line, stop after one
  second and close; then an ordinary request: its status and how long it took.
- keptAlive: two requests sent at once on one connection, each answered.
"""
import json
import socket
import sys
import threading
import time

port = int(sys.argv[1])


def status_of(request, timeout=60):
    started = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        try:
            s.sendall(request)
        except OSError:
            pass  # the server may answer and close before it has read everything
        got = b""
        while b"\r\n" not in got:
            try:
                chunk = s.recv(4096)
            except OSError:
                break
            if not chunk:
                break
            got += chunk
        line = got.split(b"\r\n", 1)[0].split(b" ")
        status = int(line[1]) if len(line) > 1 and line[1].isdigit() else 0
        return {"status": status, "seconds": round(time.monotonic() - started, 3)}
    finally:
        s.close()


def request(target, headers=b""):
    return b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + b"\r\n"


answers = []
for what, raw in [
    ("200 KB request line", request(b"/" + b"a" * 200_000)),
    ("1 MB request line", request(b"/" + b"a" * 1_000_000)),
    ("20 KB header", request(b"/", b"X-Big: " + b"b" * 20_000 + b"\r\n")),
    ("2,000 headers", request(b"/", b"".join(b"X-%d: v\r\n" % n for n in range(2000)))),
]:
    answers.append({"what": what, **status_of(raw)})


def flood():
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.setblocking(False)
    line = b"GET /" + b"a" * 1_000_000
    sent, started = 0, time.monotonic()
    while time.monotonic() - started < 1 and sent < len(line):
        try:
            sent += s.send(line[sent:sent + 65536])
        except BlockingIOError:
            time.sleep(0.01)
        except OSError:
            break
    s.close()


floods = [threading.Thread(target=flood) for _ in range(2)]
for t in floods:
    t.start()
for t in floods:
    t.join()
after = status_of(request(b"/"))

s = socket.create_connection(("127.0.0.1", port), timeout=60)
s.sendall(request(b"/") + request(b"/index.html", b"Connection: close\r\n"))
got = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    got += chunk
s.close()
kept = [int(part[:3]) for part in got.split(b"HTTP/1.1 ")[1:] if part[:3].isdigit()]

print(json.dumps({"answers": answers, "afterFlood": after, "keptAlive": kept}))

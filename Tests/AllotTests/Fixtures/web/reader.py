#!/usr/bin/env python3
"""Reads pages from a web server in a loop, as a reader would during a publish.

Usage: reader.py PORT STOP_FILE PATH...
Fetches the paths round and round until STOP_FILE exists (or 120 s pass) and prints
one JSON line per distinct answer: {"path", "status", "sha256", "length"}, then a
last line {"requests": N, "errors": [...]} for connection failures.
"""
import hashlib
import http.client
import json
import os
import sys
import time

port, stop, paths = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
seen, errors, requests = set(), [], 0
deadline = time.time() + 120
while not os.path.exists(stop) and time.time() < deadline:
    for path in paths:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("GET", path)
            r = c.getresponse()
            body = r.read()
            c.close()
            seen.add((path, r.status, hashlib.sha256(body).hexdigest(), len(body)))
        except Exception as error:
            errors.append(f"{path}: {error}")
        requests += 1
for path, status, digest, length in sorted(seen):
    print(json.dumps({"path": path, "status": status, "sha256": digest, "length": length}))
print(json.dumps({"requests": requests, "errors": errors[:20]}))

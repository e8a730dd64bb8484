#!/usr/bin/env python3
"""Reads pages from a web server in a loop, as a reader would during a publish.

Usage: reader.py PORT STOP_FILE ROUNDS_FILE PATH...
Fetches the paths round and round until STOP_FILE exists (or 120 s pass, or as many as
the environment's READER_SECONDS says), writing the
number of whole rounds done so far to ROUNDS_FILE after each, and prints one JSON line
per distinct answer: {"path", "status", "sha256", "length"}, then a last line
{"requests": N, "errors": [...]} for connection failures.
"""
import hashlib
import http.client
import json
import os
import sys
import time

port, stop, rounds_file, paths = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
seen, errors, requests, rounds = set(), [], 0, 0
deadline = time.time() + float(os.environ.get("READER_SECONDS", "120"))
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
    rounds += 1
    with open(rounds_file + ".part", "w") as f:
        f.write(str(rounds))
    os.replace(rounds_file + ".part", rounds_file)
for path, status, digest, length in sorted(seen):
    print(json.dumps({"path": path, "status": status, "sha256": digest, "length": length}))
print(json.dumps({"requests": requests, "errors": errors[:20]}))

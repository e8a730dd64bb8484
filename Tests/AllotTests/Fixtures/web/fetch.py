#!/usr/bin/env python3
"""Sends raw HTTP requests (paths exactly as given, never normalised) to a server.

Usage: fetch.py PORT PATH...   Prints one JSON object per line:
{"path", "status", "type", "body"} (body decoded as UTF-8 with replacement).
"""
import http.client
import json
import sys

port = int(sys.argv[1])
for path in sys.argv[2:]:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.putrequest("GET", path, skip_host=False, skip_accept_encoding=True)
    c.endheaders()
    r = c.getresponse()
    body = r.read()
    print(json.dumps({"path": path, "status": r.status, "type": r.getheader("Content-Type"),
                      "body": body.decode("utf-8", "replace")}))
    c.close()

#!/usr/bin/env python3
"""Loads a preview server (`allot serve`) and reports how it held up, as one JSON object.

Usage: load.py PORT PID SITE TIMEOUT
PID is the server's process (its memory and open files are read from /proc); TIMEOUT is
its client timeout in seconds. First it writes BIG, a 40 MiB file of random bytes, into
SITE. Then, while an idle client (connects, sends nothing) and a slow one (sends a request
a byte every 0.2 s, never finishing it) are held open, reconnecting each time the server
drops them, it runs 10 rounds of 200 GETs at once (all 200 connections open before any
request is sent) over every file of SITE but BIG; then 5 slow readers ask for BIG and
read nothing for TIMEOUT + 3 seconds; then one client reads BIG whole. It reports:
  rounds: per round {answered (200 with the right bytes), wrong (up to 5), rss_kib, fds}
  fds_before: the server's open files before the rounds
  idle_holds, slow_holds: per finished hold {seconds (connect to the server's close), bytes}
  slow_readers: per reader {received (bytes before the server closed), seconds}
  rss_kib_slow_readers: the server's memory while the slow readers hold their answers
  big_size, big_whole (BIG came whole and exact)
  injected: the distinct texts added to pages (the reload script)
"""
import asyncio
import json
import os
import sys
import time
import urllib.parse

port, pid, site, timeout = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
HOST = "127.0.0.1"
big_path = "/assets/load-test-big.bin"


def rss_kib():
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def open_files():
    return len(os.listdir(f"/proc/{pid}/fd"))


def site_files():
    files = {}
    for folder, subfolders, names in os.walk(site):
        subfolders[:] = [s for s in subfolders if not s.startswith(".")]
        for name in names:
            if name.startswith("."):
                continue
            path = "/" + os.path.relpath(os.path.join(folder, name), site)
            if path != big_path:
                with open(os.path.join(folder, name), "rb") as f:
                    files[urllib.parse.quote(path)] = f.read()
    return files


def request(path):
    return f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()


def split_answer(data):
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, body


injected = set()


def wrong_bytes(path, expected, body):
    """Why `body` is not the file at `path` (pages get the reload script before </body>), or None."""
    if not path.endswith(".html"):
        return None if body == expected else f"{len(body)} bytes, not the file's {len(expected)}"
    end = expected.rfind(b"</body>")
    added = len(body) - len(expected)
    if end < 0 or added <= 0 or body[:end] != expected[:end] or body[end + added:] != expected[end:]:
        return f"{len(body)} bytes that are not the page ({len(expected)} bytes) with the script added"
    injected.add(body[end:end + added].decode("utf-8", "replace"))
    return None


async def fetch_all(paths, files):
    """Opens a connection per path, all at once, and asks on each as soon as it is open.

    Asking at once matters on a loaded machine: a connection left waiting for its request
    past the server's client timeout (5 s here) is dropped by the server, as it should be.
    """

    async def ask(path):
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
        except Exception as error:
            return f"{path}: could not connect: {error!r}"
        try:
            writer.write(request(path))
            await writer.drain()
            status, headers, body = split_answer(await asyncio.wait_for(reader.read(), 60))
        except Exception as error:
            return f"{path}: {error!r}"
        finally:
            writer.close()
        if status != 200:
            return f"{path}: status {status}"
        if headers.get("content-length") != str(len(body)):
            return f"{path}: Content-Length {headers.get('content-length')} for {len(body)} bytes"
        problem = wrong_bytes(path, files[path], body)
        return f"{path}: {problem}" if problem else None

    return await asyncio.gather(*(ask(p) for p in paths))


async def hold(kind, holds, stop):
    """Keeps one idle or slow client connected, reconnecting each time the server drops it."""
    while not stop.is_set():
        # Timed from before the connection: the server's clock starts at its accept, which is
        # later, and a busy event loop may hand the open connection back late.
        started = time.monotonic()
        reader, writer = await asyncio.open_connection(HOST, port)

        async def dribble():
            text = f"GET / HTTP/1.1\r\nHost: {HOST}\r\n".encode() + b"X-Slow: 1\r\n" * 10_000
            for byte in text:
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(0.2)

        sender = asyncio.ensure_future(dribble() if kind == "slow" else asyncio.sleep(3600))
        reading = asyncio.ensure_future(reader.read())
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait([reading, stopping], return_when=asyncio.FIRST_COMPLETED)
        sender.cancel()
        if reading.done():
            # A server may close a connection with a reset rather than a FIN: closed all the same.
            received = 0 if reading.exception() is not None else len(reading.result())
            holds.append({"seconds": time.monotonic() - started, "bytes": received})
        else:
            reading.cancel()
        stopping.cancel()
        writer.close()


async def slow_reader(results):
    """Asks for the big file and reads nothing until the server has had time to give up."""
    reader, writer = await asyncio.open_connection(HOST, port, limit=1 << 16)
    started = time.monotonic()
    writer.write(request(big_path))
    await writer.drain()
    await asyncio.sleep(timeout + 3)
    received = 0
    while True:
        try:
            chunk = await asyncio.wait_for(reader.read(1 << 16), 60)
        except ConnectionError:  # closed with a reset: the server gave up on this client
            break
        if not chunk:
            break
        received += len(chunk)
    results.append({"received": received, "seconds": time.monotonic() - started})
    writer.close()


async def main():
    big = os.urandom(40 << 20)
    with open(os.path.join(site, big_path.lstrip("/")), "wb") as f:
        f.write(big)
    files = site_files()
    paths = sorted(files)
    report = {"fds_before": open_files(), "rounds": [], "idle_holds": [], "slow_holds": [], "slow_readers": []}
    stop = asyncio.Event()
    holders = [asyncio.ensure_future(hold("idle", report["idle_holds"], stop)),
               asyncio.ensure_future(hold("slow", report["slow_holds"], stop))]
    await asyncio.sleep(0.5)
    for round_number in range(10):
        chosen = [paths[(round_number * 200 + i) % len(paths)] for i in range(200)]
        problems = [p for p in await fetch_all(chosen, files) if p]
        report["rounds"].append({"answered": 200 - len(problems), "wrong": problems[:5],
                                 "rss_kib": rss_kib(), "fds": open_files()})
    readers = [asyncio.ensure_future(slow_reader(report["slow_readers"])) for _ in range(5)]
    await asyncio.sleep(1)
    report["rss_kib_slow_readers"] = rss_kib()
    await asyncio.gather(*readers)
    stop.set()
    await asyncio.gather(*holders)
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(request(big_path))
    status, _, body = split_answer(await asyncio.wait_for(reader.read(), 60))
    writer.close()
    report["big_size"] = len(big)
    report["big_whole"] = status == 200 and body == big
    report["injected"] = sorted(injected)
    print(json.dumps(report))


asyncio.run(main())

#!/usr/bin/env python3
"""A local SMTP server for tests: accepts mail on 127.0.0.1 and saves each message.

Usage: smtp_sink.py PORT_FILE OUT_FOLDER [REFUSED_ADDRESS ...]
Writes the port it listens on to PORT_FILE, saves every message it accepts as
OUT_FOLDER/<n>.eml (the DATA as received), and answers 550 to RCPT TO for each
REFUSED_ADDRESS. Runs until it is terminated, or by itself for 900 seconds.
"""
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller

port_file, out = sys.argv[1], sys.argv[2]
refused = {a.lower() for a in sys.argv[3:]}
os.makedirs(out, exist_ok=True)


class Sink:
    count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in refused:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        path = os.path.join(out, f"{Sink.count:03d}.eml")
        with open(path + ".part", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(path + ".part", path)
        return "250 Message accepted"


with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
# aiosmtpd gives its server thread 5 s to start; a loaded run (a sanitized suite) needs more.
controller = Controller(Sink(), hostname="127.0.0.1", port=port, ready_timeout=120)
controller.start()
with open(port_file + ".part", "w") as f:
    f.write(str(port))
os.rename(port_file + ".part", port_file)
time.sleep(900)
controller.stop()

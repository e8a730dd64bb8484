#!/usr/bin/env python3
"""Parses .eml files with Python's email package and the strict policy, and checks them.

Usage: check_messages.py EXPECTATIONS.json
EXPECTATIONS is a list of {"file", "to_name", "to_address", "from_address", "subject",
"texts": [strings each part must show]}. Prints problems, exits 1 when there are any.
Checks: parses without defects, one From/To/Subject/Date/Message-ID and no Bcc/Cc,
headers decode to the expected values, multipart/alternative with text/plain and
text/html parts in UTF-8, no line over 76 octets, CRLF line ends only, an
Auto-Submitted: auto-generated header (RFC 3834), a text part that reads as text (no
Markdown's ** or ](url)), and each expected text in both parts (the HTML part read as
text).
"""
import email
import email.header
import email.policy
import json
import sys
from html.parser import HTMLParser


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def squash(s):
    return " ".join(s.split())


problems = []
for e in json.load(open(sys.argv[1], encoding="utf-8")):
    raw = open(e["file"], "rb").read()
    name = e["file"]
    if b"\n" in raw.replace(b"\r\n", b""):
        problems.append(f"{name}: has a line end that is not CRLF")
    long = [line for line in raw.split(b"\r\n") if len(line) > 76]
    if long:
        problems.append(f"{name}: has {len(long)} lines over 76 octets, the first {long[0][:90]!r}")
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.strict)
    except Exception as error:  # strict raises on defects
        problems.append(f"{name}: does not parse strictly: {error}")
        continue
    for header in ["From", "To", "Subject", "Date", "Message-ID"]:
        if len(msg.get_all(header, [])) != 1:
            problems.append(f"{name}: has {len(msg.get_all(header, []))} {header} headers")
    if msg.get_all("Auto-Submitted") != ["auto-generated"]:
        problems.append(f"{name}: Auto-Submitted is {msg.get_all('Auto-Submitted')}")
    for header in ["Bcc", "Cc", "Reply-To"]:
        if msg.get_all(header):
            problems.append(f"{name}: has a {header} header")
    to = msg["To"].addresses
    display = to[0].display_name if len(to) == 1 else None
    if display != e["to_name"] and len(to) == 1:
        # Python's address parser puts a space between adjacent encoded-words, which
        # RFC 2047 section 6.2 says to ignore; read a long name with its RFC 2047 decoder.
        phrase = msg["To"].defects and None or raw.split(b"\r\nTo: ", 1)[1].split(b" <", 1)[0].decode("ascii")
        display = str(email.header.make_header(email.header.decode_header(phrase.replace("\r\n", ""))))
    if len(to) != 1 or display != e["to_name"] or to[0].addr_spec != e["to_address"]:
        problems.append(f"{name}: To decodes to {display!r} <{to[0].addr_spec if to else ''}>, not {(e['to_name'], e['to_address'])}")
    if msg["From"].addresses[0].addr_spec != e["from_address"]:
        problems.append(f"{name}: From is {msg['From']}")
    if str(msg["Subject"]) != e["subject"]:
        problems.append(f"{name}: Subject decodes to {str(msg['Subject'])!r}, not {e['subject']!r}")
    if msg.get_content_type() != "multipart/alternative":
        problems.append(f"{name}: is {msg.get_content_type()}")
        continue
    parts = {p.get_content_type(): p for p in msg.iter_parts()}
    if set(parts) != {"text/plain", "text/html"}:
        problems.append(f"{name}: parts are {sorted(parts)}")
        continue
    plain = parts["text/plain"].get_content()
    for markup in ["**", "]("]:
        if markup in plain:
            problems.append(f"{name}: the text part shows Markdown's {markup!r}")
    reader = Text()
    reader.feed(parts["text/html"].get_content())
    html = "".join(reader.parts)
    for part, body in [("text", plain), ("html", html)]:
        for t in e["texts"]:
            if squash(t) not in squash(body):
                problems.append(f"{name}: the {part} part does not show {t!r}")
for p in problems[:40]:
    print(p)
sys.exit(1 if problems else 0)

#!/usr/bin/env python3
"""Checks a built site with independent parsers: Python's html.parser and jsonschema.

Usage: site_check.py SITE_FOLDER [--expect=PAIRS.json] [--literals=LIST.json] [LITERAL ...]
Prints one problem per line and exits 1 when there is any. Checks that every local
link, stylesheet and image resolves to a file inside the site; that no page has an
inline script or one from outside the site's assets/, an event-handler attribute or a
javascript: URL; that every JSON
file is valid against schema/<kind>.schema.json; and that each LITERAL appears
verbatim in the text of at least one page, and each {"page", "text"} pair of
PAIRS.json in the text of that page.
"""
import json
import os
import sys
from html.parser import HTMLParser
from urllib.parse import urlparse, unquote

import jsonschema

site = os.path.abspath(sys.argv[1])
expect = [json.load(open(a.split("=", 1)[1])) for a in sys.argv[2:] if a.startswith("--expect=")]
literals = [a for a in sys.argv[2:] if not a.startswith("--")]
literals += [text for a in sys.argv[2:] if a.startswith("--literals=") for text in json.load(open(a.split("=", 1)[1]))]
problems = []


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs, self.text, self.bad = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.replace("../", "").startswith("assets/"):
                self.bad.append("a <script> element not from assets/")
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"an event attribute {name}")
            if name in ("href", "src") and value is not None:
                if value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                    self.bad.append(f"a {value[:20]} URL")
                self.refs.append(value)

    def handle_data(self, data):
        self.text.append(data)


texts = []
page_texts = {}
for folder, _, names in os.walk(site):
    for name in names:
        path = os.path.join(folder, name)
        rel = os.path.relpath(path, site)
        if name.endswith(".html"):
            page = Page()
            page.feed(open(path, encoding="utf-8").read())
            for b in page.bad:
                problems.append(f"{rel}: has {b}")
            for ref in page.refs:
                url = urlparse(ref)
                if url.scheme or url.netloc:
                    problems.append(f"{rel}: links outside the site: {ref}")
                    continue
                if not url.path:
                    continue
                target = os.path.normpath(os.path.join(folder, unquote(url.path)))
                if not target.startswith(site + os.sep):
                    problems.append(f"{rel}: link leaves the site: {ref}")
                elif not os.path.isfile(target):
                    problems.append(f"{rel}: broken link {ref}")
            texts.append("".join(page.text))
            page_texts[rel.replace(os.sep, "/")] = texts[-1]
        elif name.endswith(".json") and not rel.startswith("schema" + os.sep):
            data = json.load(open(path, encoding="utf-8"))
            kind = data.get("kind") if isinstance(data, dict) else None
            schema_path = os.path.join(site, "schema", f"{kind}.schema.json")
            if not os.path.isfile(schema_path):
                problems.append(f"{rel}: no schema for kind {kind!r}")
                continue
            schema = json.load(open(schema_path, encoding="utf-8"))
            for error in jsonschema.Draft202012Validator(schema).iter_errors(data):
                problems.append(f"{rel}: {'/'.join(map(str, error.path))}: {error.message}")

for literal in literals:
    if not any(literal in t for t in texts):
        problems.append(f"literal text not found on any page: {literal!r}")

for pairs in expect:
    for pair in pairs:
        if pair["text"] not in page_texts.get(pair["page"], ""):
            problems.append(f"{pair['page']}: does not show {pair['text']!r} literally")

for p in problems[:50]:
    print(p)
sys.exit(1 if problems else 0)

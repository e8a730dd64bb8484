#!/usr/bin/env python3
"""Checks every table of a built site against its CSV file, with Python's csv module.

Usage: csv_check.py SITE_FOLDER
Prints one problem per line and exits 1 when there is any. For every page: each <table>
has a CSV link right after it (<p class="csv"><a href=...>); the file parses as RFC 4180
UTF-8 with CRLF line ends; its header row is the table's header cells (an instant column
is followed by "<header> (ISO 8601)"); it has the table's rows (body and footer); each
cell that is a number in the file is the same number in the table ("+3" is 3, "–" is 0);
each shown time equals the table's cell and its ISO 8601 twin parses, with an offset when
it has a time; other text begins the table's cell. No text cell starts with = + - @ tab
or CR unless it is a number. Every CSV file in the site is linked from its page.
"""
import csv
import io
import os
import re
import sys
from datetime import date, datetime
from html.parser import HTMLParser

site = os.path.abspath(sys.argv[1])
problems = []
NUMBER = re.compile(r"-?[0-9]+")
FORMULA = ("=", "+", "-", "@", "\t", "\r")
ISO = " (ISO 8601)"


class Tables(HTMLParser):
    """Each table as (header cells, rows of cell texts, CSV href or None); other CSV links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.links = [], []
        self.table = None
        self.cell = None
        self.in_csv = False
        self.awaiting = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.table = {"head": [], "rows": [], "csv": None, "section": None}
            self.awaiting = None
        elif self.table is not None and tag in ("thead", "tbody", "tfoot"):
            self.table["section"] = tag
        elif self.table is not None and tag == "tr":
            if self.table["section"] != "thead":
                self.table["rows"].append([])
        elif self.table is not None and tag in ("td", "th"):
            self.cell = []
        elif tag == "p" and a.get("class") == "csv":
            self.in_csv = True
        elif tag == "a" and a.get("href", "").endswith(".csv"):
            if self.in_csv and self.awaiting is not None:
                self.awaiting["csv"] = a["href"]
            else:
                self.links.append(a["href"])
        elif tag not in ("a", "span", "strong", "em", "code") and self.awaiting is not None and not self.in_csv:
            self.awaiting = None

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            text = " ".join("".join(self.cell).split())
            if self.table["section"] == "thead":
                self.table["head"].append(text)
            else:
                self.table["rows"][-1].append(text)
            self.cell = None
        elif tag == "table" and self.table is not None:
            self.tables.append(self.table)
            self.awaiting, self.table = self.table, None
        elif tag == "p" and self.in_csv:
            self.in_csv = False
            self.awaiting = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def html_number(text):
    text = text.replace("+", "").replace("\u2212", "-")
    return 0 if text in ("–", "") else int(text)


def read_csv(path, rel):
    data = open(path, "rb").read()
    if not data.endswith(b"\r\n"):
        problems.append(f"{rel}: does not end with CRLF")
    if data[data.find(b"\n") - 1 : data.find(b"\n")] != b"\r":
        problems.append(f"{rel}: the header row does not end with CRLF")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True))
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA) and not NUMBER.fullmatch(cell):
                problems.append(f"{rel}: a text cell starts like a formula: {cell[:40]!r}")
    return rows


def compare(rel, table, rows):
    header, body = rows[0], rows[1:]
    shown = [h for h in header if not h.endswith(ISO)]
    if table["head"]:
        if len(shown) != len(table["head"]) or any(t and t != c for t, c in zip(table["head"], shown)):
            problems.append(f"{rel}: header {header} is not the table's {table['head']}")
            return
    if len(body) != len(table["rows"]):
        problems.append(f"{rel}: {len(body)} rows, the table has {len(table['rows'])}")
        return
    for n, (line, cells) in enumerate(zip(body, table["rows"]), start=2):
        if len(line) != len(header):
            problems.append(f"{rel}:{n}: {len(line)} cells for {len(header)} columns")
            continue
        html = iter(cells)
        for i, value in enumerate(line):
            if header[i].endswith(ISO):
                check_iso(f"{rel}:{n}", value, line[i - 1])
                continue
            cell = next(html, None)
            if cell is None:
                problems.append(f"{rel}:{n}: more cells than the table's row {cells}")
                break
            if NUMBER.fullmatch(value):
                try:
                    if html_number(cell) != int(value):
                        problems.append(f"{rel}:{n}: {value} where the table shows {cell!r}")
                except ValueError:
                    problems.append(f"{rel}:{n}: the number {value} is {cell!r} in the table")
                continue
            text = value[1:] if value.startswith("'") and value[1:].startswith(FORMULA) else value
            text = " ".join(text.split())
            if i + 1 < len(header) and header[i + 1].endswith(ISO):
                ok = text == cell
            else:
                ok = cell.startswith(text)
            if not ok:
                problems.append(f"{rel}:{n}: {text[:60]!r} where the table shows {cell[:60]!r}")


def check_iso(where, value, shown):
    if value == "":
        if shown not in ("", "never"):
            problems.append(f"{where}: no ISO 8601 time for {shown!r}")
        return
    try:
        if "T" in value:
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                problems.append(f"{where}: {value} has no offset")
        else:
            date.fromisoformat(value)
    except ValueError:
        problems.append(f"{where}: {value!r} is not ISO 8601")


linked = set()
checked = 0
for folder, _, names in os.walk(site):
    for name in sorted(names):
        if not name.endswith(".html") or os.path.relpath(folder, site).startswith("notices"):
            continue
        path = os.path.join(folder, name)
        page = Tables()
        page.feed(open(path, encoding="utf-8").read())
        rel_page = os.path.relpath(path, site)
        for t in page.tables:
            if t["csv"] is None:
                problems.append(f"{rel_page}: a table ({t['head'][:3]}) has no CSV link after it")
                continue
            target = os.path.normpath(os.path.join(folder, t["csv"]))
            linked.add(target)
            rel = os.path.relpath(target, site)
            if not os.path.isfile(target):
                problems.append(f"{rel_page}: CSV link {t['csv']} has no file")
                continue
            compare(rel, t, read_csv(target, rel))
            checked += 1
        for href in page.links:
            target = os.path.normpath(os.path.join(folder, href))
            linked.add(target)
            if os.path.isfile(target):
                read_csv(target, os.path.relpath(target, site))
                checked += 1

for folder, _, names in os.walk(site):
    for name in names:
        path = os.path.normpath(os.path.join(folder, name))
        if name.endswith(".csv") and path not in linked:
            problems.append(f"{os.path.relpath(path, site)}: not linked from its page")

if checked == 0:
    problems.append("no CSV file was checked")
for p in problems[:50]:
    print(p)
sys.exit(1 if problems else 0)

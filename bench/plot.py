#!/usr/bin/env python3
"""Draws bench/growth.svg from bench/work/times: time per phase and peak memory against
events, on log-log axes, one point per workload, with the targets of issue 12 (import and
check rates as dotted lines, cold build time and peak memory as hollow diamonds).
Standard library only: the SVG is written by hand.

Usage: bench/plot.py TIMES OUT.svg SIZE...
"""
import math
import sys
from xml.sax.saxutils import escape

times_path, out_path, sizes = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = {}
with open(times_path, encoding="utf-8") as times:
    for line in times:
        parts = line.split()
        if len(parts) == 3:
            rows.setdefault(parts[0], []).append((parts[1], parts[2]))


def number(text):
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value > 0 else None


def median(name):
    values = sorted(v for v in (number(s) for s, _ in rows.get(name, [])) if v)
    return values[(len(values) - 1) // 2] if values else None


def phase_mib(name):
    kib = [v for v in (number(k) for _, k in rows.get(name, [])) if v]
    return max(kib) / 1024 if kib else None


def peak_mib(size):
    """The peak over every Allot phase of a workload (not the generator's, not Hugo's, not
    the sharded build's, which has a table of its own)."""
    left_out = [size + "." + phase for phase in ("generate", "hugo", "unsharded", "shards", "merge")]
    kib = [v for name, pairs in rows.items() if name.startswith(size + ".")
           and name not in left_out for v in (number(k) for _, k in pairs) if v]
    return max(kib) / 1024 if kib else None


# name: (phase in the times file, colour)
series = {
    "cold build": ("cold", "#1f6feb"),
    "render + write": ("allot-render", "#d1242f"),
    "import": ("import", "#2da44e"),
    "replay + check": ("replay", "#8250df"),
}
PEAK_COLOUR = "#bf8700"
# Issue 12: seconds for a cold build and MiB of peak memory, by workload; events per second.
COLD_TARGET = {"medium": 15, "large": 180}
PEAK_TARGET = {"medium": 512, "large": 1024}
RATE_TARGET = {"import": 500_000, "replay + check": 3_000_000}

points = [(size, median(size + ".events")) for size in sizes]
points = [(s, e) for s, e in points if e]
W, H, M = 980, 460, 72
panel_w = (W - 3 * M) / 2
top, height = 44, H - 44 - M


def log_range(values, lo_pad=0.7, hi_pad=1.4):
    lo, hi = min(values) * lo_pad, max(values) * hi_pad
    return math.log10(lo), math.log10(hi)


def scale(v, lo, hi, size):
    return (math.log10(v) - lo) / (hi - lo) * size


def ticks(lo, hi):
    """Powers of ten in range; with 1-2-5 steps when fewer than three fit."""
    decades = range(math.floor(lo), math.ceil(hi) + 1)
    found = [10 ** k for k in decades if lo <= k <= hi]
    if len(found) < 3:
        found = sorted(m * 10 ** k for k in decades for m in (1, 2, 5) if lo <= math.log10(m * 10 ** k) <= hi)
    return found


def label(v):
    for unit, div in (("M", 1e6), ("k", 1e3)):
        if v >= div:
            return f"{v / div:g}{unit}"
    return f"{v:g}"


def diamond(x, y, colour, r=7):
    return (f'<polygon points="{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}" '
            f'fill="white" stroke="{colour}" stroke-width="2"/>')


svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
       'font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>']


def panel(x0, title, ylabel, lines, targets, target_lines):
    """lines: (name, colour, [(events, value)], style); targets: (colour, events, value, text);
    target_lines: (name, colour, function of events)."""
    ys = [v for _, _, pts, _ in lines for _, v in pts] + [v for _, _, v, _ in targets]
    if not ys:
        return
    y_lo, y_hi = log_range(ys)
    ex_lo, ex_hi = log_range([e for _, e in points], 0.6, 1.6)

    def xy(e, v):
        return x0 + scale(e, ex_lo, ex_hi, panel_w), top + height - scale(v, y_lo, y_hi, height)

    svg.append(f'<text x="{x0 + panel_w / 2}" y="26" text-anchor="middle" font-size="15" font-weight="bold">{escape(title)}</text>')
    svg.append(f'<svg x="{x0}" y="{top}" width="{panel_w}" height="{height}" overflow="hidden">'
               f'<g transform="translate({-x0} {-top})">')
    # Where each tick falls: grid lines inside the panel, labels outside it.
    x_ticks = [(t, xy(t, 10 ** y_lo)[0]) for t in ticks(ex_lo, ex_hi)]
    y_ticks = [(t, xy(10 ** ex_lo, t)[1]) for t in ticks(y_lo, y_hi)]
    for _, x in x_ticks:
        svg.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + height}" stroke="#e6e6e6"/>')
    for _, y in y_ticks:
        svg.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + panel_w}" y2="{y:.1f}" stroke="#e6e6e6"/>')
    for _, colour, target in target_lines:
        es = [10 ** (ex_lo + (ex_hi - ex_lo) * i / 20) for i in range(21)]
        svg.append('<polyline fill="none" stroke="{}" stroke-width="1.5" stroke-dasharray="2 4" points="{}"/>'.format(
            colour, " ".join("{:.1f},{:.1f}".format(*xy(e, target(e))) for e in es)))
    for name, colour, pts, style in lines:
        coords = [xy(e, v) for e, v in pts]
        width, extra = (7, ' stroke-opacity="0.35" stroke-linecap="round"') if style == "halo" else (2, "")
        if len(coords) > 1:
            svg.append('<polyline fill="none" stroke="{}" stroke-width="{}"{} points="{}"/>'.format(
                colour, width, extra, " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)))
        for (x, y), (e, v) in zip(coords, pts):
            r = 7 if style == "halo" else 4
            opacity = ' fill-opacity="0.35"' if style == "halo" else ""
            svg.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}"{opacity}>'
                       f'<title>{escape(name)}: {v:.3g} at {label(e)} events</title></circle>')
    for colour, e, v, text in targets:
        x, y = xy(e, v)
        svg.append(diamond(x, y, colour) + f'<title>{escape(text)}</title>')
    svg.append('</g></svg>')
    svg.append(f'<rect x="{x0}" y="{top}" width="{panel_w}" height="{height}" fill="none" stroke="#888"/>')
    for t, x in x_ticks:
        svg.append(f'<text x="{x:.1f}" y="{top + height + 17}" text-anchor="middle">{label(t)}</text>')
    for t, y in y_ticks:
        svg.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end">{label(t)}</text>')
    for size, e in points:
        x, _ = xy(e, 10 ** y_lo)
        svg.append(f'<text x="{x:.1f}" y="{top + height + 31}" text-anchor="middle" fill="#777" font-size="11">{size}</text>')
    svg.append(f'<text x="{x0 + panel_w / 2}" y="{top + height + 52}" text-anchor="middle">events (log scale)</text>')
    svg.append(f'<text x="{x0 - 50}" y="{top + height / 2}" text-anchor="middle" '
               f'transform="rotate(-90 {x0 - 50} {top + height / 2})">{escape(ylabel)}</text>')
    # Legend, top left, on a white box.
    legend = [(name, colour, style) for name, colour, _, style in lines]
    legend += [(name + " target", colour, "dotted") for name, colour, _ in target_lines]
    if targets:
        legend.append(("target (issue 12)", "#444", "diamond"))
    width = 12 + 7.2 * max(len(name) for name, _, _ in legend) + 24
    svg.append(f'<rect x="{x0 + 6}" y="{top + 6}" width="{width:.0f}" height="{len(legend) * 18 + 8}" '
               'fill="white" fill-opacity="0.9" stroke="#ccc"/>')
    for i, (name, colour, style) in enumerate(legend):
        lx, ly = x0 + 14, top + 20 + i * 18
        if style == "diamond":
            svg.append(diamond(lx + 8, ly - 4, colour, 5))
        elif style == "dotted":
            svg.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 16}" y2="{ly - 4}" stroke="{colour}" stroke-width="1.5" stroke-dasharray="2 3"/>')
        elif style == "halo":
            svg.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 16}" y2="{ly - 4}" stroke="{colour}" stroke-width="7" stroke-opacity="0.35"/>')
        else:
            svg.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 16}" y2="{ly - 4}" stroke="{colour}" stroke-width="2"/>'
                       f'<circle cx="{lx + 8}" cy="{ly - 4}" r="3.5" fill="{colour}"/>')
        svg.append(f'<text x="{lx + 22}" y="{ly}">{escape(name)}</text>')


if points:
    time_lines = []
    for name, (phase, colour) in series.items():
        pts = [(e, median(f"{s}.{phase}")) for s, e in points]
        time_lines.append((name, colour, [(e, v) for e, v in pts if v], "line"))
    cold_colour = series["cold build"][1]
    time_targets = [(cold_colour, e, COLD_TARGET[s], f"{s} cold build target: {COLD_TARGET[s]} s")
                    for s, e in points if s in COLD_TARGET]
    rate_lines = [(name, series[name][1], lambda e, r=rate: e / r) for name, rate in RATE_TARGET.items()]
    panel(M, "Time against events", "seconds (log scale)", time_lines, time_targets, rate_lines)

    memory_lines = [("peak, any phase", PEAK_COLOUR, [(e, v) for e, v in ((e, peak_mib(s)) for s, e in points) if v], "halo")]
    for name, (phase, colour) in series.items():
        pts = [(e, phase_mib(f"{s}.{phase}")) for s, e in points]
        memory_lines.append((name, colour, [(e, v) for e, v in pts if v], "line"))
    memory_targets = [(PEAK_COLOUR, e, PEAK_TARGET[s], f"{s} peak memory target: {PEAK_TARGET[s]} MiB")
                      for s, e in points if s in PEAK_TARGET]
    panel(2 * M + panel_w, "Peak memory against events", "MiB (log scale)", memory_lines, memory_targets, [])
else:
    svg.append(f'<text x="{W / 2}" y="{H / 2}" text-anchor="middle">no workload recorded</text>')
svg.append("</svg>")
with open(out_path, "w", encoding="utf-8") as out:
    out.write("\n".join(svg) + "\n")

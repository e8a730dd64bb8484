#!/usr/bin/env python3
"""Draws bench/growth.svg from bench/work/times: time per phase and peak memory against
events, on log-log axes, one point per workload. Standard library only.

Usage: bench/plot.py TIMES OUT.svg SIZE...
"""
import math
import sys

times_path, out_path, sizes = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = {}
for line in open(times_path, encoding="utf-8"):
    parts = line.split()
    if len(parts) == 3:
        rows.setdefault(parts[0], []).append((parts[1], parts[2]))


def median(name):
    values = sorted(float(v) for v, _ in rows.get(name, []) if v not in ("failed", "-"))
    return values[(len(values) - 1) // 2] if values else None


def peak_mib(size):
    kib = [float(k) for name, pairs in rows.items() if name.startswith(size + ".")
           and name not in (size + ".generate", size + ".hugo") for _, k in pairs]
    return max(kib) / 1024 if kib else None


series = {
    "cold build": ("cold", "#1f6feb"),
    "render + write": ("allot-render", "#d1242f"),
    "import": ("import", "#2da44e"),
    "replay + check": ("replay", "#8250df"),
}
points = [(size, median(size + ".events")) for size in sizes]
points = [(s, e) for s, e in points if e]
W, H, M = 920, 420, 70
panel_w = (W - 3 * M) / 2


def axis(values, lo_pad=0.8, hi_pad=1.25):
    lo, hi = min(values) * lo_pad, max(values) * hi_pad
    return math.log10(lo), math.log10(hi)


def scale(v, lo, hi, size):
    return (math.log10(v) - lo) / (hi - lo) * size


def ticks(lo, hi):
    return [10 ** k for k in range(math.floor(lo), math.ceil(hi) + 1) if lo <= k <= hi]


def label(v):
    for unit, div in (("M", 1e6), ("k", 1e3)):
        if v >= div:
            return f"{v / div:g}{unit}"
    return f"{v:g}"


svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>']
if points:
    ex_lo, ex_hi = axis([e for _, e in points])

    def panel(x0, title, ylabel, lines):
        ys = [v for _, _, pts in lines for _, v in pts]
        if not ys:
            return
        y_lo, y_hi = axis(ys)
        top, height = 40, H - 40 - M
        svg.append(f'<text x="{x0 + panel_w / 2}" y="24" text-anchor="middle" font-size="14" font-weight="bold">{title}</text>')
        svg.append(f'<rect x="{x0}" y="{top}" width="{panel_w}" height="{height}" fill="none" stroke="#888"/>')
        for t in ticks(ex_lo, ex_hi):
            x = x0 + scale(t, ex_lo, ex_hi, panel_w)
            svg.append(f'<line x1="{x}" y1="{top}" x2="{x}" y2="{top + height}" stroke="#eee"/>')
            svg.append(f'<text x="{x}" y="{top + height + 16}" text-anchor="middle">{label(t)}</text>')
        for t in ticks(y_lo, y_hi):
            y = top + height - scale(t, y_lo, y_hi, height)
            svg.append(f'<line x1="{x0}" y1="{y}" x2="{x0 + panel_w}" y2="{y}" stroke="#eee"/>')
            svg.append(f'<text x="{x0 - 6}" y="{y + 4}" text-anchor="end">{label(t)}</text>')
        svg.append(f'<text x="{x0 + panel_w / 2}" y="{top + height + 36}" text-anchor="middle">events (log scale)</text>')
        svg.append(f'<text x="{x0 - 48}" y="{top + height / 2}" text-anchor="middle" '
                   f'transform="rotate(-90 {x0 - 48} {top + height / 2})">{ylabel}</text>')
        for i, (name, colour, pts) in enumerate(lines):
            coords = [(x0 + scale(e, ex_lo, ex_hi, panel_w), top + height - scale(v, y_lo, y_hi, height)) for e, v in pts]
            if len(coords) > 1:
                svg.append('<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>'.format(
                    colour, " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)))
            for (x, y), (e, v) in zip(coords, pts):
                svg.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"><title>{name}: {v:g} at {label(e)} events</title></circle>')
            svg.append(f'<rect x="{x0 + 10}" y="{top + 10 + i * 18}" width="12" height="12" fill="{colour}"/>')
            svg.append(f'<text x="{x0 + 28}" y="{top + 20 + i * 18}">{name}</text>')

    time_lines = []
    for name, (phase, colour) in series.items():
        pts = [(e, median(f"{s}.{phase}")) for s, e in points]
        time_lines.append((name, colour, [(e, v) for e, v in pts if v]))
    panel(M, "Time against events", "seconds (log scale)", time_lines)
    def phase_mib(name):
        kib = [float(k) for v, k in rows.get(name, []) if v not in ("failed", "-")]
        return max(kib) / 1024 if kib and max(kib) > 0 else None

    memory = [(e, peak_mib(s)) for s, e in points]
    memory_lines = [("peak, any phase", "#bf8700", [(e, v) for e, v in memory if v])]
    for name, (phase, colour) in series.items():
        if phase == "cold":
            continue
        pts = [(e, phase_mib(f"{s}.{phase}")) for s, e in points]
        memory_lines.append((name, colour, [(e, v) for e, v in pts if v]))
    panel(2 * M + panel_w, "Peak memory against events", "MiB (log scale)", memory_lines)
svg.append("</svg>")
open(out_path, "w", encoding="utf-8").write("\n".join(svg) + "\n")

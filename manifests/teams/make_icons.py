#!/usr/bin/env python3
"""Draws the Teams app icons (no dependencies): color.png 192x192 (white speech bubble with a tick on the
accent colour) and outline.png 32x32 (the same shape as a white outline on transparency, as Teams requires).
Run from this folder: python3 make_icons.py"""
import math, struct, zlib

ACCENT = (0x1F, 0x6F, 0x8B)

def rounded_rect(px, py, cx, cy, hw, hh, r):
    qx, qy = abs(px - cx) - hw + r, abs(py - cy) - hh + r
    return math.hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - r

def segment(px, py, ax, ay, bx, by):
    dx, dy, ex, ey = px - ax, py - ay, bx - ax, by - ay
    t = max(0.0, min(1.0, (dx * ex + dy * ey) / (ex * ex + ey * ey)))
    return math.hypot(dx - ex * t, dy - ey * t)

def triangle(px, py, a, b, c):
    # signed distance sign only (inside < 0), distance approximated by the nearest edge
    def edge(p1, p2):
        return (p2[0] - p1[0]) * (py - p1[1]) - (p2[1] - p1[1]) * (px - p1[0])
    e1, e2, e3 = edge(a, b), edge(b, c), edge(c, a)
    d = min(segment(px, py, *a, *b), segment(px, py, *b, *c), segment(px, py, *c, *a))
    inside = (e1 >= 0 and e2 >= 0 and e3 >= 0) or (e1 <= 0 and e2 <= 0 and e3 <= 0)
    return -d if inside else d

def bubble(x, y):
    """Signed distance to the speech bubble in unit coordinates (0..1)."""
    body = rounded_rect(x, y, 0.5, 0.44, 0.36, 0.27, 0.11)
    tail = triangle(x, y, (0.28, 0.66), (0.46, 0.66), (0.24, 0.86))
    return min(body, tail)

def tick(x, y):
    return min(segment(x, y, 0.33, 0.45, 0.45, 0.56), segment(x, y, 0.45, 0.56, 0.67, 0.32))

def render(size, pixel):
    samples = 4
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sj in range(samples):
                for si in range(samples):
                    x, y = (i + (si + 0.5) / samples) / size, (j + (sj + 0.5) / samples) / size
                    r, g, b, a = pixel(x, y)
                    acc[0] += r * a; acc[1] += g * a; acc[2] += b * a; acc[3] += a
            n = samples * samples
            alpha = acc[3] / n
            rgb = [int(round(c / acc[3])) if acc[3] else 0 for c in acc[:3]]
            row += bytes(rgb + [int(round(alpha * 255))])
        rows.append(bytes(row))
    raw = b"".join(rows)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

def color(x, y):
    if bubble(x, y) <= 0:
        return (0x1F, 0x6F, 0x8B, 1.0) if tick(x, y) <= 0.045 else (255, 255, 255, 1.0)
    return (*ACCENT, 1.0)

def outline(x, y):
    stroke = abs(bubble(x, y)) <= 0.045 or tick(x, y) <= 0.05
    return (255, 255, 255, 1.0 if stroke else 0.0)

if __name__ == "__main__":
    with open("color.png", "wb") as f: f.write(render(192, color))
    with open("outline.png", "wb") as f: f.write(render(32, outline))

#!/usr/bin/env python3
"""Draws the app icon and writes assets/windows/pcn-explorer.ico (16 to 256 pixels) and
assets/windows/pcn-explorer-256.png.

The picture: a hub (a large white dot) joined to five practices (small dots) on an NHS blue
rounded square. Pure Python (no Pillow): each size is drawn from the same shapes with signed
distance functions, so edges are anti-aliased; lines are never thinner than about a pixel, so
the 16-pixel icon still reads. Run from the repository root: python3 tools/make_icon.py
"""

import math
import struct
import sys
import zlib
from pathlib import Path

BLUE = (0x00, 0x5E, 0xB8)  # NHS Blue
WHITE = (0xFF, 0xFF, 0xFF)
SIZES = [16, 24, 32, 48, 64, 256]

# Shapes on a unit square (0..1, y down).
HUB = (0.5, 0.53)
PRACTICES = [
    (0.50, 0.19),
    (0.82, 0.42),
    (0.70, 0.81),
    (0.30, 0.81),
    (0.18, 0.42),
]


def rounded_square(x, y, radius):
    """Signed distance to the square 0.04..0.96 with rounded corners (negative inside)."""
    half = 0.46
    qx = abs(x - 0.5) - (half - radius)
    qy = abs(y - 0.5) - (half - radius)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - radius


def circle(x, y, centre, radius):
    return math.hypot(x - centre[0], y - centre[1]) - radius


def segment(x, y, a, b, half_width):
    ax, ay = x - a[0], y - a[1]
    bx, by = b[0] - a[0], b[1] - a[1]
    t = max(0.0, min(1.0, (ax * bx + ay * by) / (bx * bx + by * by)))
    return math.hypot(ax - bx * t, ay - by * t) - half_width


def draw(size):
    """RGBA rows (top first) of the icon at `size` pixels."""
    pixel = 1.0 / size
    # Fine lines vanish at 16 px: keep every stroke and dot at least about a pixel wide.
    line = max(0.035, 0.55 * pixel)
    hub = max(0.13, 2.2 * pixel)
    dot = max(0.075, 1.3 * pixel)
    rows = []
    for row in range(size):
        y = (row + 0.5) * pixel
        out = bytearray()
        for column in range(size):
            x = (column + 0.5) * pixel
            back = rounded_square(x, y, 0.2)
            mark = circle(x, y, HUB, hub)
            for practice in PRACTICES:
                mark = min(mark, circle(x, y, practice, dot), segment(x, y, HUB, practice, line))
            cover_back = min(1.0, max(0.0, 0.5 - back / pixel))
            cover_mark = min(1.0, max(0.0, 0.5 - mark / pixel))
            colour = [round(b + (w - b) * cover_mark) for b, w in zip(BLUE, WHITE)]
            out += bytes(colour) + bytes([round(255 * cover_back)])
        rows.append(bytes(out))
    return rows


def png(size, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\0" + row for row in rows)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def dib(size, rows):
    """A 32-bit BMP image as an ICO holds it: header, BGRA rows bottom first, AND mask."""
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = b"".join(
        bytes(row[i + c] for i in range(0, len(row), 4) for c in (2, 1, 0, 3))
        for row in reversed(rows)
    )
    mask_row = ((size + 31) // 32) * 4
    return header + pixels + bytes(mask_row * size)


def ico(images):
    """ICO file of (size, bytes) images: small sizes as BMP, 256 as PNG (as Windows tools do)."""
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, data in images:
        side = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in images)


def main():
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("assets/windows")
    folder.mkdir(parents=True, exist_ok=True)
    images = []
    for size in SIZES:
        rows = draw(size)
        images.append((size, png(size, rows) if size >= 256 else dib(size, rows)))
        if size == 256:
            (folder / "pcn-explorer-256.png").write_bytes(png(size, rows))
    (folder / "pcn-explorer.ico").write_bytes(ico(images))
    print(f"wrote {folder / 'pcn-explorer.ico'} ({', '.join(map(str, SIZES))} px)")


if __name__ == "__main__":
    main()

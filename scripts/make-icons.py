#!/usr/bin/env python3
"""Writes the app icons (static/icon-192.png, static/icon-512.png): a 3×3 kernel in the figure's RdBu
colours on a dark square. Standard library only; run once, the PNGs are committed."""
import struct, zlib, pathlib

RDBU = [(178, 24, 43), (244, 165, 130), (247, 247, 247), (146, 197, 222), (33, 102, 172)]
KERNEL = [[0, 1, 2], [1, 2, 3], [2, 3, 4]]
BG = (30, 34, 40)

def icon(n):
    pad, gap = n * 0.16, n * 0.03
    cell = (n - 2 * pad - 2 * gap) / 3
    rows = []
    for y in range(n):
        row = bytearray([0])
        for x in range(n):
            colour = BG
            cx, cy = (x - pad) / (cell + gap), (y - pad) / (cell + gap)
            if 0 <= cx < 3 and 0 <= cy < 3 and (x - pad) % (cell + gap) < cell and (y - pad) % (cell + gap) < cell:
                colour = RDBU[KERNEL[int(cy)][int(cx)]]
            row += bytes(colour)
        rows.append(bytes(row))
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', n, n, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b''))

static = pathlib.Path(__file__).resolve().parent.parent / 'static'
for n in (192, 512):
    (static / f'icon-{n}.png').write_bytes(icon(n))

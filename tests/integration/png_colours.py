#!/usr/bin/env python3
"""png_colours.py PNG RRGGBB[:TOLERANCE]... - decode an 8-bit RGB or RGBA PNG
with nothing but zlib and print, for each colour asked for, how many pixels
are that colour (each channel within TOLERANCE, default 6), one count a line;
first a line "WIDTHxHEIGHT DISTINCT" with the image's size and the number of
distinct colours in it.  Exit 1 on a file that is not such a PNG."""
import struct
import sys
import zlib


def rows(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("%s: not a PNG" % path)
    pos, idat, width = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                sys.exit("%s: not an 8-bit RGB(A) PNG" % path)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    prev = bytearray(stride)
    out = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 255
        out.append(bytes(line))
        prev = line
    return width, height, bpp, out


def main():
    width, height, bpp, lines = rows(sys.argv[1])
    counts = {}
    for line in lines:
        for x in range(0, len(line), bpp):
            px = line[x:x + 3]
            counts[px] = counts.get(px, 0) + 1
    print("%dx%d %d" % (width, height, len(counts)))
    for want in sys.argv[2:]:
        hexa, _, tol = want.partition(":")
        tol = int(tol or 6)
        rgb = bytes.fromhex(hexa)
        n = sum(c for px, c in counts.items() if all(abs(px[i] - rgb[i]) <= tol for i in range(3)))
        print(n)


main()

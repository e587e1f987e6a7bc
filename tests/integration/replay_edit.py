#!/usr/bin/env python3
# replay_edit.py IN OUT OLD NEW: copy a replay (docs/replay-format.md,
# version 4 on), replacing the first OLD in the inflated records of the first
# chunk holding it by NEW (the same length), as a forger would: the chunk
# compressed again, its head, both CRC-32s, the index and the trailer made
# to fit, so only a re-simulation can tell.  Prints the chunk it changed.
import struct
import sys
import zlib


def main():
    src, dst, old, new = sys.argv[1], sys.argv[2], sys.argv[3].encode(), sys.argv[4].encode()
    if len(old) != len(new):
        sys.exit("replay_edit: OLD and NEW must be as long")
    data = open(src, "rb").read()
    if data[:8] != b"IRDRILLR" or struct.unpack_from("<I", data, 8)[0] < 4:
        sys.exit("replay_edit: not a replay of format version 4 or later")
    body = struct.unpack_from("<I", data, 12)[0]
    pos = 16 + body + 4
    (index_at,) = struct.unpack_from("<Q", data, len(data) - 16)
    out = bytearray(data[:pos])
    entries = []
    done = None
    while pos < index_at:
        head = data[pos:pos + 40]
        zlen, rawlen, records, first, last = struct.unpack_from("<IIIqq", head, 4)
        z = data[pos + 40:pos + 40 + zlen]
        if done is None:
            raw = zlib.decompress(z)
            at = raw.find(old)
            if at >= 0:
                raw = raw[:at] + new + raw[at + len(old):]
                z = zlib.compress(raw)
                done = len(entries) + 1
        head = bytearray(head)
        struct.pack_into("<I", head, 4, len(z))
        struct.pack_into("<I", head, 32, zlib.crc32(z))
        struct.pack_into("<I", head, 36, zlib.crc32(bytes(head[:32])))
        entries.append((len(out), len(z), rawlen, records, first, last))
        out += head + z
        pos += 40 + zlen
    if done is None:
        sys.exit("replay_edit: no chunk holds %r" % old)
    index_at = len(out)
    index = bytearray(b"INDX" + struct.pack("<I", len(entries)))
    for e in entries:
        index += struct.pack("<QIIIqq", *e)
    index += struct.pack("<I", zlib.crc32(bytes(index)))
    out += index + struct.pack("<Q", index_at) + b"RPLYINDX"
    open(dst, "wb").write(out)
    print("chunk %d" % done)


main()

#!/usr/bin/env python3
# replay_seeds.py DIR: beside each replay DIR/*.rpl (docs/replay-format.md),
# write the inflated bytes of each of its chunks as a seed for the
# harness's chunk mode (fuzz_replay.c): 'R', the format version, the bytes.
import glob
import os
import struct
import sys
import zlib

for path in glob.glob(os.path.join(sys.argv[1], "*.rpl")):
    data = open(path, "rb").read()
    version, body = struct.unpack_from("<II", data, 8)
    pos, n = 16 + body + 4, 0
    while data[pos:pos + 4] == b"CHNK":
        (zlen,) = struct.unpack_from("<I", data, pos + 4)
        raw = zlib.decompress(data[pos + 40:pos + 40 + zlen])
        with open("%s.chunk%d" % (path[:-4], n), "wb") as out:
            out.write(b"R" + bytes([version - 2]) + raw)
        pos += 40 + zlen
        n += 1

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Makes a seed corpus for tests/fuzz/fuzz_epub.c from EPUB files: each
book once as it stands (first byte 0x01: the raw archive) and once as the
harness's list of entries (first byte 0x00: "NAME\\nBYTES" joined by
"\\n|||"), so that mutations reach the XML inside as well as the zip.

Usage: make-epub-seeds.py OUT_DIR BOOK.epub...
"""
import hashlib
import os
import sys
import zipfile


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for path in sys.argv[2:]:
        raw = open(path, "rb").read()
        seeds = [b"\x01" + raw]
        try:
            with zipfile.ZipFile(path) as z:
                parts = [i.filename.encode() + b"\n" + z.read(i) for i in z.infolist()
                         if not i.is_dir()]
            seeds.append(b"\x00" + b"\n|||".join(parts))
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
            pass
        for seed in seeds:
            if len(seed) > 64 * 1024:
                continue
            name = hashlib.sha1(seed).hexdigest()
            with open(os.path.join(out, name), "wb") as f:
                f.write(seed)


if __name__ == "__main__":
    main()

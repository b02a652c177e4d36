#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes small HTML pages (and one photo) from samples/*.txt for
tests/epub/make-books.sh to feed to pandoc and calibre.

Usage: make-pages.py SAMPLES_DIR OUT_DIR
"""
import html
import os
import struct
import sys
import zlib

PAGES = {
    # sample: (lang, title, author, photo caption)
    "en-port": ("en", "Rotterdam port handles fewer containers", "Sarah Mitchell",
                "Cranes unload a container ship at the Maasvlakte terminal."),
    "sv-val": ("sv", "Valresultatet dröjer efter jämn rysare", "Anna Lindqvist", None),
    "de-hochwasser": ("de", "Hochwasser in Bayern: Lage bleibt angespannt", "Thomas Müller",
                      "Ein überfluteter Ort an der Donau."),
    "da-cykel": ("da", "Københavnerne cykler mere end nogensinde", "Mette Frederiksen Holm",
                 None),
}


def png(width, height, rgb):
    """A solid-colour PNG, small enough to commit inside an EPUB."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def paragraphs(path):
    text = open(path, encoding="utf-8").read()
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    # Drop the header block ("date ...", "title ...") the plain-text layout starts with.
    keys = ("date ", "title ", "subtitle ", "id ", "lang ", "source ")
    return [b for b in blocks if not all(line.startswith(keys) for line in b.splitlines())]


def page(name, lang, title, author, caption, blocks):
    out = [f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">',
           f"<title>{html.escape(title)}</title>",
           f'<meta name="author" content="{html.escape(author)}">',
           "</head>\n<body>", f"<h1>{html.escape(title)}</h1>"]
    for i, block in enumerate(blocks):
        text = html.escape(" ".join(block.split()))
        if block.startswith(title[:20]) or block.startswith(("Text:", "Von ", "Af ", "By ")):
            continue
        if len(block) < 40 and not block.endswith("."):
            out.append(f"<h2>{text}</h2>")
        else:
            out.append(f"<p>{text}</p>")
        if i == 2 and caption:
            out.append(f'<figure>\n<img src="photo.png" alt="{html.escape(caption)}">\n'
                       f"<figcaption>{html.escape(caption)}</figcaption>\n</figure>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def main():
    samples, outdir = sys.argv[1], sys.argv[2]
    with open(os.path.join(outdir, "photo.png"), "wb") as f:
        f.write(png(48, 32, (40, 90, 160)))
    for name, (lang, title, author, caption) in PAGES.items():
        blocks = paragraphs(os.path.join(samples, name + ".txt"))
        with open(os.path.join(outdir, name + ".html"), "w", encoding="utf-8") as f:
            f.write(page(name, lang, title, author, caption, blocks))


if __name__ == "__main__":
    main()

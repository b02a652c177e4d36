#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the EPUBs that tests/plugins/test_epub_read.c and tests/epub.sh
read: one small valid book, and hostile ones made from it (a zip bomb of
1 GiB of zeros, `../` and absolute entry names, an encrypted entry, external
entities in the package document, a missing spine item, a cut archive...).
They are made at build time rather than committed: the bomb alone is 1 MB.

The archives are written by hand, not with zipfile, so that each header
field can lie the way an attacker's would.

Usage: make-hostile.py OUT_DIR
"""
import os
import struct
import sys
import zlib

CONTAINER = b"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""

OPF = """<?xml version="1.0" encoding="UTF-8"?>{doctype}
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:isbn:9780000000001</dc:identifier>
    <dc:title>{title}</dc:title>
    <dc:language>nb</dc:language>
    <dc:creator>Kari Nordmann</dc:creator>
    <dc:date>2023-09-13</dc:date>
    <dc:publisher>NTB</dc:publisher>
    <meta property="dcterms:modified">2023-09-13T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ch1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>
    <item id="photo" href="images/photo%201.png" media-type="image/png"/>{items}
  </manifest>
  <spine>
    <itemref idref="nav" linear="no"/>
    <itemref idref="ch1"/>{refs}
  </spine>
</package>
"""

NAV = b"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Contents</title></head>
<body><nav epub:type="toc"><ol><li><a href="text/ch1.xhtml">Ferja</a></li></ol></nav></body>
</html>
"""

CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" lang="nb" xml:lang="nb">
<head><title>Ferja er tilbake</title></head>
<body>
<h1>Ferja er tilbake</h1>
<p>Ferja mellom Bastø og Moss går igjen etter tre dager med innstilte avganger.</p>
<figure><img src="../images/photo%201.png" alt="Ferja ved kai"/>
<figcaption>Ferja ved kai i Moss.</figcaption></figure>
<p>{body}</p>
</body>
</html>
"""


ENCRYPTION = """<?xml version="1.0" encoding="UTF-8"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
    xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData>
    <enc:EncryptionMethod Algorithm="{algorithm}"/>
    <enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData>
  </enc:EncryptedData>
</encryption>
"""


def png(width, height):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    rows = b"".join(b"\0" + b"\x30\x60\x90" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


class Entry:
    """One zip entry; every field may be set to lie."""

    def __init__(self, name, data=b"", deflate=True):
        self.name = name.encode() if isinstance(name, str) else name
        self.flags = 0x800  # names are UTF-8
        self.method = 8 if deflate else 0
        self.crc = zlib.crc32(data)
        self.usize = len(data)
        if deflate:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            self.comp = c.compress(data) + c.flush()
        else:
            self.comp = data


def zip_bytes(entries):
    out, central = bytearray(), bytearray()
    for e in entries:
        offset = len(out)
        fields = struct.pack("<HHHHHIII", 20, e.flags, e.method, 0, 0x21, e.crc, len(e.comp),
                             e.usize)
        local = getattr(e, "local_name", e.name)
        out += b"PK\3\4" + fields + struct.pack("<HH", len(local), 0) + local + e.comp
        central += (b"PK\1\2" + struct.pack("<H", 20) + fields
                    + struct.pack("<HHHHHII", len(e.name), 0, 0, 0, 0, 0, offset) + e.name)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central),
                      len(out), 0)
    return bytes(out + central + end)


def book(title="Ferja er tilbake", doctype="", items="", refs="", body="Trafikken går som normalt.",
         extra=(), chapter=None):
    opf = OPF.format(title=title, doctype=doctype, items=items, refs=refs)
    return [
        Entry("mimetype", b"application/epub+zip", deflate=False),
        Entry("META-INF/container.xml", CONTAINER),
        Entry("OEBPS/content.opf", opf.encode()),
        Entry("OEBPS/nav.xhtml", NAV),
        Entry("OEBPS/text/ch1.xhtml", chapter if chapter is not None
              else CHAPTER.format(body=body).encode()),
        Entry("OEBPS/images/photo 1.png", png(40, 30), deflate=False),
        *extra,
    ]


def gigabyte_of_zeros():
    """Raw deflate of 1 GiB of zeros, about 1 MB: one full-flushed MiB repeated."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    return piece * 1024 + c.flush()


def bomb(name, declared):
    e = Entry(name, b"")
    e.comp = gigabyte_of_zeros()
    e.usize = declared
    e.crc = 0  # never reached: the reader stops long before the end
    return e


def replace(entries, new):
    return [new if e.name == new.name else e for e in entries]


def two_photos(out):
    """An HTML article with two photos, for tests/epub.sh: html -> epub -> pdf."""
    for name, size in (("a.png", (64, 48)), ("b.png", (48, 64))):
        with open(os.path.join(out, name), "wb") as f:
            f.write(png(*size))
    with open(os.path.join(out, "two-photos.html"), "w", encoding="utf-8") as f:
        f.write("""<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>To bilder fra Moss</title></head>
<body><article><h1>To bilder fra Moss</h1>
<p>Ferja mellom Bastø og Moss går igjen etter tre dager med innstilte avganger.</p>
<figure><img src="a.png" alt="Ferja ved kai"><figcaption>Ferja ved kai. Foto: Kari Nordmann / NTB</figcaption></figure>
<p>Trafikken går som normalt igjen, opplyser rederiet.</p>
<figure><img src="b.png" alt="Passasjerer"><figcaption>Passasjerer går om bord. Foto: Ola Nordmann / NTB</figcaption></figure>
</article></body></html>
""")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    books = {}
    books["valid"] = book()
    books["bomb"] = replace(book(), bomb("OEBPS/text/ch1.xhtml", 1 << 30))
    books["bomb-lying"] = replace(book(), bomb("OEBPS/text/ch1.xhtml", 4000))
    books["bomb-image"] = replace(book(), bomb("OEBPS/images/photo 1.png", 1 << 30))
    books["dotdot"] = book(extra=[Entry("OEBPS/../../evil.xhtml", b"<p>x</p>")])
    books["absolute"] = book(extra=[Entry("/etc/cron.d/evil", b"* * * * * root true")])
    books["backslash"] = book(extra=[Entry("..\\..\\evil.xhtml", b"<p>x</p>")])
    enc = book()
    enc[4].flags |= 1  # the "encrypted" bit of the chapter
    books["encrypted"] = enc
    books["xxe"] = book(title="&xxe;", doctype="\n<!DOCTYPE package [\n"
                        '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>')
    laughs = "".join(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">\n' for i in range(1, 10))
    books["laughs"] = book(title="&l9;", doctype='\n<!DOCTYPE package [\n<!ENTITY l0 "ha">\n'
                           + laughs + "]>")
    books["missing-item"] = book(
        items='\n    <item id="ch2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/>',
        refs='\n    <itemref idref="ch2"/>')
    books["missing-idref"] = book(refs='\n    <itemref idref="ch9"/>')
    books["not-epub"] = replace(book(), Entry("mimetype", b"application/vnd.oasis.opendocument.text",
                                              deflate=False))
    books["many-entries"] = book(extra=[Entry(f"x/{i}", b"", deflate=False) for i in range(10001)])
    books["tag-soup"] = book(chapter=b"<html><body><p>Ferja<br>er tilbake &nbsp; i Moss<p>To</body>")
    books["spine-twice"] = book(
        items='\n    <item id="again" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>',
        refs='\n    <itemref idref="again"/>')
    books["dup-name"] = book(extra=[Entry("OEBPS/text/ch1.xhtml", b"<p>other</p>")])
    two_faced = book()
    two_faced[4].local_name = b"OEBPS/text/ch1.xhtmX"  # what an unzipper that reads local headers sees
    books["two-faced"] = two_faced
    # Entities in a content document: the quadratic blowup (a 100 kB entity used 20,000
    # times is 2 GB of text) and the same XXE in a package document encoded as UTF-16.
    quadratic = ('<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY a "' + "x" * 100000
                 + '">\n]>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>'
                 + "&a;" * 20000 + "</p></body></html>")
    books["quadratic"] = book(chapter=quadratic.encode())
    xxe16 = OPF.format(title="&xxe;", items="", refs="", doctype="\n<!DOCTYPE package [\n"
                       '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>')
    xxe16 = xxe16.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    books["xxe-utf16"] = replace(book(), Entry("OEBPS/content.opf", xxe16))
    books["drm"] = book(extra=[Entry("META-INF/encryption.xml", ENCRYPTION.format(
        algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc", uri="OEBPS/text/ch1.xhtml").encode())])
    books["obfuscated-font"] = book(extra=[
        Entry("META-INF/encryption.xml", ENCRYPTION.format(
            algorithm="http://www.idpf.org/2008/embedding", uri="OEBPS/fonts/a.otf").encode()),
        Entry("OEBPS/fonts/a.otf", b"\x17\x42 obfuscated")])
    books["bad-opf"] = replace(book(), Entry("OEBPS/content.opf", b'<?xml version="1.0"?>\n'
                                             b'<package version="3.0">\n  <metadata>\n'
                                             b"    <dc:title>Ferja</title>\n"))
    for name, entries in books.items():
        with open(os.path.join(out, name + ".epub"), "wb") as f:
            f.write(zip_bytes(entries))
    two_photos(out)
    whole = zip_bytes(books["valid"])
    with open(os.path.join(out, "truncated.epub"), "wb") as f:
        f.write(whole[: len(whole) * 2 // 3])


if __name__ == "__main__":
    main()

#!/bin/sh
# SPDX-License-Identifier: MIT
# Makes the EPUBs of other tools that tests/plugins/test_epub_read.c reads:
# pandoc (EPUB 3 and EPUB 2) and calibre (EPUB 3 and EPUB 2, with NCX and
# XHTML 1.1) from small HTML pages built out of samples/. Run by hand, not
# in CI: neither tool is a build dependency, and the books are committed.
#   apt-get install pandoc; apt-get install --no-install-recommends calibre
#   sh tests/epub/make-books.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$here/make-pages.py" "$top/samples" "$tmp"

cd "$tmp"
pandoc --version | head -1
ebook-convert --version | head -1
pandoc -s en-port.html -o "$here/pandoc-en.epub"
pandoc -s sv-val.html -t epub2 -o "$here/pandoc-sv-epub2.epub"
ebook-convert de-hochwasser.html "$here/calibre-de-epub2.epub" --epub-version 2 --language de \
    --no-default-epub-cover >/dev/null
ebook-convert da-cykel.html "$here/calibre-da.epub" --epub-version 3 --language da \
    --no-default-epub-cover >/dev/null
ls -l "$here"/*.epub

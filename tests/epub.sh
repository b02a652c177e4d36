#!/bin/bash
# SPDX-License-Identifier: MIT
# The EPUB reader through the folio command (TAP): each hostile book
# (tests/epub/make-hostile.py) exits 1 with a message naming the entry, in
# bounded memory, and writes nothing; an article with two photos keeps both
# through html -> epub -> pdf, when those plugins are there.
set -u
folio=${FOLIO_EXE:?}
gen=${FOLIO_BUILD_ROOT:?}/tests/epub
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

check() { # description, then a command that must succeed
    local what=$1
    shift
    n=$((n + 1))
    if "$@"; then
        echo "ok $n - $what"
    else
        echo "not ok $n - $what"
        failed=$((failed + 1))
    fi
}

# A cap on address space proves a 1 GB entry is never inflated; AddressSanitizer
# reserves terabytes of shadow memory, so a sanitized build runs without it.
cap=
if ! ldd "$folio" 2>/dev/null | grep -q 'libasan'; then
    cap='ulimit -v 800000;'
fi

refused() { # book, entry the message must name
    rm -rf "$tmp/out"
    mkdir "$tmp/out"
    bash -c "$cap"' exec "$@"' folio "$folio" "$gen/$1" -o "$tmp/out/book.json" 2>"$tmp/err"
    local rc=$?
    [ "$rc" -eq 1 ] || { echo "# $1: exit $rc: $(cat "$tmp/err")"; return 1; }
    grep -qF -- "$1: $2" "$tmp/err" || { echo "# $1: message: $(cat "$tmp/err")"; return 1; }
    [ -z "$(ls -A "$tmp/out")" ] || { echo "# $1: left $(ls -A "$tmp/out")"; return 1; }
}

while read -r book entry; do
    check "$book is refused, naming $entry, writing nothing" refused "$book" "$entry"
done <<'LIST'
bomb.epub OEBPS/text/ch1.xhtml
bomb-lying.epub OEBPS/text/ch1.xhtml
bomb-image.epub OEBPS/images/photo 1.png
dotdot.epub OEBPS/../../evil.xhtml
absolute.epub /etc/cron.d/evil
encrypted.epub OEBPS/text/ch1.xhtml
xxe.epub OEBPS/content.opf:3:1
laughs.epub OEBPS/content.opf:3:1
quadratic.epub OEBPS/text/ch1.xhtml:3:1
missing-item.epub OEBPS/text/ch2.xhtml
missing-idref.epub OEBPS/content.opf:20
truncated.epub OEBPS/text/ch1.xhtml
LIST

has() { # format, "read" or "write"
    "$folio" --list-formats 2>/dev/null | grep -Eq "^$1 +[a-z+]*$2"
}

two_photos() {
    "$folio" "$gen/two-photos.html" -o "$tmp/two.epub" &&
        "$folio" "$tmp/two.epub" -o "$tmp/two.pdf" &&
        [ "$(pdfimages -list "$tmp/two.pdf" | tail -n +3 | wc -l)" -eq 2 ]
}

n=$((n + 1))
if has html read && has epub write && has epub read && has pdf write && command -v pdfimages >/dev/null; then
    if two_photos; then
        echo "ok $n - an article with two photos keeps both through html -> epub -> pdf"
    else
        echo "not ok $n - an article with two photos keeps both through html -> epub -> pdf"
        failed=$((failed + 1))
    fi
else
    echo "ok $n - # SKIP html -> epub -> pdf needs the html reader, epub and pdf writers, pdfimages"
fi
echo "1..$n"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# epubcheck reports 0 errors and 0 warnings on the EPUB of every sample, with
# and without a cover, on an article with pictures (and a missing one), and on
# a digest of all samples; and a book built twice is the same bytes. TAP.
# One JVM checks every book (tests/epubcheck/CheckAll.java). Debian's
# /usr/bin/epubcheck wrapper is broken on Debian 12: the jar is run directly.
set -u
folio=${FOLIO_EXE:?FOLIO_EXE is not set}
root=${FOLIO_SOURCE_ROOT:?FOLIO_SOURCE_ROOT is not set}
jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
if [ ! -f "$jar" ] || ! command -v java >/dev/null; then
    # .ci/deps installs both: in CI a missing validator is a failure, not a skip.
    if [ "${CI:-}" = true ]; then
        echo "1..1"; echo "not ok 1 - epubcheck ($jar) and java are installed"; exit 1
    fi
    echo "1..0 # SKIP epubcheck ($jar) or java is not installed"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
result() { # result STATUS DESCRIPTION
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
books=()
make_book() { # make_book BOOK FOLIO-ARGS...
    local book=$1
    shift
    if "$folio" -q "$@" -o "$book" 2>"$work/err"; then
        books+=("$book")
    else
        result 1 "folio $* -o $(basename "$book")"
        sed 's/^/# /' "$work/err"
    fi
}

for f in "$root"/samples/*.txt "$root"/samples/*.json "$root"/samples/html/*.html; do
    [ -f "$f" ] && make_book "$work/$(basename "$f").epub" "$f"
done
sample=$root/samples/article-sample.txt
make_book "$work/cover-jpeg.epub" "$sample" -O epub.cover="$root/tests/epubcheck/photo.jpg"
make_book "$work/cover-png.epub" "$sample" -O epub.cover="$root/tests/epubcheck/pic.png"

# An article with two pictures beside it (one used twice) and one that is missing.
mkdir "$work/pictures"
cp "$root/tests/epubcheck/photo.jpg" "$root/tests/epubcheck/pic.png" "$work/pictures/"
cat >"$work/pictures/article.json" <<'JSON'
{
  "version": 1,
  "meta": {"title": "Ferja & «bølgene»", "date": "2024-03-05T14:30+01:00", "lang": "nn",
           "source": "NTB", "rights": "© NTB", "authors": ["Kari Nordmann"]},
  "blocks": [
    {"type": "paragraph", "role": "lead", "text": "Ferja låg ved kai heile dagen."},
    {"type": "caption", "kicker": "HAMN", "text": "Ferja ved kai.",
     "credit": {"label": "Foto", "text": "Kari / NTB", "parts": ["Kari", "NTB"]},
     "image": {"src": "photo.jpg", "alt": "Ei ferje ved ei kai"}},
    {"type": "headline", "level": 2, "text": "Vêret"},
    {"type": "paragraph", "role": "body", "text": "Vinden var sterk."},
    {"type": "caption", "text": "Same bilete igjen.", "image": {"src": "photo.jpg"}},
    {"type": "caption", "text": "Eit anna bilete.", "image": {"src": "pic.png"}},
    {"type": "caption", "text": "Bilete som manglar.", "image": {"src": "missing.jpg"}}
  ]
}
JSON
make_book "$work/pictures.epub" "$work/pictures/article.json"

# Tables, fact boxes, text that XML does not allow as it is (controls, noncharacters), and a
# language that is no language tag.
make_book "$work/table.epub" "$root/tests/json/table.json"
make_book "$work/factbox.epub" "$root/tests/json/factbox.json"
printf '%s\n' '{"version": 1, "meta": {"title": "A\u0001B\uffffC <&>", "source": "S\u0002",' \
    '"lang": "norsk bokmål"},' \
    '"blocks": [{"type": "paragraph", "role": "body", "text": "x\u0003y\ufffe"}]}' \
    >"$work/odd.json"
make_book "$work/odd.epub" "$work/odd.json"

inputs=()
for f in "$root"/samples/*.txt "$root"/samples/*.json "$root"/samples/html/*.html; do
    [ -f "$f" ] && inputs+=("$f")
done
make_book "$work/digest.epub" "${inputs[@]}" -M title="Morgenutgaven" -M source="NTB"

# Reproducible: the same input twice gives the same bytes.
"$folio" -q "$sample" -o "$work/again.epub" 2>/dev/null
cmp -s "$work/article-sample.txt.epub" "$work/again.epub"
result $? "the sample's book is the same bytes when built twice"
"$folio" -q "${inputs[@]}" -M title="Morgenutgaven" -M source="NTB" -o "$work/again.epub" 2>/dev/null
cmp -s "$work/digest.epub" "$work/again.epub"
result $? "the digest is the same bytes when built twice"

# The drawn cover is a module of its own: a book with its cover given loads no cairo, pango or
# fontconfig.
if command -v strace >/dev/null; then
    strace -f -e trace=openat -o "$work/trace" "$folio" -q "$sample" \
        -O epub.cover="$root/tests/epubcheck/photo.jpg" -o "$work/traced.epub" 2>/dev/null
    ! grep -E 'lib(cairo|pango|fontconfig)[^"]*\.so' "$work/trace" | grep -qv ENOENT
    result $? "a book with its cover given loads no cairo, pango or fontconfig"
fi

java -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$jar" "$root/tests/epubcheck/CheckAll.java" \
    "${books[@]}" >"$work/log" 2>&1
for book in "${books[@]}"; do
    status=$(awk -v b="$book" '$1 == "RESULT" && $3 == b { print $2 }' "$work/log")
    result "${status:-1}" "epubcheck: 0 errors, 0 warnings in $(basename "$book")"
    if [ "${status:-1}" != 0 ]; then
        grep -E "^(ERROR|WARNING|FATAL)" "$work/log" | grep -F "$book" | sed 's/^/# /'
    fi
done
echo "1..$n"

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The pdf writer on every sample, through the `folio` command, read back with
# poppler (pdftotext, pdfinfo, pdffonts) and qpdf. Prints TAP. Needs FOLIO_EXE
# and FOLIO_PLUGIN_PATH (with the txt, json and pdf plugins), as `meson test` sets.
set -u
export LC_ALL=C.UTF-8

folio=${FOLIO_EXE:?}
src=${FOLIO_SOURCE_ROOT:?}
# Under AddressSanitizer: cairo's and fontconfig's caches live as long as the process.
export LSAN_OPTIONS=suppressions=$src/tests/pdf/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
source "$(dirname "$0")/lib.sh"
begin pdf

samples=("$src"/samples/*.txt "$src"/samples/kim-putin.json)

# words FILE: the words of a text, one a line, without ASCII punctuation (hyphens
# included, so that "ammuni-" + "sjon" and "Nord-" + "Korea" compare equal).
words() {
    tr -d '[:punct:]' <"$1" | tr -s '[:space:]' '\n' | sed '/^$/d'
}

# The text of every block of a document, from its JSON form; with a second
# argument, bylines left out (the title block sets them after the lead).
model_text() {
    "$folio" "$1" -t json | jq -r --arg skip "${2:-}" \
        '.. | objects | select($skip == "" or .type != "byline") | (.kicker?, .text?) | strings'
}

# in_order EXPECTED ACTUAL: the words of EXPECTED appear in ACTUAL in the same order.
in_order() {
    awk 'NR == FNR { want[++n] = $0; next } i < n && $0 == want[i + 1] { i++ }
         END { if (i < n) { printf "word %d of %d, \"%s\", not found in order\n", i + 1, n, want[i + 1]; exit 1 } }' \
        "$1" "$2"
}

every_word_in_reading_order() {
    local s base
    for s in "${samples[@]}"; do
        base=$(basename "$s")
        "$folio" "$s" -O pdf.columns=1 -o "$base.pdf" || return 1
        pdftotext -enc UTF-8 "$base.pdf" "$base.out" || return 1
        model_text "$s" no-bylines >"$base.model"
        words "$base.model" >"$base.want"
        words "$base.out" >"$base.got"
        in_order "$base.want" "$base.got" || { echo "$base"; return 1; }
        if grep -q $'\xc2\xad' "$base.out"; then echo "$base: a soft hyphen"; return 1; fi
    done
}

# split_word WORD FILE: WORD is two of the words in FILE (one a line), end to end.
split_word() {
    local k
    for ((k = 2; k + 2 <= ${#1}; k++)); do
        grep -Fqx -- "${1:0:k}" "$2" && grep -Fqx -- "${1:k}" "$2" && return 0
    done
    return 1
}

every_word_in_two_columns() {
    local s base
    for s in "${samples[@]}"; do
        base=$(basename "$s")
        "$folio" "$s" -o "$base.2.pdf" || return 1
        pdftotext -enc UTF-8 "$base.2.pdf" "$base.2.out" || return 1
        model_text "$s" | words /dev/stdin | sort >"$base.2.want"
        words "$base.2.out" | sort >"$base.2.got"
        # A word hyphenated at the foot of a column comes out in two pieces.
        local missing word
        missing=$(comm -23 "$base.2.want" "$base.2.got")
        for word in $missing; do
            split_word "$word" "$base.2.got" || { echo "$base: missing $word"; return 1; }
        done
        grep -q $'\xc2\xad' "$base.2.out" && { echo "$base: a soft hyphen"; return 1; }
        qpdf --check "$base.2.pdf" >/dev/null || { echo "$base: qpdf"; return 1; }
    done
}

fonts_are_embedded() {
    local s
    for s in "${samples[@]}"; do
        "$folio" "$s" -o f.pdf || return 1
        pdffonts f.pdf >fonts.txt || return 1
        # Column 'emb' is the third from the right: every font says yes.
        awk 'NR > 2 && $(NF-4) != "yes" { print "not embedded: " $0; bad = 1 } END { exit bad }' \
            fonts.txt || return 1
    done
}

info_has_size_title_author_tagged() {
    "$folio" "$src/tests/json/digest.json" -o d.pdf || return 1
    pdfinfo d.pdf >info.txt || return 1
    grep -q '^Title: *Dagens nyheter$' info.txt &&
        grep -q '^Author: *Desk A, Desk B$' info.txt &&
        grep -q '^Subject: *Three stories, one with no blocks$' info.txt &&
        grep -q '^Creator: *Folio ' info.txt &&
        grep -q '^Tagged: *yes$' info.txt &&
        grep -q '^Page size: *595.276 x 841.89 pts (A4)' info.txt || { cat info.txt; return 1; }
    qpdf --check d.pdf >/dev/null || return 1
}

paper_sizes() {
    local spec want
    for spec in "a5:419.528 x 595.276" "letter:612 x 792" "200x250mm:566.929 x 708.661"; do
        "$folio" "$src/samples/article-sample.txt" -O pdf.paper="${spec%%:*}" -o p.pdf || return 1
        want=${spec#*:}
        pdfinfo p.pdf | grep -q "^Page size: *$want pts" || { pdfinfo p.pdf; return 1; }
    done
}

outline_has_articles_and_subheadings() {
    "$folio" "$src/samples/article-sample.txt" -o o.pdf || return 1
    local titles
    titles=$(qpdf --json o.pdf | jq -r '.outlines[] | .title, (.kids[] | .title)')
    [[ $titles == *"Skal diskutere våpen"* && $titles == *Isolert* && $titles == *"Ankom tirsdag"* ]] ||
        { echo "$titles"; return 1; }
    "$folio" "$src/tests/json/digest.json" -o d.pdf || return 1
    [[ $(qpdf --json d.pdf | jq '.outlines | length') == 3 ]] || return 1
}

bleed_boxes_and_crop_marks() {
    "$folio" "$src/samples/article-sample.txt" -O pdf.bleed=3mm -o b.pdf || return 1
    pdfinfo -box -f 1 -l 9 b.pdf >box.txt || return 1
    qpdf --check b.pdf >/dev/null || return 1
    # MediaBox: 210 mm + 2 x (3 mm bleed + 7 mm for the marks); the trim is A4 inside it.
    awk '
        /TrimBox/ { tw = $6 - $4; th = $7 - $5; tx = $4; trims++ }
        /BleedBox/ { bw = $6 - $4; bx = $4 }
        END {
            mm = 72 / 25.4
            if (trims < 1) exit 1
            if (tw < 595.2 || tw > 595.4 || th < 841.8 || th > 842) { print "trim " tw "x" th; exit 1 }
            if (bw - tw < 6 * mm - 0.1 || bw - tw > 6 * mm + 0.1 || tx - bx < 3 * mm - 0.1) { print "bleed"; exit 1 }
        }' box.txt || { cat box.txt; return 1; }
    [[ $(grep -c TrimBox box.txt) == $(pdfinfo b.pdf | awk '/^Pages/ { print $2 }') ]] || return 1
}

running_header_and_page_numbers() {
    "$folio" "$src/samples/article-sample.txt" -o h.pdf || return 1
    local title p1 p2
    title="Nord-Koreas leder Kim Jong-un og Russlands president"
    p1=$(pdftotext -f 1 -l 1 -layout h.pdf - | sed '/^[[:space:]]*$/d')
    p2=$(pdftotext -f 2 -l 2 -layout h.pdf - | sed '/^[[:space:]]*$/d')
    # Page 1 opens with the title itself, page 2 with the running header; each ends in its number.
    [[ $(head -n 1 <<<"$p1") == *"Nord-Koreas leder Kim"* ]] || { echo "page 1: $p1"; return 1; }
    [[ $(head -n 1 <<<"$p2") == *"$title"* ]] || { echo "page 2: $(head -n 1 <<<"$p2")"; return 1; }
    [[ $(tail -n 1 <<<"$p1") =~ ^\ *1$ && $(tail -n 1 <<<"$p2") =~ ^\ *2$ ]] ||
        { echo "page numbers: $(tail -n 1 <<<"$p1") / $(tail -n 1 <<<"$p2")"; return 1; }
    # No running header on page 1 (it would hold the whole title on one line).
    ! grep -q "president Vladimir Putin har onsdag…" <<<"$p1" || { echo "$p1" | head -3; return 1; }
}

same_bytes_twice() {
    "$folio" "$src/samples/article-sample.txt" -o r1.pdf &&
        "$folio" "$src/samples/article-sample.txt" -o r2.pdf && cmp r1.pdf r2.pdf || return 1
    SOURCE_DATE_EPOCH=1700000000 "$folio" "$src/tests/json/digest.json" -o r3.pdf &&
        pdfinfo r3.pdf | grep -q 'CreationDate: *Tue Nov 14 22:13:20 2023 UTC' || return 1
}

digest_starts_each_article_on_a_page() {
    "$folio" "$src/samples/nb-kort.txt" "$src/samples/sv-val.txt" "$src/samples/en-port.txt" \
        -M title=Digest -o dig.pdf || return 1
    local pages starts
    pages=$(pdfinfo dig.pdf | awk '/^Pages/ { print $2 }')
    starts=$(qpdf --json dig.pdf | jq '[.outlines[].destpageposfrom1] | unique | length')
    [[ $starts == 3 && $pages -ge 3 ]] || { echo "pages $pages, article pages $starts"; return 1; }
}

t "every sample: every word in reading order, no soft hyphen (1 column)" every_word_in_reading_order
t "every sample: every word in 2 columns, qpdf --check clean" every_word_in_two_columns
t "every font is embedded" fonts_are_embedded
t "pdfinfo: A4, title, author, Tagged: yes" info_has_size_title_author_tagged
t "pdf.paper sets the page size" paper_sizes
t "the outline holds the title and its subheadings; one entry per digest article" \
    outline_has_articles_and_subheadings
t "pdf.bleed=3mm: TrimBox at the paper size, BleedBox 3 mm beyond, on every page" \
    bleed_boxes_and_crop_marks
t "a running header from page 2, a page number on every page" running_header_and_page_numbers
t "the same input gives the same bytes; SOURCE_DATE_EPOCH sets the date" same_bytes_twice
t "a digest starts each article on a new page" digest_starts_each_article_on_a_page

echo "1..$n"
[[ $failed == 0 ]]

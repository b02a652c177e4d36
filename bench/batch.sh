#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Batch conversion: N articles (the samples, repeated: txt, json and html)
# to N JSON, HTML, EPUB and PDF files in one `folio -d` run with -j 1 and
# -j 2, against one `folio` process per article (xargs -P), and pandoc
# under GNU parallel when both are installed. Prints wall time, articles
# per second, per second per core, and peak RSS; for PDF, pages per
# second; and peak RSS for 10x the articles, which must not grow.
#
#   bash bench/batch.sh [N]          (default 1000; BUILD=dir, default build-bench)
#
# Not a test: it asserts nothing and CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
count=${1:-1000}
build=${BUILD:-build-bench}
# On tmpfs where there is one: what is timed is folio, not the file system. (On this
# machine's ext4, creating 1,000 files just after deleting 1,000 others costs more
# system time than converting them.)
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -f "$build/build.ninja" ] || meson setup "$build" --buildtype=release -Dtests=disabled >/dev/null
meson compile -C "$build" >/dev/null
export FOLIO_PLUGIN_PATH="$(meson devenv -C "$build" printenv FOLIO_PLUGIN_PATH)"
export SOURCE_DATE_EPOCH=1700000000
folio=$PWD/$build/core/cli/folio

# make_inputs DIR N: N articles named a00001.txt, ... from the samples, in turn.
make_inputs() {
    local dir=$1 n=$2 i=0
    local samples=("$root"/samples/*.txt "$root"/samples/*.json "$root"/samples/html/*.html)
    mkdir -p "$dir"
    cp -r "$root"/samples/html/images "$dir/" 2>/dev/null || true
    while [ $i -lt "$n" ]; do
        local s=${samples[$((i % ${#samples[@]}))]}
        cp "$s" "$dir/$(printf 'a%05d' $i).${s##*.}"
        i=$((i + 1))
    done
    (cd "$dir" && ls a*.* >list)
}

# measure CMD...: sets wall and cpu (seconds, user + system) and peak (KB) from /usr/bin/time.
measure() {
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
        cat "$work/stderr" >&2
        return 1
    }
    local user sys
    read -r wall user sys peak <"$work/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
}

# line LABEL N [PAGES]: articles (and pages) per second of wall time, and per second of
# CPU time, which is per core, and what a loaded machine's wall time does not show.
line() {
    awk -v l="$1" -v n="$2" -v w="$wall" -v c="$cpu" -v p="$peak" -v pg="${3:-}" 'BEGIN {
        w = w > 0 ? w : 0.005; c = c > 0 ? c : 0.005
        printf "%-38s %6.2f s %7.0f /s  cpu %6.2f s %7.0f /s/core %7.1f MB", l, w, n / w, c,
            n / c, p / 1024
        if (pg != "") printf "  %5.0f pages/s, %5.0f /s/core", pg / w, pg / c
        printf "\n" }'
}

make_inputs "$work/in" "$count"
cd "$work/in"
echo "$("$folio" --version | head -n 1), $count articles, $(nproc) cores, $(date -u +%F)," \
    "files on $(stat -f -c %T "$work")"
for to in json html epub pdf; do
    pages=
    for j in 1 2; do
        rm -rf "$work/out"
        measure "$folio" -q -t $to -d "$work/out" -j $j --inputs-from=list
        if [ $to = pdf ] && [ -z "$pages" ]; then
            pages=0
            for f in "$work"/out/*.pdf; do pages=$((pages + $(qpdf --show-npages "$f"))); done
        fi
        line "folio -d, $to, -j $j" "$count" $pages
    done
    rm -rf "$work/out" && mkdir -p "$work/out"
    measure xargs -a list -P 2 -I{} "$folio" -q {} -t $to -o "$work/out/{}.$to"
    line "one folio process per article, $to, -P 2" "$count" $pages
done

# EPUB with a house cover given (-O epub.cover): the books without drawing one each.
for j in 1 2; do
    rm -rf "$work/out"
    measure "$folio" -q -t epub -O epub.cover="$root/tests/epubcheck/photo.jpg" -d "$work/out" \
        -j $j --inputs-from=list
    line "folio -d, epub, cover given, -j $j" "$count"
done

# Peak memory against the number of inputs: 10x the articles, EPUB, -j 2.
make_inputs "$work/many" $((count * 10))
cd "$work/many"
rm -rf "$work/out"
measure "$folio" -q -t epub -d "$work/out" -j 2 --inputs-from=list
line "folio -d, epub, -j 2, 10x the articles" $((count * 10))

if command -v pandoc >/dev/null && command -v parallel >/dev/null; then
    # pandoc reads the text articles (as Markdown) and the pages, not folio's JSON; its
    # complaints (no title, pictures it cannot fetch) are left out, and so are its failures.
    cd "$work/in"
    grep -v '\.json$' list >list-pandoc
    for to in html epub; do
        rm -rf "$work/out" && mkdir -p "$work/out"
        measure parallel -j 2 "pandoc {} -s -o $work/out/{}.$to 2>/dev/null || true" :::: list-pandoc
        line "pandoc under GNU parallel, $to, -j 2" "$(wc -l <list-pandoc)"
    done
else
    echo "pandoc under GNU parallel: skipped ($(command -v pandoc >/dev/null || echo 'no pandoc')" \
        "$(command -v parallel >/dev/null || echo 'no GNU parallel'))"
fi

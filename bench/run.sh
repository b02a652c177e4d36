#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Times whole `folio` runs: the median wall time of several runs and the peak
# RSS (from /usr/bin/time -v), for the sample article, a 4 KB JSON round trip
# and a large file of articles; and pandoc on the same inputs when it is
# installed. An empty C program is timed in the same run as the baseline.
#
#   bash bench/run.sh [RUNS] [LARGE_MB]      (defaults: 31 runs, 100 MB)
#
# Not a test: it asserts nothing and CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-31}
large_mb=${2:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build=build-bench
[ -f $build/build.ninja ] || meson setup $build --buildtype=release -Dtests=disabled >/dev/null
meson compile -C $build >/dev/null
export FOLIO_PLUGIN_PATH="$(meson devenv -C $build printenv FOLIO_PLUGIN_PATH)"
folio=$build/core/cli/folio

cc -O2 -o "$work/timeit" bench/timeit.c
printf 'int main(void) { return 0; }\n' | cc -O2 -x c -o "$work/empty" -

sample=samples/article-sample.txt
"$folio" "$sample" -t json -o "$work/sample.json"

# A large input: the samples again and again, each article apart from the next by a gap.
large="$work/large.txt"
: >"$large"
while [ "$(stat -c %s "$large")" -lt $((large_mb * 1000 * 1000)) ]; do
    for f in samples/*.txt; do
        cat "$f"
        printf '\n\n\n'
    done >>"$large"
done
large_bytes=$(stat -c %s "$large")

peak_kb() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ { print $2 }'
}

# time LABEL RUNS COMMAND...: prints median ms, min ms and peak RSS.
declare -A median
time_case() {
    local label=$1 n=$2
    shift 2
    local t
    t=$("$work/timeit" "$n" "$@")
    median[$label]=${t%% *}
    printf '%-34s median %9.3f ms  min %9.3f ms  peak RSS %7s KB\n' \
        "$label" "${t%% *}" "${t##* }" "$(peak_kb "$@")"
}

echo "$("$folio" --version | head -n 1), $runs runs each, $(nproc) cores, $(date -u +%F)"
time_case "empty C program (baseline)" "$runs" "$work/empty"
time_case "folio sample txt -> json" "$runs" "$folio" "$sample" -t json
time_case "folio 4 KB json -> json" "$runs" "$folio" "$work/sample.json" -t json
time_case "folio sample txt -> txt" "$runs" "$folio" "$sample" -t txt
if [ -f $build/plugins/epub/epub.so ]; then
    time_case "folio sample txt -> epub" "$runs" "$folio" "$sample" -t epub
    time_case "folio sample txt -> epub, cover given" "$runs" "$folio" "$sample" -t epub \
        -O epub.cover=tests/epubcheck/photo.jpg
fi
# The html writer's budget (issue 7): at most 1.2x txt -> json, per process.
if "$folio" --list-formats | grep -q '^html '; then
    time_case "folio sample txt -> html" "$runs" "$folio" "$sample" -t html
    awk -v h="${median["folio sample txt -> html"]}" -v j="${median["folio sample txt -> json"]}" \
        'BEGIN { printf "  html / json: %.2fx (budget 1.20x)\n", h / j }'
fi
# The pdf writer's budgets (issue 9): the sample, hyphenated, under 30 ms per
# process; a 1,000-article digest at 150 pages per second or more on one core.
if "$folio" --list-formats | grep -q '^pdf '; then
    time_case "folio sample txt -> pdf" "$runs" "$folio" "$sample" -t pdf -o /dev/null
    "$folio" "$sample" -t json | jq '{version: 1, meta: {title: "Digest", lang: "nb"},
        articles: [range(1000) as $i | {meta: (.meta + {title: "Sak \($i + 1)"}), blocks}]}' \
        >"$work/digest.json"
    time_case "folio 1,000-article digest -> pdf" 3 "$folio" "$work/digest.json" -o "$work/digest.pdf"
    if command -v pdfinfo >/dev/null; then
        pages=$(pdfinfo "$work/digest.pdf" | awk '/^Pages/ { print $2 }')
        awk -v p="$pages" -v ms="${median["folio 1,000-article digest -> pdf"]}" \
            'BEGIN { printf "  %d pages, %.0f pages/s\n", p, p / (ms / 1e3) }'
    fi
fi
large_runs=$(( runs < 5 ? runs : 5 ))
# -o /dev/null measures the conversion; -o FILE adds the kernel's copy into
# the page cache and the fsync; stdout streams as the writer writes (every
# input is read first, so a failed read still prints nothing).
large_case() {
    local label="folio ${large_mb} MB txt -> json $1"
    shift
    time_case "$label" "$large_runs" "$folio" -q "$large" -t json "$@"
    awk -v b="$large_bytes" -v ms="${median[$label]}" \
        'BEGIN { printf "  %.0f MB/s\n", b / 1e6 / (ms / 1e3) }'
}
large_case "-o /dev/null" -o /dev/null
large_case "-o FILE" -o "$work/large.json"
large_case "> stdout"
mbps=$(awk -v b="$large_bytes" -v ms="${median["folio ${large_mb} MB txt -> json -o /dev/null"]}" \
    'BEGIN { printf "%.0f", b / 1e6 / (ms / 1e3) }')

# The html reader's budget (issue 7): a 50 MB page to JSON at 50 MB/s or more,
# with a peak RSS under 8 times the page. The page is the samples' paragraphs,
# every third with an emphasis and a link (as news pages have them), inside a
# page's navigation and footer; inline markup costs memory (docs/html.md).
if "$folio" --list-formats | grep -q '^html '; then
    awk 'NF { gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;");
              if (++n % 3) print "<p>" $0 "</p>";
              else print "<p>" $0 " <em>NTB</em> <a href=\"https://example.org/\">Les mer</a></p>" }' \
        samples/*.txt >"$work/chunk.html"
    page="$work/page.html"
    printf '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Side - Avis</title>
</head><body><nav><a href="/">Forsiden</a></nav><article><h1>Side</h1>\n' >"$page"
    while [ "$(stat -c %s "$page")" -lt $((50 * 1000 * 1000)) ]; do cat "$work/chunk.html" >>"$page"; done
    printf '</article><footer>Kontakt oss</footer></body></html>\n' >>"$page"
    page_bytes=$(stat -c %s "$page")
    time_case "folio 50 MB page html -> json" "$large_runs" "$folio" -q "$page" -t json -o /dev/null
    awk -v b="$page_bytes" -v ms="${median["folio 50 MB page html -> json"]}" \
        -v kb="$(peak_kb "$folio" -q "$page" -t json -o /dev/null)" \
        'BEGIN { printf "  %.0f MB/s (budget 50), peak %.1fx the page (budget 8x)\n",
                 b / 1e6 / (ms / 1e3), kb * 1024 / b }'
    if command -v pandoc >/dev/null; then
        head -c $((4 * 1000 * 1000)) "$page" >"$work/page-4mb.html"
        time_case "pandoc 4 MB page html -> json" 1 pandoc -f html -t json "$work/page-4mb.html"
        awk -v f="${median["folio 50 MB page html -> json"]}" -v p="${median["pandoc 4 MB page html -> json"]}" \
            -v b="$page_bytes" 'BEGIN { printf "  pandoc %.2f MB/s: folio %.0fx faster\n",
                                        4 / (p / 1e3), (b / 1e6 / (f / 1e3)) / (4 / (p / 1e3)) }'
    fi
fi

if command -v pandoc >/dev/null; then
    pandoc -f markdown -t json "$sample" -o "$work/pandoc.json"
    time_case "pandoc sample markdown -> json" "$runs" pandoc -f markdown -t json "$sample"
    time_case "pandoc json -> json" "$runs" pandoc -f json -t json "$work/pandoc.json"
    time_case "pandoc sample markdown -> html" "$runs" pandoc -f markdown -t html -s --metadata pagetitle=sample "$sample"
    time_case "pandoc sample markdown -> epub" "$runs" pandoc -f markdown -t epub -o "$work/pandoc.epub" \
        --metadata title=sample "$sample"
    head -c $((4 * 1000 * 1000)) "$large" >"$work/pandoc-4mb.txt"
    time_case "pandoc 4 MB markdown -> json" 1 pandoc -f markdown -t json "$work/pandoc-4mb.txt"
    pmbps=$(awk -v ms="${median["pandoc 4 MB markdown -> json"]}" 'BEGIN { printf "%.2f", 4 / (ms / 1e3) }')
    ratio() { awk -v a="${median[$1]}" -v b="${median[$2]}" 'BEGIN { printf "%.1fx", a / b }'; }
    echo "ratios (pandoc / folio, median wall time):"
    echo "  sample -> json: $(ratio "pandoc sample markdown -> json" "folio sample txt -> json")"
    echo "  json -> json:   $(ratio "pandoc json -> json" "folio 4 KB json -> json")"
    if [ -n "${median["folio sample txt -> html"]:-}" ]; then
        echo "  sample -> html: $(ratio "pandoc sample markdown -> html" "folio sample txt -> html")"
    fi
    if [ -n "${median["folio sample txt -> epub"]:-}" ]; then
        echo "  sample -> epub: $(ratio "pandoc sample markdown -> epub" "folio sample txt -> epub")" \
            "(drawn cover), $(ratio "pandoc sample markdown -> epub" "folio sample txt -> epub, cover given") (cover given)"
    fi
    echo "  throughput:     folio $mbps MB/s, pandoc $pmbps MB/s"
else
    echo "pandoc is not installed: no comparison (apt-get install pandoc)"
fi

# The cost of one EPUB in process (fonts loaded once): 1,000 books from the samples.
if [ -f $build/plugins/epub/epub.so ]; then
    cc -O2 -Iinclude -o "$work/epub_write" bench/epub_write.c -L$build/core -lfolio \
        -Wl,-rpath,"$PWD/$build/core"
    echo "epub_write (in process, processor time):"
    "$work/epub_write" 1000 tests/epubcheck/photo.jpg | sed 's/^/  /'
    # The floor under any cover drawn with pango: one title laid out and drawn, nothing written.
    cc -O2 -o "$work/cover_floor" bench/cover_floor.c $(pkg-config --cflags --libs pangocairo)
    time_case "pango floor: one title, per process" "$runs" "$work/cover_floor"
    echo "  in process: $("$work/cover_floor" 2000)"
fi

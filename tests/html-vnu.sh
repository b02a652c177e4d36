#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every kind of page the html writer makes passes the Nu HTML Checker (the
# vnu-jar npm package, installed by .ci/deps) with no error and no warning:
# a single article, every block kind, hostile text, a digest, a fragment
# inside a minimal page, embedded pictures, linked and embedded stylesheets
# and the XHTML form. Prints TAP. Needs FOLIO_EXE, FOLIO_PLUGIN_PATH and
# FOLIO_SOURCE_ROOT, as `meson test` sets them; VNU_JAR may name the jar.
set -u

folio=${FOLIO_EXE:?}
src=${FOLIO_SOURCE_ROOT:?}
jar=${VNU_JAR:-$(npm root -g 2>/dev/null)/vnu-jar/build/dist/vnu.jar}
if ! command -v java >/dev/null || [ ! -f "$jar" ]; then
    # .ci/deps installs it: in CI a missing validator is a failure, not a skip.
    if [ "${CI:-}" = true ]; then
        echo "1..1"; echo "not ok 1 - the Nu HTML Checker ($jar) and java are installed"; exit 1
    fi
    echo "1..0 # SKIP the Nu HTML Checker is not installed (.ci/deps)"
    exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-vnu.XXXXXX")
trap 'rm -rf "$work"' EXIT

n=0
failed=0
ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}
not_ok() {
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $1"
}

# page NAME ARGS...: writes $work/NAME with folio, one test point.
pages=()
page() {
    local name=$1
    shift
    if "$folio" -q "$@" -t html -o "$work/$name" 2>"$work/.err"; then
        pages+=("$work/$name")
    else
        not_ok "folio writes $name"
        sed 's/^/# /' "$work/.err"
    fi
}

sample=$src/tests/expected/article-sample.json
rich=$src/tests/html/rich.json
printf 'body { max-width: 40em; margin: auto; }\n' >"$work/site.css"

page sample.html "$sample"
page rich.html "$rich"
page hostile.html "$src/tests/html/hostile.json"
page edge.html "$src/tests/html/edge.json"
page digest.html "$sample" "$rich" "$src/tests/expected/en-port.json" "$src/tests/expected/sv-val.json"
page embedded.html "$rich" -O html.embed=true
page linked-css.html "$rich" -O html.css="$work/site.css"
page embedded-css.html "$rich" -O html.css="$work/site.css" -O html.css-embed=true
page rich.xhtml "$rich" -O html.xhtml=true
page fragment.html "$rich" "$sample" -O html.fragment=true

# A fragment is checked where it would land: inside someone's page.
if [ -f "$work/fragment.html" ]; then
    {
        printf '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        printf '<title>CMS page</title>\n</head>\n<body>\n<main>\n'
        cat "$work/fragment.html"
        printf '</main>\n</body>\n</html>\n'
    } >"$work/fragment-in-page.html"
    pages=("${pages[@]/$work\/fragment.html/$work/fragment-in-page.html}")
fi

if grep -q 'src="data:image/png;base64,iVBOR' "$work/embedded.html" 2>/dev/null; then
    ok "html.embed=true writes the picture as a data: URI"
else
    not_ok "html.embed=true writes the picture as a data: URI"
fi

java -jar "$jar" --Werror --format gnu "${pages[@]}" >"$work/vnu.out" 2>&1
for p in "${pages[@]}"; do
    name=${p#"$work"/}
    if grep -q -F "$p\"" "$work/vnu.out"; then
        not_ok "$name passes the Nu HTML Checker"
        grep -F "$p\"" "$work/vnu.out" | head -n 20 | sed 's/^/# /'
    else
        ok "$name passes the Nu HTML Checker"
    fi
done
# Anything vnu printed about no page at all (a crash, a bad option) fails too.
if grep -v -q -F "$work/" "$work/vnu.out"; then
    not_ok "the Nu HTML Checker ran"
    sed 's/^/# /' "$work/vnu.out" | head -n 20
fi
echo "1..$n"
[ "$failed" -eq 0 ]

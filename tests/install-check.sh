#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks folio as users get it: installs it into a temporary prefix, runs
# the installed command in a clean environment (nothing but PATH: no
# LD_LIBRARY_PATH, no FOLIO_PLUGIN_PATH), builds samples/plugin-example
# against the installed folio.pc with its own meson.build, installs that
# plugin into folio's plugin directory, and converts the example article to
# Markdown with the installed `folio`.
#
# Usage: tests/install-check.sh [MESON_OPTION...]   e.g. -Dtxt=disabled
# Prints TAP; exits non-zero on the first failure.
set -u

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
example=$src/samples/plugin-example
meson_args=("$@")
n=0

# step DESCRIPTION COMMAND...: one test point; stops at the first failure.
step() {
    n=$((n + 1))
    if "${@:2}" >"$work/log" 2>&1; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1"
        sed 's/^/# /' "$work/log"
        echo "1..$n"
        exit 1
    fi
}

step "folio builds and installs into a temporary prefix" \
    eval 'meson setup "$work/folio" "$src" --prefix="$prefix" -Dtests=disabled "${meson_args[@]}" &&
          meson install -C "$work/folio"'

pc=$(find "$prefix" -name folio.pc -print -quit)
export PKG_CONFIG_PATH=${pc%/*}
plugindir=$(pkg-config --variable=plugindir folio)

# clean COMMAND...: runs COMMAND with nothing in its environment but PATH, as
# a user's shell would: no LD_LIBRARY_PATH and no FOLIO_PLUGIN_PATH, so the
# installed folio must find libfolio and its plugins on its own.
clean() {
    env -i PATH=/usr/bin:/bin "$@"
}

step "the installed folio starts in a clean environment" \
    clean "$prefix/bin/folio" --version

if [ -f "$plugindir/txt.so" ]; then
    step "the installed folio converts the sample article in a clean environment" \
        eval 'clean "$prefix/bin/folio" "$src/samples/article-sample.txt" -o "$work/sample.json" &&
              diff -u "$src/tests/expected/article-sample.json" "$work/sample.json"'
fi

# The readers of html and epub, and the drawn cover, are modules the plugins open on first
# use from their own folder: they must be installed beside them.
if [ -f "$plugindir/txt.so" ] && [ -f "$plugindir/epub.so" ] && [ -f "$plugindir/html.so" ]; then
    step "the installed folio draws a cover and reads a book and a page back" \
        eval 'clean "$prefix/bin/folio" "$src/samples/article-sample.txt" -o "$work/sample.epub" &&
              clean "$prefix/bin/folio" "$work/sample.epub" -o "$work/from-epub.json" &&
              clean "$prefix/bin/folio" "$src/samples/html/minimal.html" -o "$work/from-html.json" &&
              grep -q "\"lead\"" "$work/from-epub.json" && test -s "$work/from-html.json"'
fi

step "meson install puts folio(1) and the bash and zsh completions in place" \
    test -s "$prefix/share/man/man1/folio.1" -a -s "$prefix/share/bash-completion/completions/folio" \
    -a -s "$prefix/share/zsh/site-functions/_folio"

step "folio.pc names a plugin directory inside the prefix" \
    test "${plugindir#"$prefix"/}" != "$plugindir"

step "the example plugin builds and installs against the installed folio.pc" \
    eval 'meson setup "$work/example" "$example" && meson install -C "$work/example" &&
          test -f "$plugindir/markdown.so"'

step "the installed folio lists the example plugin from its plugin directory" \
    eval 'clean "$prefix/bin/folio" --list-formats | grep -E "^markdown +write +\.md,\.markdown +.+ +$plugindir/markdown.so\$"'

step "the installed folio converts the example article to Markdown" \
    eval 'clean "$prefix/bin/folio" "$example/example.json" -o "$work/example.md" &&
          diff -u "$example/example.md" "$work/example.md"'

echo "1..$n"

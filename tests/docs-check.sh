#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The man page and the shell completions against the command they describe:
# every option of `folio --help` is in folio(1) and nothing else is; bash
# and zsh complete the formats, -O keys and options that folio itself
# lists. Prints TAP.
#
# Usage: tests/docs-check.sh BUILT_MAN_PAGE   (with FOLIO_EXE, FOLIO_SOURCE_ROOT,
#        FOLIO_BUILD_ROOT and FOLIO_PLUGIN_PATH as `meson test` sets them)
set -u

man_page=$(realpath "${1:?usage: docs-check.sh folio.1}")
folio=${FOLIO_EXE:?}
docs=${FOLIO_SOURCE_ROOT:?}/docs
fixtures=${FOLIO_BUILD_ROOT:?}/tests/fixtures
source "$(dirname "$0")/lib.sh"
begin docs

# A plugin folder with the json plugin and the good fixture, whose options are known.
plugins=$work/plugins
mkdir -p "$plugins"
json=$(plugin_file json.so) && ln -sf "$json" "$plugins/json.so"
ln -sf "$fixtures/good.so" "$plugins/good.so"
export FOLIO_PLUGIN_PATH=$plugins

help_options() {
    "$folio" --help | grep -Eo -- '--[a-z-]+' | sort -u
}

man_has_every_option() {
    local opt missing=0
    for opt in $(help_options); do
        grep -q -- "${opt//-/\\\\-}" "$man_page" || { echo "folio.1 lacks $opt"; missing=1; }
    done
    return $missing
}
t "folio.1 has every option of folio --help" man_has_every_option

man_has_no_other_option() {
    local extra
    extra=$(comm -13 <(help_options) \
        <(sed -n '/^\.SH OPTIONS/,/^\.SH EXIT/p' "$man_page" | sed 's/\\-/-/g' |
            grep -Eo -- '--[a-z-]+' | sort -u))
    [[ -z $extra ]] || { echo "folio.1 has options folio lacks: $extra"; return 1; }
}
t "folio.1 describes no option folio lacks" man_has_no_other_option

man_renders() {
    command -v groff >/dev/null || return 0
    local warnings
    warnings=$(groff -ww -z -man "$man_page" 2>&1)
    [[ -z $warnings ]] || { echo "$warnings"; return 1; }
    grep -q '^\.SH EXIT STATUS' "$man_page" && grep -q 'usage error' "$man_page"
}
t "folio.1 renders without warnings and lists the exit statuses" man_renders

# bash_complete WORD...: the completions bash offers for the last WORD.
bash_complete() {
    bash -c '
        source "$1/folio.bash"
        shift
        COMP_WORDS=("$@")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        _folio
        printf "%s\n" "${COMPREPLY[@]}"' - "$docs" "$folio" "$@"
}

bash_completes_formats() {
    local got
    got=$(bash_complete -t '')
    grep -qx json <<<"$got" && grep -qx good <<<"$got" || { echo "$got"; return 1; }
    got=$(bash_complete a.json -f j)
    [[ $got == json ]] || { echo "$got"; return 1; }
}
t "bash completes -t and -f with the formats folio lists" bash_completes_formats

bash_completes_option_keys() {
    local got
    got=$(bash_complete -O good.)
    grep -qx 'good.header=' <<<"$got" && grep -qx 'good.pause=' <<<"$got" || { echo "$got"; return 1; }
}
t "bash completes -O with the keys folio --list-options gives" bash_completes_option_keys

bash_completes_long_options() {
    local got opt
    got=$(bash_complete --)
    for opt in $(help_options); do
        grep -Eqx -- "$opt=?" <<<"$got" || { echo "no $opt in: $got"; return 1; }
    done
    [[ $(bash_complete --max-input) == --max-input-size= ]]
}
t "bash completes every long option of folio --help" bash_completes_long_options

zsh_completes_from_folio() {
    command -v zsh >/dev/null || { echo "no zsh"; return 0; }
    zsh -n "$docs/_folio" || return 1
    # The completion's helpers, with zsh's completion builtins replaced by printing.
    local got
    got=$(zsh -fc '
        _arguments() { :; }
        _call_program() { shift; "$@"; }
        compadd() { while [[ $1 == -* ]]; do [[ $1 == -S ]] && shift; shift; done; print -l -- "$@"; }
        _describe() { print -l -- ${(P)4}; }
        words=($1)
        source $2/_folio
        _folio_formats w
        _folio_option_keys' - "$folio" "$docs")
    grep -qx json <<<"$got" && grep -qx good.header <<<"$got" || { echo "$got"; return 1; }
}
t "zsh completes the formats and -O keys folio lists" zsh_completes_from_folio

echo "1..$n"
[[ $failed == 0 ]]

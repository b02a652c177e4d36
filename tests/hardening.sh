#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The `folio` command against what a careless or hostile user does: typos in
# formats and -M values, inputs that never end or shrink while read, no
# memory, signals, an output that is its own input, and what the messages
# say. Prints TAP. Needs FOLIO_EXE, FOLIO_PLUGIN_PATH, FOLIO_BUILD_ROOT and
# FOLIO_SOURCE_ROOT, as `meson test` sets them, and FOLIO_PROJECT_VERSION.
set -u

folio=${FOLIO_EXE:?}
fixtures=${FOLIO_BUILD_ROOT:?}/tests/fixtures
src=${FOLIO_SOURCE_ROOT:?}
source "$(dirname "$0")/lib.sh"
begin hard

# A plugin folder holding only the named plugins, as links: those of the
# build's plugin path, or fixtures.
plugin_dir() {
    local dir=$work/.plugins-$1 name file
    shift
    mkdir -p "$dir"
    for name in "$@"; do
        file=$(FOLIO_PLUGIN_PATH=$FOLIO_PLUGIN_PATH:$fixtures plugin_file "$name.so") &&
            ln -sf "$file" "$dir/$name.so"
    done
    echo "$dir"
}

# The build has the txt plugin unless configured without it.
has_txt() {
    [[ -e $jt_dir/txt.so ]]
}

# Sanitizers reserve terabytes of address space: an address-space cap means nothing there.
sanitized() {
    grep -q -e __asan_init -e __ubsan_handle <(nm -D "$folio" 2>/dev/null)
}

cp "$src/samples/nb-kort.txt" a.txt
printf '{\n  "version": 1,\n  "blocks": [\n    {\n      "type": "paragraph",\n      "role": "lead",\n      "text": "Hei."\n    }\n  ]\n}\n' >a.json
jt_dir=$(plugin_dir jt json txt)
good_dir=$(plugin_dir good good json)
export FOLIO_PLUGIN_PATH=$jt_dir

version_is_the_project_version() {
    expect 0 --version && has "$out" "folio ${FOLIO_PROJECT_VERSION:?} (plugin ABI"
}
t "--version prints meson's project version" version_is_the_project_version

format_names_ignore_case() {
    expect 0 a.json -t JSON && has "$out" '"version": 1' &&
        expect 0 -f Json a.json -t json && has "$out" '"version": 1'
}
t "format names are case-insensitive (-t JSON, -f Json)" format_names_ignore_case

unknown_output_format_lists_formats() {
    expect 3 a.json -t docx && has "$err" "no output format 'docx' (formats: json" &&
        lacks "$err" "<stdout>"
}
t "an unknown -t lists the formats there are" unknown_output_format_lists_formats

unknown_input_format_named() {
    expect 3 -f docx x.txt && has "$err" "no input format 'docx' (formats: json" &&
        lacks "$err" "cannot tell the output format"
}
t "-f docx reports the unknown reader, before the output is considered" unknown_input_format_named

known_extension_without_plugin() {
    printf 'Title\n\nA paragraph of text.\n' >book.epub
    expect 3 book.epub -t json && has "$err" "book.epub: no plugin for epub" &&
        expect 3 a.json -o out.pdf && has "$err" "out.pdf: no plugin for pdf" && [[ ! -e out.pdf ]]
}
t "an extension naming a format without a plugin is 'no plugin for X', never sniffed" \
    known_extension_without_plugin

no_plugins_at_all() {
    FOLIO_PLUGIN_PATH=$work/empty expect 3 --list-formats &&
        has "$err" "no plugins in $work/empty" && has "$err" "meson devenv" &&
        FOLIO_PLUGIN_PATH=$work/empty expect 3 a.json -o b.json &&
        has "$err" "no plugin for json" && has "$err" "meson devenv"
}
t "a folio that finds no plugin says so and how to run from a build tree" no_plugins_at_all

list_formats_describes() {
    expect 0 --list-formats &&
        grep -Eq "^json +read\+write +\.json +[^ ].* +$jt_dir/json.so\$" <<<"$out" ||
        { echo "$out"; return 1; }
}
t "--list-formats shows each plugin's description" list_formats_describes

bad_dates() {
    local d
    for d in yesterday 2024-13-45 2023-02-29 2024-1-5 2024-05-06T25:00 2024-05-06T10:00+2; do
        expect 2 -M date=$d a.json -t json && has "$err" "-M date=$d is not an ISO 8601 date" ||
            return 1
    done
    for d in 2023 2023-09 2024-02-29 2023-09-13T10:41:00+02:00 2023-09-13T10:41Z \
        2023-09-13T10:41:00.5; do
        expect 0 -M date=$d a.json -t json && has "$out" "\"date\": \"$d\"" || return 1
    done
    expect 0 -M date= a.json -t json
}
t "-M date must be an ISO 8601 date or date-time (exit 2)" bad_dates

bad_languages() {
    local l
    for l in klingon english en_GB e n- x 1234 en-GB-; do
        expect 2 -M lang=$l a.json -t json && has "$err" "-M lang=$l is not a BCP 47 language tag" ||
            return 1
    done
    for l in nb nn-NO en-GB tlh zh-Hant-TW de-CH-1996 sr-Latn-RS es-419 x-private en-x-folio; do
        expect 0 -M lang=$l a.json -t json && has "$out" "\"lang\": \"$l\"" || return 1
    done
}
t "-M lang must be a BCP 47 language tag (exit 2)" bad_languages

option_typos() {
    expect 2 -O wrap=60 a.json -t json && has "$err" "option 'wrap' names no format" &&
        expect 2 -O json.foo=1 a.json -t json && has "$err" "unknown option 'json.foo'" &&
        expect 2 -O html.foo=1 a.json -t json && has "$err" "html.foo" &&
        expect 2 -O txt.wrapp=60 a.json -t json && has "$err" "did you mean 'txt.wrap'"
}
t "-O wrap=60, html.foo=1 and txt.wrapp=60 are usage errors" option_typos

option_error_names_no_output() {
    expect 2 -O txt.wrap=abc a.json -t txt && has "$err" "txt.wrap" && lacks "$err" "<stdout>" &&
        expect 2 -O txt.wrap=abc a.json -o out.txt && lacks "$err" "out.txt"
}
t "a bad -O value names the option, not <stdout> or the output" option_error_names_no_output

help_hint_once() {
    expect 2 -M colour=red a.json -t json &&
        [[ $(grep -c -e "--help" <<<"$err") == 1 ]] || { echo "$err"; return 1; }
}
t "a usage error points to --help once" help_hint_once

verbose_reads_then_writes() {
    expect 0 -v a.json -o out.json &&
        [[ $(grep -n reading <<<"$err" | cut -d: -f1) -lt $(grep -n writing <<<"$err" | cut -d: -f1) ]] ||
        { echo "$err"; return 1; }
}
t "-v says reading before writing" verbose_reads_then_writes

output_is_input() {
    cp a.json same.json
    ln -sf same.json link.json
    local before
    before=$(cat same.json)
    expect 2 same.json -o same.json && has "$err" "the output is the input same.json" &&
        expect 2 link.json -o ./same.json && has "$err" "the output is the input link.json" &&
        expect 2 a.json same.json -o same.json &&
        [[ $(cat same.json) == "$before" ]]
}
t "an output that is one of the inputs (same device and inode) is refused" output_is_input

# The same, reading standard input from the output file: run() reads /dev/null.
stdin_is_output() {
    cp a.json same.json
    "$folio" -f json -o same.json - <same.json 2>err.txt
    [[ $? == 2 ]] && has "$(cat err.txt)" "the output is the input <stdin>"
}
t "standard input that is the output file is refused" stdin_is_output

max_input_size() {
    head -c 3000 /dev/zero | tr '\0' 'a' >big.txt
    expect 4 --max-input-size=2k big.txt -o out.json &&
        has "$err" "big.txt: larger than 2000 bytes: refused (--max-input-size)" &&
        expect 4 --max-input-size=1M -f txt /dev/zero -o out.txt &&
        has "$err" "/dev/zero: larger than 1000000 bytes" && [[ ! -e out.txt ]] &&
        expect 2 --max-input-size=lots a.json && has "$err" "--max-input-size needs a size"
}
t "--max-input-size refuses larger files and endless devices (exit 4)" max_input_size

endless_inputs_capped() {
    local dev
    for dev in /dev/zero /dev/urandom; do
        (
            ulimit -v 2000000
            exec "$folio" -f txt "$dev" -o out.txt
        ) 2>err.txt
        local st=$?
        [[ $st == 4 && ! -e out.txt ]] || { echo "$dev: status $st"; cat err.txt; return 1; }
        grep -Eq "larger than|out of memory" err.txt || { cat err.txt; return 1; }
    done
}
if sanitized; then
    skip "folio /dev/zero and /dev/urandom under a 2 GB address space end with exit 4" "sanitizer"
else
    t "folio /dev/zero and /dev/urandom under a 2 GB address space end with exit 4" \
        endless_inputs_capped
fi

out_of_memory() {
    (
        ulimit -v 400000
        exec "$folio" -f txt --max-input-size=2G /dev/zero -o out.txt
    ) 2>err.txt
    local st=$?
    [[ $st == 4 && ! -e out.txt ]] && grep -qx "folio: out of memory" err.txt ||
        { echo "status $st"; cat err.txt; return 1; }
}
if sanitized; then
    skip "out of memory ends folio with a message and exit 4, not a signal" "sanitizer"
else
    t "out of memory ends folio with a message and exit 4, not a signal" out_of_memory
fi

shrinking_input() {
    head -c 100000 /dev/zero | tr '\0' 'a' >gone.shrink
    local dir
    dir=$(plugin_dir shrink shrink json)
    FOLIO_PLUGIN_PATH=$dir ASAN_OPTIONS=detect_leaks=0 expect 4 gone.shrink -o gone.json &&
        has "$err" "gone.shrink: the file shrank while it was being read" && [[ ! -e gone.json ]]
}
t "an input truncated while mapped is an error naming it (exit 4), not SIGBUS" shrinking_input

# wait_tmp NAME: waits until folio's temporary file for NAME appears.
wait_tmp() {
    local tries=0
    while [[ -z $(find . -name ".$1.*") && $tries -lt 200 ]]; do
        sleep 0.05
        tries=$((tries + 1))
    done
    [[ -n $(find . -name ".$1.*") ]]
}

hangup_cleans_up() {
    FOLIO_PLUGIN_PATH=$good_dir "$folio" a.json -O good.pause=1 -o hup.good &
    local pid=$!
    wait_tmp hup.good || { kill $pid; echo "no temporary file"; return 1; }
    kill -HUP $pid
    wait $pid
    [[ $? == 129 && ! -e hup.good && -z $(find . -name '.hup.good.*') ]] || { ls -A; return 1; }
}
t "SIGHUP ends a conversion without a temporary file left" hangup_cleans_up

nohup_respected() {
    (
        trap '' HUP
        FOLIO_PLUGIN_PATH=$good_dir exec "$folio" a.json -O good.pause=1 -o nohup.good
    ) &
    local pid=$!
    wait_tmp nohup.good || { kill $pid; echo "no temporary file"; return 1; }
    kill -HUP $pid
    sleep 0.3
    kill -0 $pid 2>/dev/null || { wait $pid; echo "SIGHUP ended it: status $?"; return 1; }
    kill -TERM $pid
    wait $pid
    [[ $? == 143 && -z $(find . -name '.nohup.good.*') ]]
}
t "a signal the caller ignores (nohup) stays ignored" nohup_respected

control_characters_warned() {
    printf 'Hello\0World and\001 more\n\nA second\002 paragraph.\n' >ctl.txt
    expect 0 ctl.txt -t json && has "$out" "HelloWorld" &&
        has "$err" "ctl.txt:1:6: warning: txt: dropped 3 control characters"
}
if has_txt; then
    t "NUL and other control characters the txt reader drops are warned about" \
        control_characters_warned
else
    skip "NUL and other control characters the txt reader drops are warned about" "no txt"
fi

digest_title_in_txt() {
    expect 0 a.txt a.json -M title="Morning digest" -t txt &&
        has "$err" "warning:" && has "$err" "title" &&
        expect 0 a.txt -M title="One" -t txt && lacks "$err" "warning"
}
if has_txt; then
    t "a digest's -M title written as txt is warned about" digest_title_in_txt
else
    skip "a digest's -M title written as txt is warned about" "no txt"
fi

trailing_line_is_paragraph() {
    printf 'Lead, a sentence that ends.\n\nA subheading\n\nBody, another sentence.\n\nTraffic is normal again\n\nFoto: NTB\n\nPublished by NTB\n' >tail.txt
    expect 0 tail.txt -t json && has "$out" '"type": "headline",
      "level": 2,
      "text": "A subheading"' && has "$out" '"type": "paragraph",
      "role": "body",
      "text": "Traffic is normal again"'
}
if has_txt; then
    t "a headline needs a paragraph after it; a closing short line is a paragraph" \
        trailing_line_is_paragraph
else
    skip "a headline needs a paragraph after it; a closing short line is a paragraph" "no txt"
fi

echo "1..$n"
[[ $failed == 0 ]]

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Batch conversion (`folio -d DIR`): output names and folders, collisions,
# --inputs-from, -j 1 against -j 4, failures, SIGINT, the progress line.
# Prints TAP. Needs FOLIO_EXE, FOLIO_PLUGIN_PATH, FOLIO_SOURCE_ROOT and
# FOLIO_BUILD_ROOT (for the fixture plugins), as `meson test` sets them. BATCH_JOBS (default 4) is the -j compared with -j 1.
set -u

folio=${FOLIO_EXE:?}
src=${FOLIO_SOURCE_ROOT:?}
fixtures=${FOLIO_BUILD_ROOT:?}/tests/fixtures
jobs=${BATCH_JOBS:-4}
source "$(dirname "$0")/lib.sh"
begin batch
# The EPUB's modified date, so that two runs give the same bytes.
export SOURCE_DATE_EPOCH=1700000000

# The inputs: the samples in three formats, some in folders.
mkdir -p in/sub/deeper
for f in "$src"/samples/*.txt; do cp "$f" in/; done
cp "$src"/samples/*.json in/sub/
cp "$src"/samples/html/*.html in/sub/deeper/
cp -r "$src"/samples/html/images in/sub/deeper/ 2>/dev/null
# And books, so that threads also open the epub reader's module and read with it.
"$folio" -q -t epub -d books in/nb-kort.txt in/en-port.txt in/sv-val.txt &&
    mkdir -p in/books && mv books/in/*.epub in/books/ || exit 1
ls in/*.txt in/sub/*.json in/sub/deeper/*.html in/books/*.epub >inputs.list

names_and_folders() {
    expect 0 -q -t json -d out in/article-sample.txt in/sub/kim-putin.json ./in/sub/../nb-kort.txt
    [[ -f out/in/article-sample.json && -f out/in/sub/kim-putin.json && -f out/in/nb-kort.json ]] ||
        { find out; return 1; }
    "$folio" in/article-sample.txt -t json | cmp - out/in/article-sample.json
}

names_without_extension_or_with_dots() {
    cp in/nb-kort.txt README && cp in/nb-kort.txt .hidden && cp in/nb-kort.txt a.b.txt
    expect 0 -q -f txt -t json -d out22/// README .hidden a.b.txt
    [[ -f out22/README.json && -f out22/.hidden.json && -f out22/a.b.json ]] || { find out22; return 1; }
}

absolute_path_stays_under_dir() {
    expect 0 -q -t json -d out2 "$work/in/nb-kort.txt"
    [[ -f out2/${work#/}/in/nb-kort.json ]] || { find out2; return 1; }
}

climbing_out_is_refused() {
    mkdir -p up && cd up || return 1
    expect 2 -t json -d out ../in/nb-kort.txt
    cd .. || return 1
    has "$err" "../in/nb-kort.txt" && [[ ! -e up/out ]]
}

collision_is_a_usage_error_before_work() {
    cp "$src"/samples/kim-putin.json in/kim.json
    cp in/nb-kort.txt in/kim.txt
    expect 2 -t json -d out3 in/kim.txt in/nb-kort.txt in/kim.json
    has "$err" "in/kim.txt" && has "$err" "in/kim.json" && has "$err" "out3/in/kim.json" &&
        [[ ! -e out3 ]]
}

same_input_twice_collides() {
    expect 2 -t json -d out4 in/nb-kort.txt in/nb-kort.txt
    [[ ! -e out4 ]]
}

stdin_needs_o() {
    expect 2 -t json -d out5 -
    has "$err" "-o FILE"
}

output_dir_needs_to() {
    expect 2 -d out6 in/nb-kort.txt
    has "$err" "-t FORMAT"
}

inputs_from_file() {
    expect 0 -q -t json -d out7 --inputs-from=inputs.list
    [[ $(find out7 -name '*.json' | wc -l) == $(wc -l <inputs.list) ]]
}

inputs_from_stdin() {
    "$folio" -q -t json -d out8 --inputs-from=- <inputs.list 2>"$work/.err" || return 1
    [[ $(find out8 -name '*.json' | wc -l) == $(wc -l <inputs.list) ]]
}

an_input_without_extension_is_sniffed() {
    cp in/nb-kort.txt noext
    expect 0 -q -t json -d out18 -j 2 noext in/sub/kim-putin.json &&
        [[ -f out18/noext.json && -f out18/in/sub/kim-putin.json ]] || return 1
    expect 0 -q -t json -d out19 -f txt noext in/nb-kort.txt
    cmp out18/noext.json out19/noext.json
}

bad_jobs_is_a_usage_error() {
    expect 2 -t json -d out9 -j 0 in/nb-kort.txt && expect 2 -t json -d out9 --jobs=x in/nb-kort.txt
}

o_with_several_inputs_is_one_digest() {
    expect 0 -q -t json -o digest.json in/nb-kort.txt in/en-port.txt
    [[ $(jq '.articles | length' digest.json) == 2 ]]
}

# Every writer, -j 1 against -j N: the same files, byte for byte.
same_bytes_for_any_jobs() {
    local to
    for to in json html epub pdf; do
        "$folio" -q -t $to -d "j1-$to" -j 1 --inputs-from=inputs.list || return 1
        "$folio" -q -t $to -d "jn-$to" -j "$jobs" --inputs-from=inputs.list || return 1
        diff -r "j1-$to" "jn-$to" || return 1
        [[ $(find "jn-$to" -type f | wc -l) == $(wc -l <inputs.list) ]] || return 1
    done
}

three_bad_inputs() {
    mkdir -p bad
    printf '{"version": 1, "articles": [' >bad/one.json
    printf '\xff\xfe not text\n' >bad/two.txt
    printf '{"version": 99}\n' >bad/three.json
    expect 1 -t json -d out10 -j "$jobs" in/nb-kort.txt bad/one.json in/en-port.txt bad/two.txt \
        bad/three.json in/sv-val.txt
    has "$err" "bad/one.json" && has "$err" "bad/two.txt" && has "$err" "bad/three.json" &&
        has "$err" "3 written, 3 failed" || return 1
    [[ -f out10/in/nb-kort.json && -f out10/in/en-port.json && -f out10/in/sv-val.json ]] || return 1
    [[ $(find out10 -type f | wc -l) == 3 ]]
}

fail_fast_stops() {
    expect 1 -t json -d out11 -j 1 --fail-fast bad/one.json in/nb-kort.txt in/en-port.txt
    has "$err" "0 written, 1 failed, 2 not converted" && [[ ! -e out11/in ]]
}

# A run long enough to be interrupted: the samples many times over, as PDF.
sigint_leaves_no_temporary() {
    mkdir -p many
    local i
    for i in $(seq 1 300); do cp in/article-sample.txt "many/a$i.txt"; done
    ls many/*.txt >long.list
    head -n 60 long.list >many.list
    # Background jobs of a script ignore SIGINT; --default-signal gives it back.
    env --default-signal=INT "$folio" -q -t pdf -d out12 -j 2 --inputs-from=long.list \
        2>"$work/.err" &
    local pid=$!
    # The signal comes once the first file is written, long before the last.
    while [[ -z $(find out12 -name '*.pdf' 2>/dev/null | head -n 1) ]]; do sleep 0.01; done
    kill -INT $pid
    wait $pid
    status=$?
    [[ $status == 130 ]] || { echo "exit status $status, expected 130"; return 1; }
    local tmp
    tmp=$(find out12 -name '.*' -type f)
    [[ -z $tmp ]] || { echo "left behind: $tmp"; return 1; }
    local done
    done=$(find out12 -name '*.pdf' | wc -l)
    [[ $done -lt 300 ]] || { echo "all $done were written before the signal"; return 1; }
    local f
    for f in $(find out12 -name '*.pdf'); do
        tail -c 6 "$f" | grep -q '%%EOF' || { echo "$f is not whole"; return 1; }
    done
}

# tests/fixtures/serial.c: a writer that fails when two threads call it at once.
serial_plugins_are_called_one_at_a_time() {
    local dir=$work/.plugins-serial path=$FOLIO_PLUGIN_PATH
    mkdir -p "$dir"
    ln -sf "$fixtures/serial.so" "$dir/serial.so"
    ln -sf "$fixtures/overlap.so" "$dir/overlap.so"
    export FOLIO_PLUGIN_PATH=$dir:$path
    expect 0 -q -t serial -d out20 -j 4 --inputs-from=many.list
    local serial=$?
    # The same writer without the flag is called by several threads at once: the check works.
    expect 1 -q -t overlap -d out21 -j 4 --inputs-from=many.list
    local overlap=$?
    export FOLIO_PLUGIN_PATH=$path
    [[ $serial == 0 && $overlap == 0 ]] && has "$err" "called by two threads at once"
}

progress_on_a_terminal() {
    script -qec "'$folio' -t json -d out13 -j 2 --inputs-from=many.list" /dev/null \
        >"$work/.tty" 2>&1 </dev/null
    local tty
    tty=$(cat -v "$work/.tty")
    has "$tty" "^M^[[Kfolio: " && has "$tty" "/60  " && has "$tty" "60 written, 0 failed"
}

no_progress_in_a_pipe() {
    "$folio" -t json -d out14 --inputs-from=many.list 2>&1 | cat >"$work/.pipe"
    local out
    out=$(cat -v "$work/.pipe")
    [[ $out != *"^M"* ]] && has "$out" "60 written, 0 failed"
}

no_progress_when_quiet() {
    script -qec "'$folio' -q -t json -d out15 --inputs-from=many.list" /dev/null \
        >"$work/.tty" 2>&1 </dev/null
    [[ ! -s $work/.tty ]] || { cat -v "$work/.tty"; return 1; }
}

failures_in_red_unless_no_color() {
    script -qec "'$folio' -t json -d out16 --inputs-from=many.list bad/one.json" /dev/null \
        >"$work/.tty" 2>&1 </dev/null
    has "$(cat -v "$work/.tty")" "^[[31m1 failed" || return 1
    NO_COLOR=1 script -qec "'$folio' -t json -d out17 --inputs-from=many.list bad/one.json" \
        /dev/null >"$work/.tty" 2>&1 </dev/null
    local tty
    tty=$(cat -v "$work/.tty")
    [[ $tty != *"^[[31m"* ]] && has "$tty" "1 failed"
}

t "-d names each output after its input and keeps its folders" names_and_folders
t "an output's name: the extension replaced, or added when there is none" names_without_extension_or_with_dots
t "an absolute input keeps its folders under DIR, not outside it" absolute_path_stays_under_dir
t "an input above the current folder is refused before any work" climbing_out_is_refused
t "two inputs with one output are a usage error before any work" collision_is_a_usage_error_before_work
t "one input given twice collides with itself" same_input_twice_collides
t "the standard input cannot be named after: -d needs files" stdin_needs_o
t "-d without -t is a usage error" output_dir_needs_to
t "--inputs-from reads one input a line" inputs_from_file
t "--inputs-from=- reads the standard input" inputs_from_stdin
t "an input without an extension is told by its bytes, or by -f" an_input_without_extension_is_sniffed
t "-j needs a number above 0" bad_jobs_is_a_usage_error
t "-o with several inputs still makes one digest" o_with_several_inputs_is_one_digest
t "-j 1 and -j $jobs write the same bytes, every writer" same_bytes_for_any_jobs
t "three bad inputs: the good ones written, the three named, exit 1" three_bad_inputs
t "--fail-fast stops at the first failure" fail_fast_stops
t "SIGINT mid-run leaves whole files and no temporary one" sigint_leaves_no_temporary
t "a plugin flagged FOLIO_PLUGIN_SERIAL is called by one thread at a time" serial_plugins_are_called_one_at_a_time
t "a terminal gets the progress line, and the summary" progress_on_a_terminal
t "a pipe gets no progress line" no_progress_in_a_pipe
t "-q: no progress line and no summary" no_progress_when_quiet
t "the failures count is red, but not under NO_COLOR" failures_in_red_unless_no_color

echo "1..$n"
[[ $failed == 0 ]]

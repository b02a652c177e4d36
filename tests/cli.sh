#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The `folio` command: options, format choice, exit statuses, atomic output.
# Prints TAP. Needs FOLIO_EXE, FOLIO_PLUGIN_PATH (with the json plugin) and
# FOLIO_BUILD_ROOT (for the fixture plugins), as `meson test` sets them.
set -u

folio=${FOLIO_EXE:?}
fixtures=${FOLIO_BUILD_ROOT:?}/tests/fixtures
plugin_path=${FOLIO_PLUGIN_PATH:?}
source "$(dirname "$0")/lib.sh"
begin cli

# A plugin directory of fixtures, as links named after them.
fixture_dir() {
    local dir=$work/.plugins-$1
    shift
    mkdir -p "$dir"
    for name in "$@"; do
        ln -sf "$fixtures/$name.so" "$dir/$name.so"
    done
    echo "$dir"
}

cat >a.json <<'EOF'
{
  "version": 1,
  "meta": {
    "title": "Kim og Putin møttes",
    "lang": "nb",
    "authors": [
      "Kari Nordmann"
    ]
  },
  "blocks": [
    {
      "type": "paragraph",
      "role": "lead",
      "text": "Nord-Koreas leder kom."
    }
  ]
}
EOF
sed 's/Kim og Putin møttes/Second/' a.json >b.json
sed 's/Kim og Putin møttes/Third/' a.json >c.json
printf '{\n  "version": 1,\n  "blocks": [ x ]\n}\n' >bad.json
good_dir=$(fixture_dir good good weak)

help_lists_exit_statuses() {
    expect 0 --help && has "$out" "Usage: folio" && has "$out" "4  an input cannot be read"
}
t "--help prints the usage and the exit statuses" help_lists_exit_statuses

version_prints_version() {
    expect 0 --version && [[ $out == "folio ${FOLIO_PROJECT_VERSION:?} (plugin ABI 2)" ]] || { echo "$out"; return 1; }
}
t "--version prints the version" version_prints_version

usage_errors() {
    expect 2 --bogus a.json && has "$err" "unknown option '--bogus'" &&
        expect 2 -qx a.json && has "$err" "unknown option '-x'" &&
        expect 2 a.json -t && has "$err" "option '-t' needs a value" &&
        expect 2 -M title a.json -t json && has "$err" "-M needs KEY=VALUE" &&
        expect 2 -M colour=red a.json -t json && has "$err" "unknown metadata key 'colour'" &&
        expect 2 -O =x a.json -t json && has "$err" "-O needs KEY=VALUE" &&
        expect 2 - - -t json && has "$err" "standard input ('-') can be read only once"
}
t "bad options are usage errors (exit 2)" usage_errors

no_output_format() {
    expect 2 a.json && has "$err" "cannot tell the output format of <stdout>: use -t FORMAT" &&
        expect 2 a.json -o out.unknownext && has "$err" "use -t FORMAT" &&
        [[ ! -e out.unknownext ]]
}
t "an output format that cannot be told is a usage error naming -t" no_output_format

no_input_format() {
    local dir
    dir=$(fixture_dir strict good)
    printf 'not GOOD\n' >plain.noext
    FOLIO_PLUGIN_PATH=$dir expect 2 plain.noext -t good &&
        has "$err" "cannot tell the format of plain.noext: use -f FORMAT"
}
t "an input format that cannot be told is a usage error naming -f" no_input_format

list_formats() {
    expect 0 --list-formats || return 1
    [[ -z $err ]] || { echo "stderr: $err"; return 1; }
    local dir file name listed=0
    IFS=: read -ra dirs <<<"$plugin_path"
    for dir in "${dirs[@]}"; do
        for file in "$dir"/*.so; do
            [[ -e $file ]] || continue
            name=$(basename "$file" .so)
            grep -Eq "^$name +(read|write|read\+write) +\S+ +.+ +$file\$" <<<"$out" ||
                { echo "no line for $name ($file) in:"; echo "$out"; return 1; }
            listed=$((listed + 1))
        done
    done
    [[ $listed -ge 1 && $(wc -l <<<"$out") -eq $listed ]] || { echo "$out"; return 1; }
    has "$out" "json         read+write .json"
}
t "--list-formats lists every built plugin with its file" list_formats

by_extension() {
    expect 0 a.json -o copy.json && cmp a.json copy.json
}
t "formats come from the file name extensions" by_extension

by_flag() {
    cp a.json article.data
    expect 0 -f json article.data -t json && [[ $out == "$(cat a.json)" ]] &&
        expect 0 --from=json article.data --to=json -o copy.data && cmp a.json copy.data
}
t "-f and -t name the formats" by_flag

by_sniffing() {
    "$folio" -t json <a.json >sniffed.json 2>"$work/.err" && cmp a.json sniffed.json &&
        "$folio" - -t json <a.json | cmp a.json - &&
        cp a.json article && expect 0 article -t json
}
t "an input without extension or -f is recognised by its content" by_sniffing

unknown_format() {
    expect 3 a.json -t nosuch && has "$err" "no output format 'nosuch' (formats: " &&
        expect 3 -f nosuch a.json -t json && has "$err" "no input format 'nosuch'" &&
        expect 3 a.json -t ../json && has "$err" "is not a format name"
}
t "an unknown format is a plugin error (exit 3)" unknown_format

missing_input() {
    expect 4 nosuch.json -t json && [[ $err == "folio: nosuch.json: No such file or directory" ]] &&
        expect 4 . -f json -t json && has "$err" "folio: .: Is a directory"
}
t "an input that cannot be read is an I/O error (exit 4)" missing_input

malformed_json() {
    expect 1 bad.json -t json && has "$err" "folio: bad.json:3:15: " || return 1
    "$folio" -t json <bad.json 2>"$work/.err" >/dev/null
    [[ $? == 1 ]] && has "$(cat "$work/.err")" "folio: <stdin>:3:15: "
}
t "malformed JSON is an input error (exit 1) with file:line:column" malformed_json

meta_overrides() {
    expect 0 a.json -t json -M title=New -M author=Ola -M authors=Per -M lang= &&
        has "$out" '"title": "New"' && has "$out" $'"authors": [\n      "Ola",\n      "Per"\n    ]' &&
        [[ $out != *'"lang"'* && $out != *Kari* ]] || { echo "$out"; return 1; }
}
t "-M sets metadata after reading; author replaces the authors; empty removes" meta_overrides

meta_reaches_plugins() {
    FOLIO_PLUGIN_PATH=$good_dir expect 0 -f weak a.json -t good -M title=Hi -O good.header=HEAD$'\n' &&
        [[ $(head -2 <<<"$out") == $'HEAD\nmeta.title=Hi' ]] || { echo "$out"; return 1; }
}
t "-M and -O reach the plugins as options" meta_reaches_plugins

option_keys_checked() {
    printf 'STAMP\n' >stamp.bin
    FOLIO_PLUGIN_PATH=$good_dir expect 2 -f weak a.json -t good -O good.hedaer=x &&
        has "$err" "did you mean 'good.header'" &&
        FOLIO_PLUGIN_PATH=$good_dir expect 2 -f weak a.json -t good -O header=x &&
        has "$err" "names no format" &&
        FOLIO_PLUGIN_PATH=$good_dir expect 2 -f weak a.json -t good -O nosuch.x=1 &&
        has "$err" "no format 'nosuch'" &&
        FOLIO_PLUGIN_PATH=$good_dir expect 0 -f weak a.json -t good -O good.stamp=stamp.bin &&
        [[ $(sed -n 2p <<<"$out") == STAMP ]] &&
        FOLIO_PLUGIN_PATH=$good_dir expect 4 -f weak a.json -t good -O good.stamp=missing.bin &&
        FOLIO_PLUGIN_PATH=$good_dir expect 0 --list-options good &&
        has "$out" "good.header" && has "$out" "the first line written" ||
        { echo "$out$err"; return 1; }
}
t "-O keys are checked against the plugin's options; file options are read for it" option_keys_checked

# A JPEG header (SOI, SOF0 of 64x48, EOI): enough for the probe, which decodes nothing.
tiny_jpeg() {
    printf '\xff\xd8\xff\xc0\x00\x11\x08\x00\x30\x00\x40\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xd9'
}

json_brings_its_photo() {
    mkdir -p photos/sub && tiny_jpeg >photos/photo.jpg
    cat >photos/article.json <<'JSON'
{
  "version": 1,
  "meta": {},
  "blocks": [
    {
      "type": "caption",
      "text": "Bildet",
      "image": {
        "src": "photo.jpg"
      }
    },
    {
      "type": "caption",
      "text": "Borte",
      "image": {
        "src": "../a.json"
      }
    }
  ]
}
JSON
    expect 0 -v photos/article.json -o photos/x.json &&
        has "$err" "resource photo.jpg (image/jpeg, 64x48, 23 bytes)" &&
        has "$err" "photos/article.json:16:16: warning: image '../a.json'" &&
        cmp -s photos/article.json photos/x.json ||
        { echo "$err"; return 1; }
}
t "a JSON article brings the photo beside it; -v names it; a reference outside warns" json_brings_its_photo

empty_output_name() {
    expect 2 a.json -t json -o '' && has "$err" "-o needs a file name" &&
        expect 2 a.json -t json -d '' && has "$err" "-d needs a folder name" &&
        [[ -z $(ls -A | grep '^\.\.') ]] || { ls -A; echo "$err"; return 1; }
}
t "an empty -o or -d is a usage error before any work" empty_output_name

digest() {
    expect 0 a.json b.json c.json -t json &&
        [[ $(grep -c '"blocks"' <<<"$out") == 3 && $(grep -c '"articles"' <<<"$out") == 1 ]] &&
        has "$out" '"title": "Third"' || { echo "$out"; return 1; }
}
t "several inputs make one digest of as many articles" digest

atomic_failure() {
    printf 'KEEP\n' >out.json
    cp out.json before.json
    local listing
    listing=$(ls -A)
    expect 1 bad.json -o out.json && cmp out.json before.json &&
        FOLIO_PLUGIN_PATH=$good_dir expect 1 -f weak a.json -O good.fail=1 -o out.good &&
        has "$err" "folio: out.good: failing on purpose" && [[ ! -e out.good ]] &&
        cp before.json out.good &&
        FOLIO_PLUGIN_PATH=$good_dir expect 1 -f weak a.json -O good.fail=1 -o out.good &&
        cmp out.good before.json && rm out.good &&
        [[ $(ls -A) == "$listing" ]] || { echo "files now:"; ls -A; return 1; }
}
t "a failing conversion leaves the output untouched and no temporary file" atomic_failure

atomic_success() {
    printf 'OLD\n' >target.json
    chmod 640 target.json
    expect 0 a.json -o target.json && cmp a.json target.json &&
        [[ $(stat -c %a target.json) == 640 ]] &&
        (umask 027 && "$folio" a.json -o fresh.json) && [[ $(stat -c %a fresh.json) == 640 ]] &&
        (umask 022 && "$folio" a.json -o fresh2.json) && [[ $(stat -c %a fresh2.json) == 644 ]] &&
        [[ -z $(find . -name '.*.json.*') ]]
}
t "a successful conversion replaces the output, keeping its mode" atomic_success

interrupted() {
    FOLIO_PLUGIN_PATH=$good_dir "$folio" -f weak a.json -O good.pause=1 -o paused.good &
    local pid=$! tries=0
    while [[ -z $(find . -name '.paused.good.*') && $tries -lt 100 ]]; do
        sleep 0.05
        tries=$((tries + 1))
    done
    [[ -n $(find . -name '.paused.good.*') ]] || { echo "no temporary file appeared"; kill $pid; return 1; }
    kill -TERM $pid
    wait $pid
    [[ $? == 143 && ! -e paused.good && -z $(find . -name '.paused.good.*') ]] || { ls -A; return 1; }
}
t "a conversion ended by a signal leaves no temporary file" interrupted

output_through_symlink() {
    printf 'OLD\n' >real.json
    ln -sf real.json link.json
    expect 0 a.json -o link.json && [[ -L link.json ]] && cmp a.json real.json
}
t "an output that is a symlink replaces the file it names" output_through_symlink

output_unwritable() {
    expect 4 a.json -o missing-dir/out.json && has "$err" "folio: missing-dir/out.json: " &&
        [[ ! -e missing-dir ]] &&
        expect 0 a.json -t json -o /dev/null && [[ -c /dev/null ]] || return 1
    # Past the first flush the system's reason must still reach the user.
    for i in $(seq 5000); do printf 'Avsnitt %d med litt tekst i.\n\n' "$i"; done >long.txt
    expect 4 long.txt -t json -o /dev/full && has "$err" "folio: /dev/full: No space left on device" &&
        expect 4 a.json -t json -o /dev/full && has "$err" "folio: /dev/full: No space left on device"
}
t "an output that cannot be written is an I/O error (exit 4)" output_unwritable

warnings() {
    printf 'FAIL here\n' >in.wk
    FOLIO_PLUGIN_PATH=$good_dir expect 1 in.wk -t good && [[ $err == "folio: in.wk:1:6: failing on purpose" ]] &&
        printf 'some text\n' >in.wk &&
        FOLIO_PLUGIN_PATH=$good_dir expect 0 in.wk -t good &&
        [[ $err == "folio: in.wk: warning: weak reads 10 bytes" ]] &&
        FOLIO_PLUGIN_PATH=$good_dir expect 0 -q in.wk -t good && [[ -z $err ]] &&
        FOLIO_PLUGIN_PATH=$good_dir expect 0 -q -v in.wk -t good &&
        has "$err" "reading in.wk as weak with $good_dir/weak.so" &&
        has "$err" "writing <stdout> as good with $good_dir/good.so"
}
t "plugin warnings go to stderr unless -q; -v names the plugin files" warnings

plugin_errors() {
    local dir
    dir=$(fixture_dir bad bad_abi weak)
    FOLIO_PLUGIN_PATH=$dir expect 3 a.json -f weak -t weak && has "$err" "weak.so cannot write" &&
        FOLIO_PLUGIN_PATH=$dir expect 3 a.json -f weak -t bad_abi &&
        has "$err" "$dir/bad_abi.so: built for ABI 7, this folio has ABI 2" &&
        FOLIO_PLUGIN_PATH=$dir expect 0 --list-formats && has "$err" "warning: $dir/bad_abi.so:"
}
t "a missing capability or an invalid plugin is a plugin error (exit 3)" plugin_errors

# The epub plugin opens its reader, a module beside it, on the first book read: a copy of
# the plugin without it still writes books, and a read names the module it lacks.
missing_module() {
    local module root=${FOLIO_SOURCE_ROOT:?}
    module=$(plugin_file epub-read.so.0) || return 0 # no epub plugin in this build
    mkdir -p lonely && cp "${module%/*}/epub.so" lonely/ &&
        FOLIO_PLUGIN_PATH=$PWD/lonely:$FOLIO_PLUGIN_PATH expect 0 "$root/samples/kim-putin.json" \
            -O epub.cover="$root/tests/epubcheck/photo.jpg" -o book.epub &&
        FOLIO_PLUGIN_PATH=$PWD/lonely:$FOLIO_PLUGIN_PATH expect 3 book.epub -t json &&
        has "$err" "folio: book.epub: epub: $PWD/lonely/epub-read.so.0: cannot open shared object file"
}
t "a plugin's missing module is a plugin error naming the module (exit 3)" missing_module

txt_sample() {
    local root=${FOLIO_SOURCE_ROOT:?}
    cp "$root/samples/article-sample.txt" sample.txt &&
        expect 0 sample.txt -o sample.json && cmp sample.json "$root/tests/expected/article-sample.json"
}
t "the sample article reads to the expected JSON by its extension" txt_sample

txt_errors() {
    printf 'Første linje.\n\nEn linje med \xff i seg.\n' >bad.txt
    expect 1 bad.txt -t json && [[ -z $out ]] &&
        has "$err" "folio: bad.txt:3:14: invalid UTF-8 (byte 0xFF)" &&
        expect 0 bad.txt -t json -O txt.encoding=latin1 && has "$out" "med ÿ i seg" &&
        expect 0 bad.txt -t json -O txt.encoding=lossy && has "$err" "warning:" &&
        expect 2 bad.txt -t json -O txt.encoding=nosuch && has "$err" "nosuch" &&
        expect 2 sample.txt -t txt -O txt.wrap=wide && has "$err" "txt.wrap"
}
t "invalid UTF-8 is exit 1 at file:line:column; a bad -O value is exit 2" txt_errors

only_needed_plugin_opened() {
    command -v strace >/dev/null || { echo "strace is not installed"; return 1; }
    # LeakSanitizer cannot run under ptrace; the other tests cover leaks.
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
        strace -f -e trace=openat,open -o "$work/.trace" "$folio" a.json -t json >/dev/null ||
        return 1
    local opened dir others=0
    opened=$(grep -v ENOENT "$work/.trace" | grep -o '"[^"]*"' | tr -d '"')
    IFS=: read -ra dirs <<<"$plugin_path"
    for dir in "${dirs[@]}"; do
        others=$((others + $(grep -c "^$dir" <<<"$opened")))
    done
    [[ $others == 1 ]] && grep -qx ".*/json\.so" <<<"$opened" ||
        { echo "opened in the plugin path:"; grep -F "${dirs[@]/#/-e}" <<<"$opened"; return 1; }
}
t "converting JSON to JSON opens json.so and no other plugin (strace)" only_needed_plugin_opened

echo "1..$n"
[[ $failed == 0 ]]

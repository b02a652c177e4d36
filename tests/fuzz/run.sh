#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds and runs one libFuzzer harness: tests/fuzz/run.sh NAME [SECONDS] [LIBFUZZER-ARGS...]
#
#   bash tests/fuzz/run.sh txt 45            # what CI runs for each harness
#   bash tests/fuzz/run.sh json 1800 -jobs=2 # a longer run
#
# The build is build-fuzz/ (clang, ASan and UBSan; $FUZZ_BUILD to change it).
# The corpus grows in build-fuzz/fuzz/NAME/corpus, seeded from the files of
# the format under samples/ and tests/ (through tests/fuzz/make-NAME-seeds.py
# when there is one) and from regress/NAME/, the inputs that once crashed the
# harness. A crash leaves its input in build-fuzz/fuzz/NAME/ and fails: copy
# it to tests/fuzz/regress/NAME/, where the fuzz-regress-NAME test replays it.
#
# Memory: one allocation larger than the reader's stated bound (factor times
# the largest input plus 24 MB, from tests/bounds/bounds.c) is a finding
# (-malloc_limit_mb); the process may use FUZZ_OVERHEAD_MB (1024) more for
# ASan and libFuzzer's own corpus (-rss_limit_mb).
set -eu
name=${1:?usage: run.sh NAME [SECONDS] [LIBFUZZER-ARGS...]}
seconds=${2:-60}
shift $(($# < 2 ? $# : 2))
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
max_len=${FUZZ_MAX_LEN:-65536}
[ -f "$root/tests/fuzz/fuzz_$name.c" ] || { echo "run.sh: no tests/fuzz/fuzz_$name.c" >&2; exit 2; }

if [ ! -f "$build/build.ninja" ]; then
    CC=clang meson setup "$build" -Dfuzz=enabled -Db_sanitize=address,undefined \
        -Db_lundef=false >/dev/null
fi
# A harness new since the build was set up needs a reconfigure to be found.
if ! ninja -C "$build" -t targets all | grep -q "^tests/fuzz/fuzz_$name:"; then
    meson setup --reconfigure "$build" >/dev/null
fi
# The harness and every plugin, as writers run too; a plugin that does not
# build is left out, not fatal.
plugins=$(ninja -C "$build" -t targets all | sed -n 's|^\(plugins/[^:]*\.so\(\.[0-9]*\)*\):.*|\1|p')
ninja -C "$build" -k 0 "tests/fuzz/fuzz_$name" $plugins >"$build/fuzz-build.log" 2>&1 ||
    grep -E 'FAILED|error' "$build/fuzz-build.log" | head -5 >&2
exe="$build/tests/fuzz/fuzz_$name"
[ -x "$exe" ] || { echo "run.sh: $exe did not build" >&2; exit 1; }
FOLIO_PLUGIN_PATH=$(find "$build/plugins" -name '*.so' -printf '%h\n' | sort -u | paste -sd:)
export FOLIO_PLUGIN_PATH

work="$build/fuzz/$name"
mkdir -p "$work/corpus" "$work/seeds"
rm -f "$work/seeds"/*
files=$(find "$root/samples" "$root/tests" -name "*.$name" -type f -size -1000k 2>/dev/null | sort)
if [ -f "$root/tests/fuzz/make-$name-seeds.py" ]; then
    # shellcheck disable=SC2086
    python3 "$root/tests/fuzz/make-$name-seeds.py" "$work/seeds" $files
else
    for f in $files; do cp "$f" "$work/seeds/$(echo "$f" | md5sum | cut -c1-16).$name"; done
fi
dirs=("$work/corpus" "$work/seeds")
[ -d "$root/tests/fuzz/regress/$name" ] && dirs+=("$root/tests/fuzz/regress/$name")
dict=()
[ -f "$root/tests/fuzz/$name.dict" ] && dict=("-dict=$root/tests/fuzz/$name.dict")

# The reader's factor in tests/bounds/bounds.c ({"shape", "NAME", option, factor}), else 8.
factor=$(sed -n "s/.*{\"[^\"]*\", *\"$name\", *[^,]*, *\([0-9]*\)[.0-9]*[,}].*/\1/p" \
    "$root/tests/bounds/bounds.c" | sort -n | tail -1)
bound_mb=$((${factor:-8} * max_len / 1048576 + 24))
rss_mb=$((bound_mb + ${FUZZ_OVERHEAD_MB:-1024}))

echo "fuzz_$name: ${seconds}s, max_len $max_len, malloc limit ${bound_mb} MB, rss limit ${rss_mb} MB"
set +e
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1} \
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/fuzz/lsan.supp:print_suppressions=0} \
    "$exe" "${dirs[@]}" "${dict[@]}" -max_total_time="$seconds" -max_len="$max_len" \
    -malloc_limit_mb="$bound_mb" -rss_limit_mb="$rss_mb" -timeout=20 -print_final_stats=1 \
    -artifact_prefix="$work/" "$@" >"$work/log" 2>&1
status=$?
set -e
grep -E '^#[0-9]+ *[[:space:]]+(INITED|DONE)' "$work/log" | tail -2
grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec' "$work/log"
if [ "$status" -ne 0 ]; then
    echo "fuzz_$name FAILED (status $status); the log is $work/log:" >&2
    grep -E -A12 '^==[0-9]+==ERROR|runtime error|SUMMARY|Test unit written' "$work/log" | head -40 >&2
fi
exit "$status"

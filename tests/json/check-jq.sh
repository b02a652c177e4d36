#!/bin/sh
# SPDX-License-Identifier: MIT
# The canonical JSON layout is defined as what `jq .` prints, so every
# canonical file must come out of `jq .` unchanged. Prints TAP; needs jq.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
set -- "$root"/tests/json/*.json "$root"/samples/*.json
echo "1..$#"
n=0
status=0
for f in "$@"; do
    n=$((n + 1))
    if jq . "$f" | cmp -s - "$f"; then
        echo "ok $n - ${f#"$root"/}"
    else
        echo "not ok $n - ${f#"$root"/} differs from jq's layout"
        status=1
    fi
done
exit $status

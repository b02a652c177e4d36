# SPDX-License-Identifier: MIT
# What the shell tests of the `folio` command share: a scratch folder to
# work in, TAP test points, and running folio. Sourced after `set -u` and
# after $folio is set; `begin NAME` makes the folder and enters it.

n=0
failed=0

# begin NAME: a scratch folder, removed on exit, as the working folder.
begin() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/folio-$1.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    cd "$work" || exit 1
}

# t DESCRIPTION FUNCTION: one test point, passing when FUNCTION succeeds.
t() {
    n=$((n + 1))
    if "$2" >"$work/.diag" 2>&1; then
        echo "ok $n - $1"
    else
        failed=$((failed + 1))
        echo "not ok $n - $1"
        sed 's/^/# /' "$work/.diag"
    fi
}

# skip DESCRIPTION WHY: a test point that cannot run here.
skip() {
    n=$((n + 1))
    echo "ok $n - $1 # SKIP $2"
}

# run ARGS...: runs folio; sets status, out and err.
run() {
    "$folio" "$@" >"$work/.out" 2>"$work/.err" </dev/null
    status=$?
    out=$(cat "$work/.out")
    err=$(cat "$work/.err")
}

# expect STATUS ARGS...: runs folio and checks its exit status.
expect() {
    local want=$1
    shift
    run "$@"
    if [[ $status != "$want" ]]; then
        echo "folio $*: exit status $status, expected $want"
        echo "stderr: $err"
        return 1
    fi
}

# has TEXT PATTERN: TEXT contains PATTERN.
has() {
    [[ $1 == *"$2"* ]] || { echo "expected \"$2\" in:"; echo "$1"; return 1; }
}

# lacks TEXT PATTERN: TEXT does not contain PATTERN.
lacks() {
    [[ $1 != *"$2"* ]] || { echo "did not expect \"$2\" in:"; echo "$1"; return 1; }
}

# plugin_file FILE: the path of FILE in the first folder of $FOLIO_PLUGIN_PATH that holds
# it; fails when none does.
plugin_file() {
    local d dirs
    IFS=: read -ra dirs <<<"$FOLIO_PLUGIN_PATH"
    for d in "${dirs[@]}"; do
        [[ -f $d/$1 ]] && { echo "$d/$1"; return 0; }
    done
    return 1
}

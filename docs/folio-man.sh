#!/bin/sh
# SPDX-License-Identifier: MIT
# Writes the folio(1) man page from `folio --help` and `folio --version`, so
# that the page cannot drift from the command: the options, the notes and
# the exit statuses are the help's own text, in roff. meson builds it as
# docs/folio.1 and installs it; `man -l build/docs/folio.1` shows it.
#
# Usage: folio-man.sh FOLIO > folio.1
set -eu
folio=$1
version=$("$folio" --version | sed -n 's/^folio \([^ ]*\).*/\1/p')

cat <<EOF
.TH FOLIO 1 "" "folio $version" "User Commands"
.SH NAME
folio \\- convert news articles between formats
.SH SYNOPSIS
.B folio
[\\fIOPTIONS\\fR] \\fIINPUT\\fR... [\\fB\\-o\\fR \\fIOUTPUT\\fR | \\fB\\-d\\fR \\fIDIR\\fR]
EOF

# The help's sections: the description up to the first option, each option
# ("  -f, --from=FORMAT  text", continued on lines indented further), the
# notes after the options, and "Exit status:" with its "  N  meaning" lines.
# The "Plugin path:" line at the end describes this build only: left out.
FOLIO_PLUGIN_PATH= "$folio" --help | awk '
function esc(s) {
    gsub(/\\/, "\\e", s)
    gsub(/-/, "\\-", s)
    sub(/^\./, "\\\\\\&.", s)
    sub(/^'"'"'/, "\\\\\\&'"'"'", s)
    return s
}
function option(line,    head, text) {
    # "  -f, --from=FORMAT      read ..." or a long head alone on its line.
    sub(/^ +/, "", line)
    if (match(line, /  +/)) {
        head = substr(line, 1, RSTART - 1)
        text = substr(line, RSTART + RLENGTH)
    } else {
        head = line
        text = ""
    }
    print ".TP"
    print "\\fB" esc(head) "\\fR"
    if (text != "")
        print esc(text)
}
NR == 1 { next }                       # the usage line: SYNOPSIS says it
/^Plugin path:/ { exit }
state == "" && NR == 2 { print ".SH DESCRIPTION"; state = "desc" }
state == "desc" && /^ +-/ { print ".SH OPTIONS"; state = "opts" }
state == "opts" && /^$/ { state = "notes"; print ".PP"; next }
state == "notes" && /^Exit status:/ { print ".SH EXIT STATUS"; state = "exit"; next }
state == "exit" && /^ +[0-9]/ {
    line = $0
    sub(/^ +/, "", line)
    code = line
    sub(/ .*/, "", code)
    sub(/^[0-9]+ +/, "", line)
    print ".TP"
    print "\\fB" code "\\fR"
    print esc(line)
    next
}
state == "opts" && /^ +-/ { option($0); next }
state == "opts" && /^                   +/ {
    line = $0
    sub(/^ +/, "", line)
    if (line ~ /^-/) { option(line) } else { print esc(line) }
    next
}
/^$/ { if (state != "exit") print ".PP"; next }
{ print esc($0) }
'

cat <<'EOF'
.SH ENVIRONMENT
.TP
.B FOLIO_PLUGIN_PATH
Directories separated by ':' searched for format plugins
(\fIformat\fR.so), instead of the installed plugin directory.
.SH EXAMPLES
.nf
folio article.txt \-o article.json
folio \-f txt \-t json < article.txt
folio a.txt b.txt \-M title="Morning digest" \-o digest.json
folio article.txt \-t txt \-O txt.wrap=72
folio \-\-list\-options txt
.fi
.SH SEE ALSO
The README and docs/ of the folio sources: the formats, the plugin guide
(docs/plugins.md) and the plain\-text layout (docs/text\-format.md).
EOF

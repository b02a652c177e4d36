# SPDX-License-Identifier: MIT
# bash completion for folio. Everything it offers comes from the command at
# completion time, so it cannot drift from it: the long options from
# `folio --help`, the formats from `folio --list-formats`, and the -O keys
# from `folio --list-options FORMAT` for each format. Installed as
# $datadir/bash-completion/completions/folio.

# The formats the plugins on the search path read (r) or write (w).
_folio_formats()
{
    "${1:-folio}" --list-formats 2>/dev/null |
        awk -v want="$2" 'want == "" || (want == "r" && $2 ~ /read/) || (want == "w" && $2 ~ /write/) { print $1 }'
}

# Every FORMAT.KEY that -O takes, each with its '='.
_folio_option_keys()
{
    local format
    for format in $(_folio_formats "$1"); do
        "$1" --list-options "$format" 2>/dev/null | awk '$1 ~ /\./ { print $1 "=" }'
    done
}

_folio()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local folio=${COMP_WORDS[0]}
    COMPREPLY=()
    # "--to=" arrives as "--to" "=" "": complete the value after '='.
    if [[ $cur == = ]]; then
        cur=""
    elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi
    case $prev in
    -f | --from | --read)
        mapfile -t COMPREPLY < <(compgen -W "$(_folio_formats "$folio" r)" -- "$cur")
        return
        ;;
    -t | --to | --write | --list-options)
        local want=w
        [[ $prev == --list-options ]] && want=""
        mapfile -t COMPREPLY < <(compgen -W "$(_folio_formats "$folio" "$want")" -- "$cur")
        return
        ;;
    -O | --option)
        mapfile -t COMPREPLY < <(compgen -W "$(_folio_option_keys "$folio")" -- "$cur")
        compopt -o nospace 2>/dev/null
        return
        ;;
    -M | --metadata)
        mapfile -t COMPREPLY < <(compgen -W "title= subtitle= date= lang= source= rights= id=
            description= author=" -- "$cur")
        compopt -o nospace 2>/dev/null
        return
        ;;
    -o | --output | --resource-path)
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return
        ;;
    esac
    if [[ $cur == -* ]]; then
        local opts
        opts=$("$folio" --help 2>/dev/null | grep -Eo -- '--[a-z-]+=?' | sort -u)
        mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
        [[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
        return
    fi
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

complete -o filenames -F _folio folio

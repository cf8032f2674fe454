#!/usr/bin/env bash
# The library never prints, exits or aborts: libzhclean_clean.a must not
# reference printf-family output, the standard streams, abort or exit.
source "$(dirname "$0")/lib.sh"
lib="$TOOLS/../libclean/libzhclean_clean.a"
[ -f "$lib" ] || { echo "FAIL: $lib not built"; exit 1; }
forbidden='^(printf|puts|putchar|fprintf|vfprintf|fputs|fwrite|perror|abort|exit|_exit|_ZSt4cout|_ZSt4cerr|_ZSt4clog)$'
hits=$(nm -A -u "$lib" | awk '$2 == "U" {print $1, $3}' | awk -v re="$forbidden" '$2 ~ re')
if [ -z "$hits" ]; then pass; else fail "library references forbidden symbols:"; echo "$hits"; fi
# The check itself works: the CLI library does print.
cli="$TOOLS/libzhclean_cli.a"
if nm -u "$cli" | grep -qE ' U _ZSt4cout$| U _ZSt4cerr$|_ZNSo5writeEPKcl'; then pass; else fail "nm check finds nothing in the CLI library"; fi
finish

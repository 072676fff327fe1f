#!/bin/sh
# Regenerates src/rules/graphviz_colors.txt: the colour names of X.Org's rgb.txt (Debian's x11-common,
# /usr/share/X11/rgb.txt) written as Graphviz writes them (lower case, no spaces), kept where the installed
# Graphviz accepts them, plus the names Graphviz adds (crimson, indigo, transparent, invis, none).
# Usage: sh tools/graphviz_colors.sh > src/rules/graphviz_colors.txt
set -eu
rgb=${1:-/usr/share/X11/rgb.txt}
cat <<HEADER
# Colour names Graphviz accepts in its default scheme (X11), one per line, compared case-insensitively.
# Source: X.Org's rgb.txt (Debian package x11-common, $rgb; X11/MIT licence: permission to use, copy,
# modify and distribute with this notice kept), names lower-cased without spaces as Graphviz's colour
# documentation (https://graphviz.org/doc/info/colors.html) lists them, each checked with
# \`$(dot -V 2>&1)\`; plus the names Graphviz adds. Regenerate: sh tools/graphviz_colors.sh
HEADER
{
  awk 'NR > 1 && !/^!/ { name = ""; for (i = 4; i <= NF; i++) name = name $i; print tolower(name) }' "$rgb"
  printf '%s\n' crimson indigo transparent invis none
} | sort -u | while read -r colour; do
  if ! echo "digraph { a [color=\"$colour\"] }" | dot -Tsvg -o /dev/null 2>&1 | grep -q 'not a known color'; then
    echo "$colour"
  fi
done

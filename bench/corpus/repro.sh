#!/usr/bin/env bash
# Builds each minimal reproduction (repro/*.md, or the files given) as a one-chapter book with
# the bindery at /work/main's HEAD and prints the words each output keeps, warnings, and
# epubcheck's verdict. A repro's images come from repro/files/. A folder (repro/NAME/, an
# mdBook project) is given to bindery as it is; if it has a book/ folder and no book.toml,
# book/ is the book and the rest is the repository around it.
#   bench/corpus/repro.sh [-main DIR] [file.md…]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
main=/work/main
if [ "${1:-}" = "-main" ]; then main=$2; shift 2; fi
work=${WORK:-/work/corpus}/repro
mkdir -p "$work" "${WORK:-/work/corpus}/bin"
commit=$(git -C "$main" rev-parse --short=7 HEAD)
bindery=${WORK:-/work/corpus}/bin/bindery-$commit
if [ ! -x "$bindery" ]; then
  src=$(mktemp -d)
  git -C "$main" archive HEAD | tar -x -C "$src"
  (cd "$src" && go build -o "$bindery" .)
  rm -rf "$src"
fi
wordcheck=${WORK:-/work/corpus}/bin/wordcheck
(cd "$here/../.." && go build -o "$wordcheck" ./bench/wordcheck/cmd/wordcheck)
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=("$here"/repro/*.md)
  for d in "$here"/repro/*/; do [ "$(basename "$d")" = files ] || files+=("${d%/}"); done
fi
echo "bindery $commit"
for f in "${files[@]}"; do
  name=$(basename "$f" .md)
  b="$work/$name"
  rm -rf "$b" "$b.out"
  mkdir -p "$b"
  if [ -d "$f" ]; then
    cp -r "$f/." "$b/"
  else
    cp "$f" "$b/ch.md"
    if [ -d "$here/repro/files" ]; then cp -r "$here/repro/files/." "$b/"; fi
    cat > "$b/book.yaml" <<YAML
title: "Repro $name"
author: bench
language: en
identifier: urn:uuid:00000000-0000-4000-8000-000000000000
date: 2020
chapters: [ch.md]
YAML
  fi
  out="$b.out"
  if [ -d "$b/book" ] && [ ! -e "$b/book.toml" ]; then b="$b/book"; fi
  warn=$("$bindery" check "$b" 2>&1 | grep -c ': warning:' || true)
  if ! "$bindery" build "$b" --out "$out" -q >"$work/$name.log" 2>&1; then
    printf '%-34s refused: %s\n' "$name" "$(grep -m1 -iE "error|bindery:" "$work/$name.log" | sed "s|$b/||g")"
    continue
  fi
  words=$("$wordcheck" -epub "$out"/*.epub -pdf "$out"/*.pdf "$b" | sed -E 's/ of [0-9]+ words kept//; s/; image descriptions/, alt/' | tr '\n' ' ')
  ec=$(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /usr/share/java/epubcheck.jar "$out"/*.epub 2>&1 | grep -cE '^(ERROR|FATAL)' || true)
  printf '%-34s %s warnings %s, epubcheck errors %s\n' "$name" "$words" "$warn" "$ec"
done

#!/usr/bin/env bash
# Times the real bindery CLI end to end on the default book (and pandoc, when installed, on
# the same manuscript for comparison). Not part of `make test`. Usage: bench/run.sh [runs]
# Uses hyperfine (apt-get install hyperfine) when present, else GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
bin=$(mktemp -d)/bindery
go build -o "$bin" .
out=$(mktemp -d)
echo "machine: $(nproc) cores; $(go version)"

cmds=("$bin build --out $out --format pdf" "$bin build --out $out --format epub" "$bin build --out $out")
if command -v pandoc >/dev/null; then
  files=$(sed -n '/^chapters:/,/^[a-z]/p' manuscript/book.yaml | sed -n 's/^  - /manuscript\//p' | tr '\n' ' ')
  cmds+=("pandoc -o $out/pandoc.epub $files")
fi

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs "$runs" "${cmds[@]}"
else
  for c in "${cmds[@]}"; do
    best=999999
    for _ in $(seq "$runs"); do
      t=$( { /usr/bin/time -f "%e %M" $c >/dev/null 2>/dev/null; } 2>&1 | tail -1 || true)
      ms=$(awk -v t="${t%% *}" 'BEGIN{printf "%d", t*1000}')
      [ "$ms" -lt "$best" ] && best=$ms && mem=${t##* }
    done
    printf '%-70s best %5d ms  peak %6d KB\n' "$c" "$best" "$mem"
  done
fi

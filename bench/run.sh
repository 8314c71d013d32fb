#!/usr/bin/env bash
# Times the real bindery CLI end to end on the default book and on 10× and 100× copies of it
# (bench/scale), with peak memory; and, when they are installed, pandoc (EPUB) and pandoc with
# XeLaTeX (PDF) on the same manuscripts, in the same run, with the ratio.
# Not part of `make test`. Usage: bench/run.sh [runs] [scales...]   e.g. bench/run.sh 10 1 10
# Needs hyperfine or GNU time (apt-get install hyperfine time).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
shift || true
scales=("${@:-1 10 100}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/bindery" .
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB; $(go version)"

# best-of-N wall time in ms, and peak resident memory in MB, of a command.
measure() {
  local best=999999999 mem=0 t
  for _ in $(seq "$1"); do
    /usr/bin/time -f "%e %M" -o "$work/time" bash -c "$2" >/dev/null 2>&1 || true
    t=$(tail -1 "$work/time")
    local ms=$(awk -v t="${t%% *}" 'BEGIN{printf "%d", t*1000}')
    if [ "$ms" -lt "$best" ]; then best=$ms; mem=$(( ${t##* } / 1024 )); fi
  done
  echo "$best $mem"
}

for n in ${scales[*]}; do
  book="$work/book$n"
  go run ./bench/scale -n "$n" -out "$book"
  r=$runs; [ "$n" -ge 100 ] && r=1
  read -r ms mem < <(measure "$r" "$work/bindery build $book --out $work/out$n")
  pages=$(pdfinfo "$work/out$n"/*.pdf 2>/dev/null | awk '/Pages/{print $2}' || echo "?")
  printf 'bindery %4d×  EPUB+PDF: %7d ms  peak %5d MB  %s pages\n' "$n" "$ms" "$mem" "$pages"
  files=$(sed -n '/^chapters:/,/^[a-z]/p' "$book/book.yaml" | sed -n "s|^  - |$book/|p" | tr '\n' ' ')
  if command -v pandoc >/dev/null; then
    read -r pms pmem < <(measure "$r" "pandoc -o $work/p.epub $files")
    printf 'pandoc  %4d×  EPUB:     %7d ms  peak %5d MB\n' "$n" "$pms" "$pmem"
    if command -v xelatex >/dev/null; then
      read -r xms xmem < <(measure "$r" "pandoc --pdf-engine=xelatex -o $work/p.pdf $files")
      printf 'pandoc  %4d×  XeLaTeX:  %7d ms  peak %5d MB\n' "$n" "$xms" "$xmem"
      awk -v a="$ms" -v b="$pms" -v c="$xms" 'BEGIN{printf "ratio: pandoc EPUB + XeLaTeX PDF take %.1f× bindery'"'"'s time\n", (b+c)/a}'
    fi
  fi
done

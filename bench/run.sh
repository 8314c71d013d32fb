#!/usr/bin/env bash
# Times the real bindery CLI end to end on the default book and on 10× and 100× copies of it
# (bench/scale), with CPU time (user+sys, the steadier figure on a shared machine) beside wall
# time and peak memory; and, when they are installed, pandoc (EPUB), pandoc with XeLaTeX (PDF)
# and Typst (PDF) on the same manuscripts, in the same run. Also bindery version, the starter
# book of bindery init, and the default book's EPUB alone without a page-list.
# Not part of `make test`. Usage: bench/run.sh [--notes] [--bindery-only] [runs] [scales...]
#   e.g. bench/run.sh 10 1 10      --notes also writes the table into docs/notes.md;
#   --bindery-only leaves the other tools out (bindery's own before/after figures).
# Needs GNU time (apt-get install time). Typst: the Typst CLI on the PATH, or node and the npm
# package @myriaddreamin/typst-ts-node-compiler in $TYPST_NODE_MODULES (a node_modules folder:
# npm install @myriaddreamin/typst-ts-node-compiler there); the Markdown is turned into Typst
# by bench/typst. Outputs go to $TMPDIR (mktemp): on a file system where creating a file is
# slow (ext4 without a journal, /tmp churned by builds: docs/notes.md, rt36) set
# TMPDIR=/var/tmp or /dev/shm, or every build carries 1–2 ms of the file system's work.
# On a machine whose speed swings (a VM: docs/notes.md, "Measuring on this machine"), compare
# instruction counts instead: valgrind --tool=callgrind with GOMAXPROCS=1 and
# GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off (valgrind 3.19 cannot decode the runtime's rdtscp).
set -euo pipefail
cd "$(dirname "$0")/.."
notes=false others=true
if [ "${1:-}" = "--notes" ]; then notes=true; shift; fi
if [ "${1:-}" = "--bindery-only" ]; then others=false; shift; fi
runs=${1:-10}
shift || true
scales=("${@:-1 10 100}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -tags urfave_cli_no_docs -o "$work/bindery" .  # as make dist builds it (static)
go build -o "$work/typst-md" ./bench/typst
machine="$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, load $(cut -d' ' -f1-3 /proc/loadavg); $(go version | cut -d' ' -f3)"
echo "machine: $machine"
table="$work/table"
printf '| what | wall | CPU (user+sys) | peak RSS |\n|---|---|---|---|\n' >"$table"

# measure RUNS CMD: the best-of-N wall time and the least CPU time in ms (each its own best:
# on a shared machine the two minima are the least disturbed runs), and the peak resident
# memory of the fastest run in MB.
measure() {
  local best=999999999 cpu=999999999 mem=0 t
  for _ in $(seq "$1"); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" bash -c "$2" >/dev/null 2>&1 || true
    read -r e u s m < <(tail -1 "$work/time")
    local ms c
    ms=$(awk -v t="$e" 'BEGIN{printf "%d", t*1000}')
    c=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%d", (u+s)*1000}')
    if [ "$ms" -lt "$best" ]; then best=$ms; mem=$((m / 1024)); fi
    if [ "$c" -lt "$cpu" ]; then cpu=$c; fi
  done
  echo "$best $cpu $mem"
}

# row NAME RUNS CMD: measures and prints one line, and adds it to the table.
row() {
  local ms cpu mem
  read -r ms cpu mem < <(measure "$2" "$3")
  printf '%-44s %7d ms wall  %7d ms CPU  peak %5d MB\n' "$1" "$ms" "$cpu" "$mem"
  printf '| %s | %d ms | %d ms | %d MB |\n' "$1" "$ms" "$cpu" "$mem" >>"$table"
}

typst=""
if ! $others; then
  :
elif command -v typst >/dev/null; then
  typst="typst compile --font-path fonts"
elif command -v node >/dev/null && [ -d "${TYPST_NODE_MODULES:-/nonexistent}/@myriaddreamin/typst-ts-node-compiler" ]; then
  typst="NODE_PATH=$TYPST_NODE_MODULES node bench/typst/compile.js"
fi

row "bindery version" "$runs" "$work/bindery version"
(cd "$work" && ./bindery init tiny >/dev/null)
row "bindery, starter book (init), EPUB+PDF" "$runs" "$work/bindery build $work/tiny --out $work/outtiny -q"
# (grep -q would end the pipe early, and pipefail take bindery's SIGPIPE for a failure.)
if "$work/bindery" build --help 2>&1 | grep -- --no-page-list >/dev/null; then
  row "bindery, default book, EPUB --no-page-list" "$runs" "$work/bindery build manuscript --out $work/outnp --format epub --no-page-list -q"
fi
row "bindery, default book, EPUB alone" "$runs" "$work/bindery build manuscript --out $work/outepub --format epub -q"
# A repeated build with the on-disk cache (build --cache), of a copy so that the cache folder is
# not left in the repository: warmed once, then timed unchanged.
if "$work/bindery" build --help 2>&1 | grep -- --cache >/dev/null; then
  cp -r manuscript "$work/cached"
  "$work/bindery" build "$work/cached" --out "$work/outcached" --cache -q
  row "bindery, default book, EPUB+PDF, --cache, unchanged" "$runs" "$work/bindery build $work/cached --out $work/outcached --cache -q"
fi

for n in ${scales[*]}; do
  book="$work/book$n"
  go run ./bench/scale -n "$n" -out "$book"
  r=$runs; [ "$n" -ge 100 ] && r=1
  row "bindery $n×, EPUB+PDF" "$r" "$work/bindery build $book --out $work/out$n -q"
  pages=$(pdfinfo "$work/out$n"/*.pdf 2>/dev/null | awk '/Pages/{print $2}' || echo "?")
  echo "  ($pages pages)"
  files=$(sed -n '/^chapters:/,/^[a-z]/p' "$book/book.yaml" | sed -n "s|^  - |$book/|p" | tr '\n' ' ')
  if $others && command -v pandoc >/dev/null; then
    row "pandoc $n×, EPUB" "$r" "pandoc -o $work/p.epub $files"
    if command -v xelatex >/dev/null; then
      row "pandoc + XeLaTeX $n×, PDF" "$r" "pandoc --pdf-engine=xelatex -o $work/p.pdf $files"
    fi
  fi
  if [ -n "$typst" ]; then
    # shellcheck disable=SC2086
    "$work/typst-md" $files >"$work/book$n.typ"
    row "Typst $n×, PDF (text only)" "$r" "$typst $work/book$n.typ $work/t.pdf"
  fi
done

echo
cat "$table"
if $notes; then
  # Replaces the table between the markers in docs/notes.md (appends them the first time).
  start='<!-- bench/run.sh table -->' end='<!-- end bench/run.sh table -->'
  if ! grep -qF "$start" docs/notes.md; then
    printf '\n%s\n%s\n' "$start" "$end" >>docs/notes.md
  fi
  {
    echo "$start"
    echo "bench/run.sh $runs ${scales[*]}, $(date -u +%Y-%m-%d); machine: $machine. Wall and CPU are each the best of the runs."
    echo
    cat "$table"
    echo "$end"
  } >"$work/block"
  awk -v s="$start" -v e="$end" -v f="$work/block" '
    $0 == s { while ((getline l < f) > 0) print l; skip = 1; next }
    $0 == e { skip = 0; next }
    !skip' docs/notes.md >"$work/notes" && cp "$work/notes" docs/notes.md
  echo "(written into docs/notes.md)"
fi

# Functions the recipes share. A recipe is sourced by run.sh (or prepare.sh) with these set:
#   DEST   the folder to fill (under /work/corpus/), empty
# and defines NAME, REPO (owner/name), COMMIT, LICENCE, KIND, WHY, and a function prepare that
# copies the book out of the repository's snapshot into $DEST and, where the tool it was
# written for has no book.yaml, writes one. Recipes never edit the Markdown. A recipe may set
# BOOKDIR: the book is then $DEST/$BOOKDIR (the rest of $DEST is the repository around it).

# MIRROR is where the search tool's fetch puts repository snapshots (bare git directories).
MIRROR=${MIRROR:-/work/.mirror}

# gitdir REPO: the snapshot's git directory.
gitdir() {
  local d="$MIRROR/${1/\//+}/repo"
  if [ -d "$d/.git" ]; then d="$d/.git"; fi
  if ! git --git-dir="$d" rev-parse -q --verify "$COMMIT^{commit}" >/dev/null 2>&1; then
    echo "no snapshot of $1 at $COMMIT in $MIRROR: fetch github:$1 first" >&2
    return 1
  fi
  echo "$d"
}

# extract PATH...: copies those paths of REPO at COMMIT into $DEST, keeping their place.
extract() {
  local g
  g=$(gitdir "$REPO") || return 1
  git --git-dir="$g" archive "$COMMIT" -- "$@" | tar -x -C "$DEST"
}

# yq STRING: a YAML double-quoted scalar.
yq() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

# book_yaml TITLE AUTHOR LANGUAGE DATE FILE...: writes $DEST/book.yaml, chapters in that order.
# The identifier is derived from the book's name, so it is stable from run to run.
book_yaml() {
  local title=$1 author=$2 lang=$3 date=$4
  shift 4
  local id
  id=$(printf '%s' "bindery-corpus-$NAME" | sha1sum | sed -E 's/^(.{8})(.{4}).(.{3}).(.{3})(.{12}).*/\1-\2-5\3-8\4-\5/')
  {
    echo "# Written by bench/corpus/recipes/$NAME.sh: the book as its tool reads it."
    echo "title: $(yq "$title")"
    echo "author: $(yq "$author")"
    echo "language: $lang"
    echo "identifier: urn:uuid:$id"
    echo "date: $(yq "$date")"
    echo "chapters:"
    local f
    for f in "$@"; do echo "  - $(yq "$f")"; done
  } > "$DEST/book.yaml"
}

# toml_get KEY: a string (or the first string of an array) from $DEST/book.toml's [book] table.
toml_get() {
  awk -v key="$1" '
    /^\[/ { inbook = ($0 == "[book]") ; next }
    inbook && $0 ~ "^[ \t]*" key "[ \t]*=" {
      sub(/^[^=]*=[ \t]*/, ""); sub(/^\[[ \t]*/, ""); 
      if (match($0, /"([^"\\]|\\.)*"/)) { print substr($0, RSTART+1, RLENGTH-2); exit }
    }' "$DEST/book.toml"
}

# mdbook_yaml: a book.yaml for an mdBook project, from book.toml and SUMMARY.md, for a bindery
# that does not read mdBook projects itself (run.sh tries the folder as it is first).
mdbook_yaml() {
  local DEST="$DEST/${BOOKDIR:-.}"
  local files=()
  mapfile -t files < <("$WORDCHECK" -list "$DEST")
  local lang
  lang=$(toml_get language)
  book_yaml "$(toml_get title)" "$(toml_get authors)" "${lang:-en}" \
    "$(git --git-dir="$(gitdir "$REPO")" log -1 --format=%cs "$COMMIT")" "${files[@]}"
}

# extract_dir SUBDIR: copies the contents of SUBDIR of REPO at COMMIT into $DEST itself.
extract_dir() {
  local g
  g=$(gitdir "$REPO") || return 1
  git --git-dir="$g" archive "$COMMIT:$1" | tar -x -C "$DEST"
}

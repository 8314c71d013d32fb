NAME=progit-de
REPO=progit/progit
COMMIT=61833a527c6ac0c44cc40793c034b81599c25efc
LICENCE="CC-BY-NC-SA-3.0"
KIND=pandoc
WHY="Pro Git in German: every English paragraph kept above its translation in an <!-- comment --> (hundreds of comments that must stay silent and unprinted), German typography"
prepare() {
  extract de
  local f=() d
  for d in "$DEST"/de/*/; do f+=("de/$(basename "$d")/$(cd "$d" && ls *.markdown | head -1)"); done
  book_yaml "Pro Git" "Scott Chacon" de 2009 "${f[@]}"
}

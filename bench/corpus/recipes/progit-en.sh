NAME=progit-en
REPO=progit/progit
COMMIT=61833a527c6ac0c44cc40793c034b81599c25efc
LICENCE="CC-BY-NC-SA-3.0"
KIND=pandoc
WHY="Pro Git, 1st edition: a 9-chapter book converted with pandoc; '# Title #' closed ATX headings, 'Insert 18333fig…png' figure placeholders, long shell sessions in indented code"
prepare() {
  extract en
  local f=() d
  for d in "$DEST"/en/*/; do f+=("en/$(basename "$d")/$(cd "$d" && ls *.markdown | head -1)"); done
  book_yaml "Pro Git" "Scott Chacon" en 2009 "${f[@]}"
}

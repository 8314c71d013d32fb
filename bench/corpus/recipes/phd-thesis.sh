NAME=phd-thesis
REPO=tompollard/phd_thesis_markdown
COMMIT=3476295d12b2e89e82afa5f82d867bc4821a14c4
LICENCE="MIT"
KIND=pandoc
WHY="A pandoc thesis template with real structure: citations [@key], pandoc-crossref labels {#fig:x}, LaTeX blocks and \\newpage, TeX math, figures with attributes, tables with captions, front matter files"
prepare() {
  # The snapshot lacks source/figures/example_figure.pdf: an empty PDF stands in for it, so
  # that bindery meets the PDF figure the author's book has.
  extract 'source/*.md' source/metadata.yml source/references.bib source/figures/full_caption_example.jpg source/code
  qpdf --empty "$DEST/source/figures/example_figure.pdf"
  local f=() x
  for x in "$DEST"/source/*.md; do f+=("source/$(basename "$x")"); done
  book_yaml "This is the title of the thesis" "Firstname Surname" en-GB 2015-01 "${f[@]}"
}

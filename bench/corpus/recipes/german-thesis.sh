NAME=german-thesis
REPO=cagix/pandoc-thesis
COMMIT=042381c79e7121c0a555aeceda72a328f99b87fd
LICENCE="MIT"
KIND=pandoc
WHY="A German pandoc thesis (lang: de-DE): a long YAML metadata block with comments, LaTeX commands in the text (\\LaTeX{}, \\newpage), citations [@key], footnotes, tables, a figure with attributes, TeX math, German hyphenation"
prepare() {
  extract thesis.md figs metadata.yml references.bib
  book_yaml "Title of my Thesis" "Surname Name" de-DE 2025-07-20 thesis.md
}

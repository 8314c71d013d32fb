NAME=little-go-book
REPO=karlseguin/the-little-go-book
COMMIT=9eeff11ec092cd5708148882d5242d01af661514
LICENCE="CC-BY-NC-SA-4.0"
KIND=pandoc
WHY="The Little Go Book, made into EPUB and PDF with pandoc: one 14,000-word file of many '#' chapters, '## X ##' closed headings, Go code blocks, tables, pointers to other books"
prepare() {
  extract en/go.md
  book_yaml "The Little Go Book" "Karl Seguin" en 2014 en/go.md
}

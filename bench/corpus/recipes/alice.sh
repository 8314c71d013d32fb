NAME=alice
REPO=mlschmitt/classic-books-markdown
COMMIT=944882722e9a96fa6cf2739dc2ea757e101f412f
LICENCE="public domain (text)"
KIND=novel
WHY="A public-domain novel in one Markdown file: '# Title:' then '## Chapter' sections, indented verse (which CommonMark reads as code), '* * *' scene breaks, 'quoted' dialogue"
prepare() {
  extract "Lewis Carroll/Alice's Adventures in Wonderland.md"
  book_yaml "Alice's Adventures in Wonderland" "Lewis Carroll" en-GB 1865 "Lewis Carroll/Alice's Adventures in Wonderland.md"
}

NAME=art-of-command-line
REPO=jlevy/the-art-of-command-line
COMMIT=6b50745d2e788add2e8f1ed29010e72659a9a074
LICENCE="CC-BY-SA-4.0"
KIND=gfm
WHY="One long GitHub README: starts with an emoji line, not a heading; a link list to its own sections; dense inline code, nested lists, raw HTML"
prepare() {
  extract README.md cowsay.png
  book_yaml "The Art of Command Line" "Joshua Levy" en 2023 README.md
}

NAME=mdbook-guide
REPO=rust-lang/mdBook
COMMIT=641d06abe7d10d981ed61dd2711a30e4119666cd
LICENCE="MPL-2.0"
KIND=mdbook
WHY="mdBook's own guide: {{#include}} with anchors and line ranges, includes from outside the book's folder (../../../examples/), {{#playground}}, {{#title}}, escaped directives, TOML and Handlebars code, MathJax, definition-like lists"
# The guide includes two examples from the repository's examples/, outside the book's folder,
# as mdBook allows: the repository's layout is kept and the book is its guide/ folder.
BOOKDIR=guide
prepare() { extract guide examples/nop-preprocessor.rs examples/remove-emphasis; }

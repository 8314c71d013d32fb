NAME=embedded-book
REPO=rust-embedded/book
COMMIT=0789b0f29e73ecb91213cac10ad0eec1b9333770
LICENCE="CC-BY-SA-4.0 (text), MIT or Apache-2.0 (code)"
KIND=mdbook
WHY="mdBook with src set in book.toml, images (PNG, SVG) and tables, HTML in Markdown"
prepare() { extract book.toml src; }

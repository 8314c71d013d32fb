NAME=rustbook-de
REPO=rust-lang-de/rustbook-de
COMMIT=4aafbc0ebecbb81479c19517a83c414a3212ed5d
LICENCE="MIT or Apache-2.0"
KIND=mdbook
WHY="German (language = de) mdBook, 112 files: umlauts, German quotes, long compounds for hyphenation; listings in HTML <span class=\"filename\">, ferris images"
prepare() { extract book.toml src; }

NAME=rust-by-example
REPO=rust-lang/rust-by-example
COMMIT=898f0ac1479223d332309e0fce88d44b39927d28
LICENCE="MIT or Apache-2.0"
KIND=mdbook
WHY="mdBook, ~200 small files nested three deep, each mostly a code example; repeated section titles across files; links to std docs and between files"
prepare() { extract book.toml src; }

NAME=rust-book
REPO=rust-lang/book
COMMIT=917544888a55e4da7109bdba8c88c893c0da70f4
LICENCE="MIT or Apache-2.0"
KIND=mdbook
WHY="The Rust Programming Language: 700 {{#include}}/{{#rustdoc_include}} of listings kept outside src/ (with anchors and line ranges), <Listing number=… caption=…> elements that its own preprocessor turns into figures, hidden Rust lines, 100 files"
prepare() { extract book.toml src listings; }

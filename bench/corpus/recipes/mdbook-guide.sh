NAME=mdbook-guide
REPO=rust-lang/mdBook
COMMIT=641d06abe7d10d981ed61dd2711a30e4119666cd
LICENCE="MPL-2.0"
KIND=mdbook
WHY="mdBook's own guide: {{#include}} with anchors and line ranges, {{#playground}}, {{#title}}, escaped directives, TOML and Handlebars code, MathJax, definition-like lists"
prepare() { extract_dir guide; }

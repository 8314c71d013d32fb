NAME=nomicon
REPO=rust-lang/nomicon
COMMIT=cc6a6bae8c3bfa389974e533c54694662c1a9de6
LICENCE="MIT or Apache-2.0"
KIND=mdbook
WHY="mdBook, 64 files: sections in their own files under a chapter (vec/, arc-mutex/), links between files, Rust code with hidden lines, HTML comments"
prepare() { extract book.toml src; }

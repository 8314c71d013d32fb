#!/usr/bin/env bash
# make dist-check: the release is reproducible and runs. Makes the archives of HEAD twice, in
# two fresh clones at different paths, the second with an empty build cache (nothing reused,
# no path of this machine), and compares SHA256SUMS; then unpacks the linux/amd64 archive,
# checks the sums, and runs the binary in it: version, init, build. Not part of make test (it
# cross-compiles six binaries, twice).
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
if [ -n "$(git status --porcelain)" ]; then
	echo "dist-check: note: builds HEAD ($(git rev-parse --short HEAD)); uncommitted changes are not in it" >&2
fi
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

git clone -q --no-local . "$work/a"
git clone -q --no-local . "$work/clone-b"
(cd "$work/a" && "$GO" run ./tools/dist -out "$work/one")
# The second run takes one target at a time, each in an empty build cache removed after it:
# a cold cache holds about 240 MB a target, and all six at once (1.4 GB) filled a CI
# machine's disk. The tool itself is built once, in an empty cache too.
(cd "$work/clone-b" && GOCACHE="$work/cache" "$GO" build -o "$work/dist-tool" ./tools/dist)
rm -rf "$work/cache"
targets=$("$work/dist-tool" -list-targets)
mkdir "$work/two"
for target in $targets; do
	out="$work/two-${target/\//-}"
	(cd "$work/clone-b" && GOCACHE="$work/cache" "$work/dist-tool" -targets "$target" -out "$out")
	rm -rf "$work/cache"
	mv "$out"/bindery-* "$work/two/"
	cat "$out/SHA256SUMS" >>"$work/two/SHA256SUMS.unsorted"
	rm -rf "$out"
done
LC_ALL=C sort "$work/two/SHA256SUMS.unsorted" >"$work/two/SHA256SUMS"
rm "$work/two/SHA256SUMS.unsorted"
if ! cmp "$work/one/SHA256SUMS" "$work/two/SHA256SUMS"; then
	diff "$work/one/SHA256SUMS" "$work/two/SHA256SUMS" >&2 || true
	echo "dist-check: two runs of make dist gave different archives" >&2
	exit 1
fi
echo "dist-check: two runs gave the same archives:"
cat "$work/one/SHA256SUMS"
ls -l "$work/one"

# The archive a Linux user downloads: verify, unpack, run.
(cd "$work/one" && sha256sum -c --quiet SHA256SUMS)
archive=$(ls "$work"/one/bindery-*-linux-amd64.tar.gz)
mkdir "$work/unpacked"
tar -xzf "$archive" -C "$work/unpacked"
root=$(ls -d "$work"/unpacked/bindery-*-linux-amd64)
bin="$root/bindery"
for f in README.md man/man1/bindery.1 completion/bindery.bash completion/_bindery completion/bindery.fish \
	licenses/go/LICENSE licenses/fonts/OFL-CharisSIL.txt; do
	[ -f "$root/$f" ] || { echo "dist-check: $f is not in $archive" >&2; exit 1; }
done
ls "$root"/licenses/book/hyphen/*/LICENSE* >/dev/null
file "$bin" | grep -q 'statically linked' || { file "$bin"; echo "dist-check: the binary is not static" >&2; exit 1; }
name=$(basename "$root")
"$bin" version | tee "$work/version"
want=${name#bindery-}
want=${want%-linux-amd64}
head -1 "$work/version" | grep -q "^bindery ${want/-/[-+]}\$" || { echo "dist-check: bindery version does not name $want" >&2; exit 1; }
cmp <("$bin" completion bash) "$root/completion/bindery.bash"
# Outside the repository, with no Go: init, then build.
book="$work/mybook"
(cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" "$bin" init mybook)
(cd "$book" && env -i PATH=/usr/bin:/bin HOME="$work" "$bin" build)
ls "$book"/out/*.epub "$book"/out/*.pdf
# Debian's /usr/bin/epubcheck is the jar itself, which runs only where binfmt_misc knows jars:
# run the jar with java, as the tests do.
if [ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null; then
	java -jar /usr/share/java/epubcheck.jar -q "$book"/out/*.epub
fi
if command -v qpdf >/dev/null; then qpdf --check "$book"/out/*.pdf >/dev/null; fi
echo "dist-check: the linux/amd64 archive unpacks, and its bindery runs init and build"

#!/usr/bin/env bash
# make cross: bindery and its tests build for Windows and macOS. go vet for both, the test
# binaries of every package for macOS (they cannot run here), and with Wine installed, the
# Windows test binaries of the packages that meet the file system, run on their path tests.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
for os in windows darwin; do
	echo "cross: GOOS=$os go vet ./..."
	GOOS=$os GOARCH=amd64 "$GO" vet ./...
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "cross: GOOS=darwin go test -c ./..."
GOOS=darwin GOARCH=arm64 "$GO" test -c -o "$work/darwin/" ./...

if ! command -v wine >/dev/null; then
	echo "cross: no wine here: the Windows test binaries were not run"
	exit 0
fi
# The tests that meet Windows' file system: names (slugs, reserved names, case), CRLF text,
# paths inside the book's folder, atomic outputs, init. Each from its package's folder, as
# go test runs it.
export WINEDEBUG=-all WINEPREFIX=${WINEPREFIX:-$work/wine}
run() { # package, -test.run pattern
	local pkg=$1 bin
	bin="$work/windows/$(basename "$pkg").test.exe"
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 "$GO" test -c -o "$bin" "./$pkg"
	echo "cross: wine $pkg -test.run '$2'"
	(cd "$pkg" && wine "$bin" -test.run "$2" -test.count=1)
}
run book/doc 'Slug|OutputName|FileName'
run book/config 'Resolve|Case|Chapter|CRLF'
run book/pipeline 'CRLF|FailedWrite|BuildsIntoOneFolder|OutputName|RemoveTemporary'
run book/starter '.'

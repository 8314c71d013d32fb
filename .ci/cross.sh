#!/usr/bin/env bash
# make cross: bindery and its tests build for Windows, macOS and 32-bit Linux. go vet for the
# three, the test binaries of every package for macOS (they cannot run here), and with Wine
# installed, the Windows test binaries of the packages that meet the file system, run on their
# path tests.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
for os in windows darwin; do
	echo "cross: GOOS=$os go vet ./..."
	GOOS=$os GOARCH=amd64 "$GO" vet ./...
done
# No 32-bit release is made, but the code (and its tests: no int constant past 31 bits)
# must build for one: someone will build it for an old Raspberry Pi.
echo "cross: GOOS=linux GOARCH=386 go vet ./..."
GOOS=linux GOARCH=386 "$GO" vet ./...
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "cross: GOOS=darwin go test -c ./..."
# One binary per package, named after its path: two packages may share a last element
# (bench/wordcheck and bench/wordcheck/cmd/wordcheck), which -o DIR/ refuses.
mkdir -p "$work/darwin"
for pkg in $("$GO" list ./...); do
	GOOS=darwin GOARCH=arm64 "$GO" test -c -o "$work/darwin/$(echo "$pkg" | tr / _).test" "$pkg"
done

if ! command -v wine >/dev/null; then
	echo "cross: no wine here: the Windows test binaries were not run"
	exit 0
fi
# The tests that meet Windows' file system: names (output names, reserved names, case), CRLF
# text, paths inside the book's folder, atomic outputs, init. Each from its package's folder,
# as go test runs it.
export WINEDEBUG=-all WINEPREFIX=${WINEPREFIX:-$work/wine}
wineboot --init >/dev/null 2>&1 || true
# Go's runtime needs ProcessPrng from bcryptprimitives.dll, which Wine 8 (Debian 12) lacks:
# give it one that forwards to RtlGenRandom (advapi32's SystemFunction036), which does the
# same (binutils-mingw-w64-x86-64 makes it; no C compiler needed).
sys32="$WINEPREFIX/drive_c/windows/system32"
if [ ! -e "$sys32/bcryptprimitives.dll" ]; then
	if ! command -v x86_64-w64-mingw32-ld >/dev/null; then
		echo "cross: this Wine has no bcryptprimitives.dll and binutils-mingw-w64-x86-64 is not installed: the Windows tests were not run"
		exit 0
	fi
	printf '\t.text\n\t.globl DllMain\nDllMain:\n\tmovl $1, %%eax\n\tret\n' > "$work/dllmain.s"
	printf 'LIBRARY bcryptprimitives\nEXPORTS\nProcessPrng = advapi32.SystemFunction036\n' > "$work/prng.def"
	x86_64-w64-mingw32-as -o "$work/dllmain.o" "$work/dllmain.s"
	x86_64-w64-mingw32-ld -shared --entry DllMain -o "$sys32/bcryptprimitives.dll" "$work/dllmain.o" "$work/prng.def"
fi
# Wine 8 lacks the POSIX-semantics delete that Go 1.26's os.RemoveAll uses on Windows, so
# t.TempDir's cleanup fails there ("unlinkat …: Invalid function"; real Windows has it since
# 2016). A test fails here only for another reason.
verdict() {
	awk '
		/^=== (RUN|CONT|NAME|PAUSE) / { cur = $3; next }
		/^ *--- (FAIL|PASS|SKIP): / { cur = $3; if ($2 == "FAIL:") failed[cur] = 1; next }
		/^panic: |^fatal error: / { crash = 1 }
		/^(PASS|FAIL)$/ { done = 1 }
		/\.go:[0-9]+: / && !/TempDir RemoveAll cleanup: .*Invalid function/ { msg[cur] = msg[cur] $0 "\n" }
		END {
			bad = crash || !done
			if (!done) print "the test binary did not finish"
			for (t in failed) if (t in msg) { printf "FAIL %s\n%s", t, msg[t]; bad = 1 }
			exit bad
		}'
}
run() { # package, -test.run pattern
	local pkg=$1 bin
	# Wine makes symbolic links that Windows would not (nor can an unprivileged user there):
	# the cases about links are left to the systems that have them.
	bin="$work/windows/$(basename "$pkg").test.exe"
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 "$GO" test -c -o "$bin" "./$pkg"
	echo "cross: wine $pkg -test.run '$2'"
	(cd "$pkg" && wine "$bin" -test.run "$2" -test.skip '[Ss]ymlink' -test.count=1 -test.v 2>&1 || true) | verdict
}
run book/config 'Resolve|Case|Names|NameKey|Chapter|Load'
run book/mdbook 'Summary|Include'
run book/pipeline 'CRLF|FileName|FailedWrite|BuildsIntoOneFolder|RemoveTemporary|Unwritable'
run book/starter '.'
echo "cross: the Windows tests passed under $(wine --version)"

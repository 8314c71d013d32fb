# bindery: the two commands a fresh machine needs are `make book` and `make test`.
GO ?= go

.PHONY: book test check vet fmt golden bench fuzz a11y dist dist-check cross

## book: build the default book (manuscript/) into out/
book:
	$(GO) run . build

## test: static checks and every test, with the race detector. No test has a clock of its
## own; -timeout (far above what a busy machine needs, see README) only ends a hang, with
## every goroutine's stack.
test: vet
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed on:"; gofmt -l .; exit 1; }
	$(GO) test -race -count=1 -timeout 30m ./...

vet:
	$(GO) vet ./...

fmt:
	gofmt -w .

## golden: refresh golden files after an intended change (review the diff!)
golden:
	$(GO) test ./book/epub -run TestGolden -update
	$(GO) test ./book/pipeline -run TestPrintLayoutGolden -update

## a11y: the EPUBs as reading systems show them: epubcheck, Ace by DAISY, epub.js in headless
## Chromium, MuPDF (tools/readers/a11y.sh; needs node, npm, chromium; a few minutes)
a11y:
	tools/readers/a11y.sh

## fuzz: run each fuzz target of issue 11 for FUZZTIME (not part of make test)
FUZZTIME ?= 2m
fuzz:
	$(GO) test ./book/svg -run '^$$' -fuzz '^FuzzSanitize$$' -fuzztime $(FUZZTIME)
	$(GO) test ./book/svg -run '^$$' -fuzz '^FuzzRasterize$$' -fuzztime $(FUZZTIME)
	$(GO) test ./book/picture -run '^$$' -fuzz '^FuzzPNG$$' -fuzztime $(FUZZTIME)

## bench: benchmarks (not part of make test)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## dist: the release archives for Linux, macOS and Windows (amd64, arm64) and SHA256SUMS in
## dist/ (tools/dist; reproducible: see "Releases" in docs/notes.md). Not part of make test.
dist:
	$(GO) run ./tools/dist

## dist-check: make dist twice (a fresh clone, an empty build cache) gives the same bytes, and
## the linux/amd64 archive unpacks and runs bindery version, init and build (.ci/dist.sh)
dist-check:
	.ci/dist.sh

## cross: go vet for Windows, macOS and 32-bit Linux, macOS test binaries, and the Windows path tests under
## Wine when it is installed (.ci/cross.sh)
cross:
	.ci/cross.sh

# bindery: the two commands a fresh machine needs are `make book` and `make test`.
GO ?= go

.PHONY: book test check vet fmt golden bench a11y

## book: build the default book (manuscript/) into out/
book:
	$(GO) run . build

## test: static checks and every test, with the race detector
test: vet
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed on:"; gofmt -l .; exit 1; }
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...

fmt:
	gofmt -w .

## golden: refresh golden files after an intended change (review the diff!)
golden:
	$(GO) test ./book/epub -run TestGolden -update

## a11y: the EPUBs as reading systems show them: epubcheck, Ace by DAISY, epub.js in headless
## Chromium, MuPDF (tools/readers/a11y.sh; needs node, npm, chromium; a few minutes)
a11y:
	tools/readers/a11y.sh

## bench: benchmarks (not part of make test)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

// Package e2e holds bindery's end-to-end tests: they build real books (the default book, the
// fixtures in testdata/books, the adversarial corpus in testdata/bad) through the command line,
// in-process (cli.Run) or as the built binary, and judge the outputs with independent tools
// (epubcheck, qpdf, pdftotext). They run from the repository's root (TestMain), as a user of
// the repository would. The package has no code of its own.
package e2e

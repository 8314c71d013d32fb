package wordcheck

import (
	"fmt"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// Book is a manuscript's Markdown files in reading order.
type Book struct {
	Dir    string
	Files  []string // relative to Dir
	MdBook bool     // an mdBook project: includes and hidden lines are applied to the sources
}

// LoadBook reads the file list of a book's folder: book.yaml's chapters and backmatter, or,
// without a book.yaml, an mdBook project's SUMMARY.md.
func LoadBook(dir string) (*Book, error) {
	b := &Book{Dir: dir}
	if _, err := os.Stat(filepath.Join(dir, "book.toml")); err == nil {
		b.MdBook = true
	}
	y, err := os.ReadFile(filepath.Join(dir, "book.yaml"))
	if err == nil {
		var cfg struct {
			Chapters   []string `yaml:"chapters"`
			Backmatter []string `yaml:"backmatter"`
		}
		if err := yaml.Unmarshal(y, &cfg); err != nil {
			return nil, fmt.Errorf("%s: %v", filepath.Join(dir, "book.yaml"), err)
		}
		b.Files = append(cfg.Chapters, cfg.Backmatter...)
		return b, nil
	}
	if !b.MdBook {
		return nil, fmt.Errorf("%s: neither book.yaml nor book.toml", dir)
	}
	b.Files, err = SummaryFiles(dir, MdBookSrc(dir))
	return b, err
}

// Tokens returns the source words of the whole book in reading order, and the image
// descriptions.
func (b *Book) Tokens() (text, alt []Token, err error) {
	text, alt, _, err = b.TokensLinks()
	return text, alt, err
}

// TokensLinks is Tokens, and the number of links within the book.
func (b *Book) TokensLinks() (text, alt []Token, links int, err error) {
	for _, f := range b.Files {
		path := filepath.Join(b.Dir, f)
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, 0, err
		}
		if b.MdBook {
			src = ExpandMdBook(path, src)
		}
		t, a, n, err := sourceTokens(f, src)
		if err != nil {
			return nil, nil, 0, fmt.Errorf("%s: %v", path, err)
		}
		text = append(text, t...)
		alt = append(alt, a...)
		links += n
	}
	return text, alt, links, nil
}

// AltFound counts the source image descriptions found in an output, as a multiset over its alt
// attributes and its text (where captions and printed descriptions land); an approximation,
// since a description's words may also occur in the running text.
func AltFound(alt, outAlt, outText []Token) int {
	have := map[string]int{}
	for _, t := range outAlt {
		have[t.Word]++
	}
	for _, t := range outText {
		have[t.Word]++
	}
	n := 0
	for _, t := range alt {
		if have[t.Word] > 0 {
			have[t.Word]--
			n++
		}
	}
	return n
}

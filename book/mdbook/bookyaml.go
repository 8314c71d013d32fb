package mdbook

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"

	"bindery/book/config"

	"go.yaml.in/yaml/v3"
)

// BookYAML writes a book.yaml that says what b, a book read from an mdBook project, says: the
// same metadata (the identifier included, so that it stays the book's), the same chapters
// with their titles, depths and parts. An author who wants a glossary, a chronology or an
// index adds them to it.
func BookYAML(b *config.Book) ([]byte, error) {
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, value *yaml.Node, comment string) {
		k := &yaml.Node{Kind: yaml.ScalarNode, Value: key}
		value.LineComment = comment
		root.Content = append(root.Content, k, value)
	}
	text := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }
	texts := func(list []string) *yaml.Node {
		n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, s := range list {
			n.Content = append(n.Content, text(s))
		}
		return n
	}
	opt := func(key, value string) {
		if value != "" {
			add(key, text(value), "")
		}
	}
	add("title", text(b.Title), "")
	opt("subtitle", b.Subtitle)
	add("author", text(b.Author), "")
	add("language", text(b.Language), "")
	add("identifier", text(b.Identifier), "keep it: it is this book's, in every edition")
	opt("date", b.Date)
	opt("publisher", b.Publisher)
	opt("rights", b.Rights)
	opt("description", b.Description)
	if len(b.Subjects) > 0 {
		add("subjects", texts(b.Subjects), "")
	}
	switch {
	case b.Trim.Name == "custom":
		add("trim", &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Content: []*yaml.Node{
			text("width"), text(strconv.FormatFloat(b.Trim.Width, 'f', -1, 64) + "pt"),
			text("height"), text(strconv.FormatFloat(b.Trim.Height, 'f', -1, 64) + "pt")}}, "")
	case b.Trim != config.DefaultTrim:
		add("trim", text(b.Trim.Name), "")
	}
	opt("font", b.Font)
	if b.EmbedFonts {
		add("embed_fonts", text("true"), "")
	}
	if len(b.Hyphenation) > 0 {
		add("hyphenation", texts(b.Hyphenation), "")
	}
	entries := func(files []config.File) *yaml.Node {
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, f := range files {
			m := &yaml.Node{Kind: yaml.MappingNode}
			if f.Part {
				m.Content = append(m.Content, text("part"), text(f.Name))
			} else {
				m.Content = append(m.Content, text("file"), text(f.Name))
				if f.Title != "" {
					m.Content = append(m.Content, text("title"), text(f.Title))
				}
				if f.Depth > 0 {
					m.Content = append(m.Content, text("depth"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(f.Depth)})
				}
			}
			n.Content = append(n.Content, m)
		}
		return n
	}
	add("chapters", entries(b.Chapters), "")
	if len(b.Backmatter) > 0 {
		add("backmatter", entries(b.Backmatter), "")
	}
	root.HeadComment = fmt.Sprintf("The book %q, as its mdBook project describes it (%s and %s), written by\n"+
		"bindery init --from-mdbook. From now on bindery reads this file instead of them: a chapter\n"+
		"added to SUMMARY.md must be added here too. A file nested under a chapter is a section of\n"+
		"it (depth: 1, 2…); title: is the chapter's title where its file has no heading.",
		b.Title, filepath.Base(b.Path), SummaryName)
	root.FootComment = "The glossary, chronology and index, when the book has them (see bindery's README):\n" +
		"glossary: glossary.yaml\nchronology: chronology.yaml\nindex: index.yaml"
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

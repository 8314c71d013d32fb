package wordcheck

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// EPUBTokens returns the words of an EPUB's spine in reading order, without what bindery
// generates: the navigation document, cover, title page, imprint, contents, glossary and index,
// note reference numbers and back-links, page-break markers. Image descriptions (alt) are
// returned separately.
func EPUBTokens(file string) (text, alt []Token, err error) {
	text, alt, _, err = EPUBTokensLinks(file)
	return text, alt, err
}

// EPUBTokensLinks is EPUBTokens, and the number of links within the book in the chapters
// (not counting note references and back-links, which bindery makes).
func EPUBTokensLinks(file string) (text, alt []Token, links int, err error) {
	z, err := zip.OpenReader(file)
	if err != nil {
		return nil, nil, 0, err
	}
	defer z.Close()
	entries := map[string]*zip.File{}
	for _, f := range z.File {
		entries[f.Name] = f
	}
	read := func(name string) ([]byte, error) {
		f := entries[name]
		if f == nil {
			return nil, fmt.Errorf("%s: no %s in the EPUB", file, name)
		}
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer r.Close()
		return io.ReadAll(r)
	}
	c, err := read("META-INF/container.xml")
	if err != nil {
		return nil, nil, 0, err
	}
	var container struct {
		Rootfiles []struct {
			Path string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := xml.Unmarshal(c, &container); err != nil || len(container.Rootfiles) == 0 {
		return nil, nil, 0, fmt.Errorf("%s: container.xml names no package document", file)
	}
	opfPath := container.Rootfiles[0].Path
	o, err := read(opfPath)
	if err != nil {
		return nil, nil, 0, err
	}
	var opf struct {
		Items []struct {
			ID         string `xml:"id,attr"`
			Href       string `xml:"href,attr"`
			Properties string `xml:"properties,attr"`
		} `xml:"manifest>item"`
		Spine []struct {
			IDRef string `xml:"idref,attr"`
		} `xml:"spine>itemref"`
	}
	if err := xml.Unmarshal(o, &opf); err != nil {
		return nil, nil, 0, fmt.Errorf("%s: %v", opfPath, err)
	}
	items := map[string]int{}
	for i, it := range opf.Items {
		items[it.ID] = i
	}
	for _, ref := range opf.Spine {
		i, ok := items[ref.IDRef]
		if !ok {
			continue
		}
		it := opf.Items[i]
		if strings.Contains(" "+it.Properties+" ", " nav ") {
			continue
		}
		name := path.Join(path.Dir(opfPath), it.Href)
		b, err := read(name)
		if err != nil {
			return nil, nil, 0, err
		}
		t, a, n, err := xhtmlText(b)
		if err != nil {
			return nil, nil, 0, fmt.Errorf("%s: %v", name, err)
		}
		links += n
		short := path.Base(name)
		for _, w := range Words(t) {
			text = append(text, Token{Word: w, File: short})
		}
		for _, w := range Words(a) {
			alt = append(alt, Token{Word: w, File: short})
		}
	}
	return text, alt, links, nil
}

// generatedSections are the epub:type values of the sections bindery writes itself.
var generatedSections = map[string]bool{
	"cover": true, "titlepage": true, "copyright-page": true, "toc": true, "landmarks": true,
	"page-list": true, "glossary": true, "index": true,
}

// inlineXHTML mirrors inline for the EPUB's XHTML.
var inlineXHTML = map[string]bool{}

func init() {
	for a := range inline {
		inlineXHTML[a.String()] = true
	}
}

// xhtmlText extracts the text of one XHTML file of the EPUB.
func xhtmlText(b []byte) (text, alt string, links int, err error) {
	d := xml.NewDecoder(strings.NewReader(string(b)))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.AutoClose = xml.HTMLAutoClose
	var t, a strings.Builder
	skip := 0 // depth inside a skipped element
	inBody := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", "", 0, err
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			name := x.Name.Local
			if name == "body" {
				inBody = true
				if typ := xattr(x, "type"); typ == "index" {
					skip = 1
				}
			}
			if name == "img" || name == "image" {
				a.WriteString(xattr(x, "alt") + " " + xattr(x, "title") + " ")
			}
			if skipElement(x) {
				skip = 1
				continue
			}
			if name == "a" && internalLink(xattr(x, "href")) {
				links++
			}
			if !inlineXHTML[name] {
				t.WriteByte(' ')
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if !inlineXHTML[x.Name.Local] {
				t.WriteByte(' ')
			}
		case xml.CharData:
			if skip == 0 && inBody {
				t.Write(x)
			}
		}
	}
	return t.String(), a.String(), links, nil
}

func skipElement(x xml.StartElement) bool {
	switch x.Name.Local {
	case "script", "style", "head", "nav":
		return true
	}
	switch xattr(x, "role") {
	case "doc-noteref", "doc-backlink", "doc-pagebreak", "doc-index", "doc-glossary", "doc-toc":
		return true
	}
	for _, typ := range strings.Fields(xattr(x, "type")) {
		if typ == "pagebreak" || typ == "noteref" || (x.Name.Local == "section" && generatedSections[typ]) {
			return true
		}
	}
	return false
}

// xattr returns an attribute by local name (epub:type is "type" in the epub namespace).
func xattr(x xml.StartElement, local string) string {
	for _, a := range x.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

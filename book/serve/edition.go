package serve

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"strings"
)

// edition is one good build as the preview serves it: the EPUB's publication resources by
// their path under the package document's folder (what the manifest lists, nothing else),
// and the PDF. It is read into memory when the build ends, so the next build can replace the
// files while this one is served, and no request ever reads the disk.
type edition struct {
	title    string
	files    map[string]resource // by site path without the leading slash: "text/codex.xhtml"
	spine    []string            // site paths in reading order
	contents []entry             // the navigation document's table of contents
	start    string              // the first page of the text (the "bodymatter" landmark)
	pdf      []byte              // nil when the PDF was not built
	pdfName  string              // its file name, for a download
	warnings []diagLine          // the build's warnings
	draft    []diagLine          // a draft's problems left for later (empty if not a draft)
}

// resource is one file of the EPUB.
type resource struct {
	data      []byte
	mediaType string
	page      *page // for an XHTML document: where the preview's parts go
}

// entry is one line of the table of contents.
type entry struct {
	Title    string
	Href     string // a site path, with its fragment: "/text/codex.xhtml#folds"
	Children []entry
}

// readEdition reads a built EPUB (and the PDF beside it, if pdfPath is not empty).
func readEdition(epubPath, pdfPath string) (*edition, error) {
	data, err := os.ReadFile(epubPath)
	if err != nil {
		return nil, err
	}
	ed, err := parseEPUB(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", epubPath, err)
	}
	if pdfPath != "" {
		if ed.pdf, err = os.ReadFile(pdfPath); err != nil {
			return nil, err
		}
		ed.pdfName = path.Base(pdfPath)
	}
	return ed, nil
}

// parseEPUB reads an EPUB's package document, manifest, spine and table of contents.
func parseEPUB(data []byte) (*edition, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		entries[f.Name] = f
	}
	read := func(name string) ([]byte, error) {
		f, ok := entries[name]
		if !ok {
			return nil, fmt.Errorf("no %s in the EPUB", name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(rc)
	}

	var container struct {
		Rootfiles []struct {
			FullPath string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := readXML(read, "META-INF/container.xml", &container); err != nil {
		return nil, err
	}
	if len(container.Rootfiles) == 0 {
		return nil, errors.New("the EPUB names no package document")
	}
	opfPath := container.Rootfiles[0].FullPath
	var opf struct {
		Title    []string `xml:"metadata>title"`
		Manifest []struct {
			ID         string `xml:"id,attr"`
			Href       string `xml:"href,attr"`
			MediaType  string `xml:"media-type,attr"`
			Properties string `xml:"properties,attr"`
		} `xml:"manifest>item"`
		Spine []struct {
			IDRef string `xml:"idref,attr"`
		} `xml:"spine>itemref"`
	}
	if err := readXML(read, opfPath, &opf); err != nil {
		return nil, err
	}
	base := path.Dir(opfPath)
	ed := &edition{files: map[string]resource{}}
	if len(opf.Title) > 0 {
		ed.title = opf.Title[0]
	}
	byID := map[string]string{}
	nav := ""
	for _, it := range opf.Manifest {
		site, ok := sitePath(base, "", it.Href)
		if !ok {
			continue // outside the package's folder: never served
		}
		data, err := read(path.Join(base, site))
		if err != nil {
			return nil, err
		}
		res := resource{data: data, mediaType: it.MediaType}
		if it.MediaType == "application/xhtml+xml" {
			res.page = findPage(data)
		}
		ed.files[site] = res
		byID[it.ID] = site
		if hasWord(it.Properties, "nav") {
			nav = site
		}
	}
	for _, ref := range opf.Spine {
		if site, ok := byID[ref.IDRef]; ok {
			ed.spine = append(ed.spine, site)
		}
	}
	if nav != "" {
		var landmarks []entry
		ed.contents, landmarks = readNav(ed.files[nav].data, nav)
		for _, l := range landmarks {
			if l.Title == "bodymatter" {
				ed.start = l.Href
			}
		}
	}
	switch {
	case ed.start != "":
	case len(ed.contents) > 0:
		ed.start = ed.contents[0].Href
	case len(ed.spine) > 0:
		ed.start = "/" + ed.spine[0]
	default:
		return nil, errors.New("the EPUB has no page to show")
	}
	return ed, nil
}

func readXML(read func(string) ([]byte, error), name string, v any) error {
	data, err := read(name)
	if err != nil {
		return err
	}
	if err := xml.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// sitePath resolves href, written in the document at site path from (or in the package
// document, for from ""), to a site path relative to the package's folder, its fragment
// kept. It refuses what leads out of the folder or elsewhere (another scheme or host).
func sitePath(base, from, href string) (string, bool) {
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	p := u.Path
	if p == "" {
		p = from
	} else {
		p = path.Join(path.Dir(from), p)
	}
	if p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return "", false
	}
	if u.Fragment != "" {
		p += "#" + u.Fragment
	}
	return p, true
}

func hasWord(list, word string) bool {
	for _, w := range strings.Fields(list) {
		if w == word {
			return true
		}
	}
	return false
}

// readNav reads the navigation document: the table of contents (nested) and the landmarks
// (flat, each titled with its epub:type), their links as absolute site paths.
func readNav(data []byte, from string) (contents, landmarks []entry) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	const epubNS = "http://www.idpf.org/2007/ops"
	kind := ""       // the epub:type of the nav element we are in
	var open []entry // the list items being read, outermost first
	var title strings.Builder
	inLink := false
	for {
		tok, err := d.Token()
		if err != nil {
			return contents, landmarks
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "nav":
				kind = ""
				for _, a := range t.Attr {
					if a.Name.Local == "type" && a.Name.Space == epubNS {
						kind = a.Value
					}
				}
			case "li":
				if kind == "toc" {
					open = append(open, entry{})
				}
			case "a":
				href, typ := "", ""
				for _, a := range t.Attr {
					switch {
					case a.Name.Local == "href" && a.Name.Space == "":
						href = a.Value
					case a.Name.Local == "type" && a.Name.Space == epubNS:
						typ = a.Value
					}
				}
				site, ok := sitePath("", from, href)
				if !ok {
					continue
				}
				switch {
				case kind == "toc" && len(open) > 0:
					open[len(open)-1].Href = "/" + site
					inLink = true
					title.Reset()
				case kind == "landmarks":
					landmarks = append(landmarks, entry{Title: typ, Href: "/" + site})
				}
			}
		case xml.CharData:
			if inLink {
				title.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "nav":
				kind = ""
			case "a":
				if inLink {
					open[len(open)-1].Title = strings.Join(strings.Fields(title.String()), " ")
					inLink = false
				}
			case "li":
				if kind != "toc" || len(open) == 0 {
					continue
				}
				done := open[len(open)-1]
				open = open[:len(open)-1]
				if len(open) == 0 {
					contents = append(contents, done)
				} else {
					parent := &open[len(open)-1]
					parent.Children = append(parent.Children, done)
				}
			}
		}
	}
}

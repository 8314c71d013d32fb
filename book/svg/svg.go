// Package svg makes an SVG picture safe to put in a book and draws it for print.
//
// Sanitize reads the author's file as XML (no DTD: a DOCTYPE is refused) and rebuilds it from
// an allow-list of static drawing elements and attributes, so that nothing in the picture can
// run, fetch a file or link out of the book; the rebuilt document is what the EPUB carries.
// Rasterize draws that same rebuilt tree for the print edition.
package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Limits on what a picture may make a reader (or our print renderer) do.
const (
	maxDepth = 256 // elements nested
	// maxExpanded bounds the elements drawn once every <use> is expanded: a picture that
	// refers to its own parts over and over ("use bombs") is refused.
	maxExpanded = 1_000_000
)

// Picture is a sanitised SVG picture.
type Picture struct {
	// Data is the rebuilt document: what the EPUB carries. The same input gives the same
	// bytes.
	Data []byte
	// Removed lists what was left out of the author's file, once each, in order, for a
	// warning ("<script>", "onload attribute", …). Editors' own data is left out silently.
	Removed []string
	// Width and Height are the picture's intrinsic size in CSS pixels (96 to the inch).
	Width, Height float64

	root *node // the rebuilt tree, which Rasterize draws
}

// Options are what Sanitize needs from its caller.
type Options struct {
	// CheckPicture checks the bytes of a PNG or JPEG embedded as a data: URL the way a
	// picture file is checked; nil leaves every embedded picture out.
	CheckPicture func(data []byte, mediaType string) error
}

// node is an element of the rebuilt tree, or a run of text (name "").
type node struct {
	name     string // local name in the SVG namespace
	attrs    []attr
	children []*node
	text     string
	unwrap   bool // an <a> whose link was left out: write its children only
	dropped  bool // found unsafe after it was read: left out when the tree is written
}

// attr is an attribute as it is written: "fill", "xlink:href", "xml:space".
type attr struct{ name, value string }

func (n *node) get(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

func (n *node) del(name string) {
	n.attrs = slices.DeleteFunc(n.attrs, func(a attr) bool { return a.name == name })
}

// ErrNotSVG is returned (wrapped) when the file is not an SVG document at all.
var ErrNotSVG = errors.New("not an SVG picture")

// Sanitize rebuilds an SVG document from its allowed parts. It refuses a file that is not
// well-formed XML, has a DOCTYPE, or whose root is not <svg> in the SVG namespace; what it
// leaves out of an SVG document is listed in Removed.
func Sanitize(data []byte, opt Options) (*Picture, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		return nil, errors.New("not UTF-8 text; save the SVG as UTF-8")
	}
	s := &sanitizer{opt: opt, seen: map[string]bool{}}
	root, err := s.read(data)
	if err != nil {
		return nil, err
	}
	s.uniqueIDs(root)
	if err := s.expandable(root); err != nil {
		return nil, err
	}
	prune(root)
	p := &Picture{root: root, Removed: s.removed}
	p.Width, p.Height = intrinsicSize(root)
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	write(&b, root, true)
	b.WriteByte('\n')
	p.Data = b.Bytes()
	return p, nil
}

type sanitizer struct {
	opt     Options
	removed []string
	seen    map[string]bool
}

// remove notes something left out, once.
func (s *sanitizer) remove(what string) {
	if !s.seen[what] {
		s.seen[what] = true
		s.removed = append(s.removed, what)
	}
}

// standardDoctypeRE matches the DOCTYPE the SVG 1.0 and 1.1 specifications give, naming the
// W3C's DTD by its public identifier, with no internal subset (which could declare entities).
var standardDoctypeRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^DOCTYPE\s+svg\s+PUBLIC\s+"-//W3C//DTD SVG (?:1\.0|20010904|1\.1|1\.1 Basic|1\.1 Tiny)//EN"\s+"http://www\.w3\.org/(?:TR/2001/REC-SVG-20010904/DTD/svg10\.dtd|Graphics/SVG/1\.1/DTD/svg11(?:-basic|-tiny)?\.dtd)"\s*$`)
})

// standardDoctype reports whether a declaration is the DOCTYPE of the SVG specifications.
func standardDoctype(d xml.Directive) bool { return standardDoctypeRE().Match(d) }

// read parses the document into the tree of allowed parts.
func (s *sanitizer) read(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true // no HTML-style autoclosing, entities only the five of XML
	var root *node
	var stack []*node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, notWellFormed(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if len(stack) == 0 && root == nil && standardDoctype(t) {
				// Illustrator's and Inkscape's exports name the W3C's DTD; it is never read
				// (the parser knows XML's five entities only), and the rebuilt file has none.
				continue
			}
			if len(stack) == 0 {
				return nil, errors.New("the SVG has a DOCTYPE (a DTD can read other files and expand entities); remove the <!DOCTYPE …> line")
			}
			return nil, errors.New("the SVG has a <!…> declaration inside an element")
		case xml.ProcInst:
			if t.Target != "xml" {
				s.remove("<?" + t.Target + "?>")
			}
		case xml.Comment:
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					return nil, fmt.Errorf("%w: text outside the root element", ErrNotSVG)
				}
				continue
			}
			top := stack[len(stack)-1]
			top.children = append(top.children, &node{text: string(t)})
		case xml.StartElement:
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("%w: more than one root element", ErrNotSVG)
				}
				if t.Name.Local != "svg" || t.Name.Space != nsSVG {
					if t.Name.Local == "svg" {
						return nil, fmt.Errorf("%w: the root element <svg> is not in the SVG namespace (add xmlns=\"%s\")", ErrNotSVG, nsSVG)
					}
					return nil, fmt.Errorf("%w: the root element is <%s>", ErrNotSVG, t.Name.Local)
				}
			}
			if len(stack) >= maxDepth {
				return nil, fmt.Errorf("the SVG nests elements more than %d deep", maxDepth)
			}
			n, keep := s.element(t)
			if !keep {
				if err := d.Skip(); err != nil {
					return nil, notWellFormed(err)
				}
				continue
			}
			if len(stack) == 0 {
				root = n
			} else {
				top := stack[len(stack)-1]
				top.children = append(top.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if n.name == "style" {
				s.style(n)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("%w: no root element", ErrNotSVG)
	}
	return root, nil
}

func notWellFormed(err error) error {
	return fmt.Errorf("not well-formed SVG (%s)", strings.TrimPrefix(err.Error(), "xml: "))
}

// element decides whether to keep an element and which of its attributes.
func (s *sanitizer) element(t xml.StartElement) (*node, bool) {
	name := t.Name.Local
	switch {
	case t.Name.Space != nsSVG:
		if !editorNamespaces()[t.Name.Space] {
			s.remove("<" + name + ">")
		}
		return nil, false
	case quietElements()[name]:
		return nil, false
	case !elements()[name]:
		s.remove("<" + name + ">")
		return nil, false
	}
	n := &node{name: name}
	var href, xlinkHref *string
	at := -1 // where the href goes among the attributes kept: where it was
	for i, a := range t.Attr {
		sp, local := a.Name.Space, a.Name.Local
		switch {
		case sp == "xmlns" || (sp == "" && local == "xmlns"):
			// Namespaces are declared anew on the root.
		case local == "href" && (sp == "" || sp == nsXLink):
			if at < 0 {
				at = len(n.attrs)
			}
			if sp == "" {
				href = &t.Attr[i].Value
			} else {
				xlinkHref = &t.Attr[i].Value
			}
		case sp == nsXML && xmlAttributes()[local]:
			s.keep(n, "xml:"+local, a.Value)
		case sp == "" && local == "style":
			v, dropped := cleanStyle(a.Value)
			for _, d := range dropped {
				s.remove(d)
			}
			if v != "" {
				s.keep(n, "style", v)
			}
		case sp == "" && properties()[local]:
			if v, err := cleanCSS(a.Value); err != nil {
				s.remove(fmt.Sprintf("%s=%q (%v)", local, clip(a.Value), err))
			} else {
				s.keep(n, local, strings.TrimSpace(v))
			}
		case sp == "" && local == "aria-label":
			s.keep(n, local, a.Value) // free text, never read as CSS
		case sp == "" && attributes()[local]:
			// SVG 2 reads geometry attributes (width, x, d, transform…) as CSS values too.
			if v, err := cleanCSS(a.Value); err != nil {
				s.remove(fmt.Sprintf("%s=%q (%v)", local, clip(a.Value), err))
			} else {
				s.keep(n, local, v)
			}
		case sp == "" && strings.HasPrefix(strings.ToLower(local), "on"):
			s.remove(local + " attribute")
		case sp == "" && strings.HasPrefix(local, "data-"):
			// Editors' own data (Illustrator's data-name): nothing a reader uses.
		case editorNamespaces()[sp]:
		default:
			s.remove(local + " attribute")
		}
	}
	// SVG 2's href wins over xlink:href; either is written as xlink:href, which SVG 1.1
	// readers (and epubcheck) expect.
	if href == nil {
		href = xlinkHref
	}
	if href != nil {
		rule := hrefRules()[name]
		if name == linkElement {
			s.remove(fmt.Sprintf("the link to %q", clip(*href)))
		} else if rule == hrefNone {
			s.remove("href on <" + name + ">")
		} else if u, err := checkHref(*href, rule, s.opt.CheckPicture); err != nil {
			s.remove(fmt.Sprintf("href=%q on <%s> (%v)", clip(*href), name, err))
		} else {
			n.attrs = slices.Insert(n.attrs, at, attr{"xlink:href", u})
		}
	}
	if _, linked := n.get("xlink:href"); !linked {
		switch name {
		case "use", "image", "textPath":
			// Nothing to draw without what it refers to (and SVG 1.1 requires it).
			return nil, false
		}
	}
	if name == linkElement {
		n.unwrap = true
	}
	if name == "style" {
		if v, ok := n.get("type"); ok && strings.TrimSpace(strings.ToLower(v)) != "text/css" {
			s.remove("<style type=" + clip(v) + ">")
			return nil, false
		}
	}
	return n, true
}

// keep adds an attribute, unless its value names a script scheme anywhere: no attribute
// outside href is a URL, so such a value is never what the picture needs.
func (s *sanitizer) keep(n *node, name, value string) {
	v := strings.ToLower(normalizeURL(value))
	if strings.Contains(v, "javascript:") || strings.Contains(v, "vbscript:") {
		s.remove(fmt.Sprintf("%s=%q", name, clip(value)))
		return
	}
	n.attrs = append(n.attrs, attr{name, value})
}

// style checks a <style> element's CSS, keeping it only when it is safe.
func (s *sanitizer) style(n *node) {
	var css strings.Builder
	for _, c := range n.children {
		css.WriteString(c.text) // a <style> keeps no element, only text
	}
	clean, err := cleanCSS(css.String())
	if err != nil {
		s.remove(fmt.Sprintf("<style> (%v)", err))
		n.dropped = true
		return
	}
	n.children = []*node{{text: clean}}
}

// uniqueIDs leaves out every ID after its first use: a reference means one element.
func (s *sanitizer) uniqueIDs(root *node) {
	ids := map[string]bool{}
	walk(root, func(n *node) {
		if id, ok := n.get("id"); ok {
			if ids[id] {
				n.del("id")
				s.remove(fmt.Sprintf("a second id=%q", clip(id)))
			}
			ids[id] = true
		}
	})
}

// expandable leaves out every <use> that would expand into itself, and refuses a picture
// that expands into more than maxExpanded elements.
func (s *sanitizer) expandable(root *node) error {
	ids := map[string]*node{}
	walk(root, func(n *node) {
		if id, ok := n.get("id"); ok {
			ids[id] = n
		}
	})
	const (
		white = iota
		grey
		black
	)
	colour := map[*node]int{}
	weight := map[*node]int{}
	var visit func(n *node) int
	visit = func(n *node) int {
		switch colour[n] {
		case black:
			return weight[n]
		case grey:
			return -1 // a cycle
		}
		colour[n] = grey
		w := 1
		if n.name == "use" {
			href, _ := n.get("xlink:href")
			if t := ids[strings.TrimPrefix(href, "#")]; t != nil {
				tw := visit(t)
				if tw < 0 {
					s.remove("a <use> that refers to itself")
					n.dropped = true
					tw = 0
				}
				w = sat(w + tw)
			}
		}
		for _, c := range n.children {
			if c.name == "" || c.dropped {
				continue
			}
			cw := visit(c)
			if cw < 0 {
				cw = 0
			}
			w = sat(w + cw)
		}
		colour[n], weight[n] = black, w
		return w
	}
	if visit(root) > maxExpanded {
		return fmt.Errorf("the SVG refers to its own parts (<use>) so often that it would draw more than %d elements", maxExpanded)
	}
	return nil
}

func sat(n int) int { return min(n, maxExpanded+1) }

// prune takes the elements found unsafe, and empty text, out of the tree, and puts the
// children of an unwrapped <a> in its place.
func prune(n *node) {
	var kept []*node
	for _, c := range n.children {
		switch {
		case c.dropped || (c.name == "" && c.text == ""):
		case c.unwrap:
			prune(c)
			kept = append(kept, c.children...)
		default:
			prune(c)
			kept = append(kept, c)
		}
	}
	n.children = kept
}

// walk visits the elements of the tree in document order.
func walk(n *node, visit func(*node)) {
	if n.name == "" {
		return
	}
	visit(n)
	for _, c := range n.children {
		walk(c, visit)
	}
}

// write serialises the tree: namespaces declared on the root, attributes in the order read,
// values and text escaped.
func write(b *bytes.Buffer, n *node, root bool) {
	if n.name == "" {
		escape(b, n.text, false)
		return
	}
	b.WriteByte('<')
	b.WriteString(n.name)
	if root {
		b.WriteString(` xmlns="` + nsSVG + `" xmlns:xlink="` + nsXLink + `"`)
	}
	for _, a := range n.attrs {
		b.WriteByte(' ')
		b.WriteString(a.name)
		b.WriteString(`="`)
		escape(b, a.value, true)
		b.WriteByte('"')
	}
	if len(n.children) == 0 {
		b.WriteString("/>")
		return
	}
	b.WriteByte('>')
	for _, c := range n.children {
		write(b, c, false)
	}
	b.WriteString("</")
	b.WriteString(n.name)
	b.WriteByte('>')
}

func escape(b *bytes.Buffer, s string, attribute bool) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attribute:
			b.WriteString("&quot;")
		case r == '\r' || (attribute && (r == '\n' || r == '\t')):
			fmt.Fprintf(b, "&#x%X;", r)
		default:
			b.WriteRune(r)
		}
	}
}

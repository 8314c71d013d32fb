package svg

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzSanitize: whatever the input, a picture Sanitize accepts is inert as judged by two
// parsers that share nothing with it (encoding/xml's raw tokens, and the HTML tokenizer a
// browser-like reader would use), and sanitising it again changes nothing.
//
//	go test ./book/svg -run '^$' -fuzz '^FuzzSanitize$' -fuzztime 5m
func FuzzSanitize(f *testing.F) {
	f.Add([]byte(head + `<a xlink:href="jav&#x09;ascript:alert(1)"><rect/></a></svg>`))
	f.Add([]byte(head + `<set attributeName="href" to="data:text/html,x"/><handler>x</handler></svg>`))
	f.Add([]byte(head + `<style>@import url(http://x); a{fill:url(#a)}</style><use href="http://x#a"/></svg>`))
	f.Add([]byte(head + `<g id="a"><use href="#a"/></g><image href="data:image/png;base64,AAAA"/></svg>`))
	f.Add([]byte(head + `<rect style="fill:url(#a);stroke:url(http://x)" fill="url( '#b' )"/><text>&amp;&lt;</text></svg>`))
	f.Add([]byte(`<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>`))
	f.Add([]byte(`<html><svg xmlns="http://www.w3.org/2000/svg"><iframe/></svg></html>`))
	f.Add([]byte(useBomb(3)))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Sanitize(data, Options{CheckPicture: checkPNG})
		if err != nil {
			return
		}
		if err := checkInert(p.Data); err != nil {
			t.Fatalf("%v\ninput:\n%s\noutput:\n%s", err, data, p.Data)
		}
		again, err := Sanitize(p.Data, Options{CheckPicture: checkPNG})
		if err != nil {
			t.Fatalf("the rebuilt picture is refused: %v\n%s", err, p.Data)
		}
		if !bytes.Equal(again.Data, p.Data) || len(again.Removed) > 0 {
			t.Fatalf("sanitising twice changes the picture (removed %q):\n%s\n%s", again.Removed, p.Data, again.Data)
		}
	})
}

// Never, whatever the allow-list says.
var denied = map[string]bool{
	"script": true, "foreignobject": true, "handler": true, "listener": true, "set": true,
	"animate": true, "animatemotion": true, "animatetransform": true, "animatecolor": true,
	"iframe": true, "object": true, "embed": true, "feimage": true, "discard": true,
	"audio": true, "video": true, "cursor": true, "font-face-uri": true, "tref": true,
	"a": true, // a picture in a book links nowhere
}

var (
	urlFunc      = regexp.MustCompile(`(?i)url\s*\(\s*['"]?\s*(.?)`)
	goodFragment = regexp.MustCompile(`^#[\p{L}_][\p{L}\p{N}_.\-]*$`)
	goodData     = regexp.MustCompile(`^data:image/(png|jpeg);base64,[A-Za-z0-9+/]*=*$`)
)

// checkInert judges a rebuilt picture with encoding/xml's raw tokens and with the HTML
// tokenizer.
func checkInert(data []byte) error {
	if err := checkXML(data); err != nil {
		return fmt.Errorf("encoding/xml: %w", err)
	}
	if err := checkHTML(data); err != nil {
		return fmt.Errorf("x/net/html: %w", err)
	}
	return nil
}

func checkXML(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	depth, roots := 0, 0
	var stack []string
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.Directive:
			return fmt.Errorf("a directive <!%s>", t)
		case xml.Comment:
			return fmt.Errorf("a comment")
		case xml.ProcInst:
			if t.Target != "xml" {
				return fmt.Errorf("a processing instruction <?%s?>", t.Target)
			}
		case xml.StartElement:
			name := t.Name.Local
			if t.Name.Space != "" {
				name = t.Name.Space + ":" + name
			}
			if depth == 0 {
				roots++
				if name != "svg" || roots > 1 {
					return fmt.Errorf("root <%s> (root number %d)", name, roots)
				}
			}
			if !elements()[name] || denied[strings.ToLower(name)] {
				return fmt.Errorf("element <%s>", name)
			}
			for _, a := range t.Attr {
				an := a.Name.Local
				if a.Name.Space != "" {
					an = a.Name.Space + ":" + an
				}
				if err := checkAttr(name, an, a.Value, depth == 0); err != nil {
					return err
				}
			}
			depth++
			stack = append(stack, name)
		case xml.EndElement:
			depth--
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1] == "style" {
				if err := checkCSS(string(t)); err != nil {
					return fmt.Errorf("<style>: %w", err)
				}
			}
		}
	}
	return nil
}

func checkAttr(elem, name, value string, root bool) error {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(lower, "on"):
		return fmt.Errorf("event attribute %s on <%s>", name, elem)
	case root && name == "xmlns" && value == "http://www.w3.org/2000/svg",
		root && name == "xmlns:xlink" && value == "http://www.w3.org/1999/xlink":
		return nil
	case name == "xml:space" || name == "xml:lang":
		return nil
	case name == "xlink:href":
		switch {
		case goodFragment.MatchString(value) && elem != "image":
		case goodData.MatchString(value) && elem == "image":
		default:
			return fmt.Errorf("<%s xlink:href=%q>", elem, value)
		}
		return nil
	case !(attributes()[name] || properties()[name]):
		return fmt.Errorf("attribute %s on <%s>", name, elem)
	}
	if v := strings.ToLower(value); strings.Contains(v, "javascript:") || strings.Contains(v, "vbscript:") {
		return fmt.Errorf("%s=%q", name, value)
	}
	if name == "aria-label" { // text for people, never read as CSS
		return nil
	}
	return checkCSS(value)
}

// checkCSS: no at-rule, no escape, url() only to #id.
func checkCSS(css string) error {
	if strings.ContainsAny(css, `@\`) {
		return fmt.Errorf("CSS with @ or \\: %q", css)
	}
	for _, m := range urlFunc.FindAllStringSubmatch(css, -1) {
		if m[1] != "#" {
			return fmt.Errorf("CSS url() not to #id: %q", css)
		}
	}
	return nil
}

// checkHTML reads the picture as an HTML tokenizer does (names folded to lower case), as a
// lenient reader might.
func checkHTML(data []byte) error {
	lowerElements := map[string]bool{}
	for e := range elements() {
		lowerElements[strings.ToLower(e)] = true
	}
	lowerAttrs := map[string]bool{"xmlns": true, "xmlns:xlink": true, "xml:space": true, "xml:lang": true}
	for a := range attributes() {
		lowerAttrs[strings.ToLower(a)] = true
	}
	for a := range properties() {
		lowerAttrs[a] = true
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return nil
			}
			return z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !lowerElements[tok.Data] || denied[tok.Data] {
				return fmt.Errorf("element <%s>", tok.Data)
			}
			for _, a := range tok.Attr {
				key := a.Key
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				switch {
				case strings.HasPrefix(key, "on"):
					return fmt.Errorf("event attribute %s", key)
				case key == "xlink:href":
					if !goodFragment.MatchString(a.Val) && !goodData.MatchString(a.Val) {
						return fmt.Errorf("href %q", a.Val)
					}
				case !lowerAttrs[key]:
					return fmt.Errorf("attribute %s on <%s>", key, tok.Data)
				}
			}
		case html.TextToken:
			if bytes.Contains(bytes.ToLower(z.Raw()), []byte("<script")) {
				return fmt.Errorf("text holding <script")
			}
		}
	}
}

// FuzzRasterize: whatever a sanitised picture holds, drawing it never panics and ends (its
// work is counted).
//
//	go test ./book/svg -run '^$' -fuzz '^FuzzRasterize$' -fuzztime 5m
func FuzzRasterize(f *testing.F) {
	f.Add([]byte(head + `<path d="M0 0 L10 10 A5 5 0 1 1 3 3 z" stroke="red" stroke-dasharray="1 2"/></svg>`))
	f.Add([]byte(head + `<text x="1" y="9" text-anchor="middle">Hé<tspan dy="2">llo</tspan></text></svg>`))
	f.Add([]byte(head + `<defs><radialGradient id="g" fx="0.9"><stop offset="0" stop-color="red"/><stop offset="1"/></radialGradient></defs><circle r="5" fill="url(#g)" transform="rotate(30 5 5) skewX(10)"/></svg>`))
	f.Add([]byte(head + `<symbol id="s" viewBox="0 0 1 1"><rect width="1" height="1"/></symbol><use href="#s" width="5" height="5"/><svg x="2" width="3" height="3" viewBox="0 0 1 1" preserveAspectRatio="xMaxYMin slice"><ellipse rx="1" ry="2"/></svg></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Sanitize(data, Options{CheckPicture: checkPNG})
		if err != nil {
			return
		}
		if _, _, err := Rasterize(p, 40, 30, nil); err != nil && err != errTooComplex {
			t.Fatalf("%v\n%s", err, p.Data)
		}
	})
}

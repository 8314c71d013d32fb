package markdown

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"bindery/book/doc"
)

// link makes a link of a destination as written: to the web or mail; to an ID in the book
// ("#id"); to another file of the book ("other.md#id", "other.html", "../part/x.md"), which
// the linker resolves; or, for any other scheme (javascript:, data:, file:), the text alone
// with a warning. A link with no text is a cross-reference, whose text the target makes.
func (c *conv) link(at doc.At, dest, title string, kids []doc.Inline) []doc.Inline {
	dest = strings.TrimSpace(decodeText(dest))
	switch {
	case dest == "":
		return kids
	case strings.HasPrefix(dest, "#"):
		frag := fragmentID(dest[1:])
		if frag == "" {
			return kids
		}
		if len(kids) == 0 {
			return []doc.Inline{&doc.CrossRef{At: at, Target: frag}}
		}
		return []doc.Inline{&doc.Link{At: at, URL: "#" + frag, Title: title, Children: kids}}
	case hasScheme(dest):
		if !SafeURL(dest) {
			c.diags.Warnf(at.Pos, "link to %q was kept as text only: a book links to http(s):, mailto:, #id or its own files", truncate(dest, 60))
			return kids
		}
		if len(kids) == 0 {
			kids = []doc.Inline{&doc.Text{At: at, Text: strings.TrimPrefix(dest, "mailto:")}}
		}
		return []doc.Inline{&doc.Link{At: at, URL: dest, Title: title, Children: kids}}
	}
	file, frag, _ := strings.Cut(dest, "#")
	file, _, _ = strings.Cut(file, "?")
	if u, err := url.PathUnescape(file); err == nil {
		file = u
	}
	file = c.bookPath(file)
	frag = fragmentID(frag)
	if len(kids) == 0 {
		return []doc.Inline{&doc.CrossRef{At: at, File: file, Target: frag}}
	}
	return []doc.Inline{&doc.Link{At: at, File: file, Fragment: frag, Title: title, Children: kids}}
}

// bookPath turns a path written in the file into one in the book's folder: relative to the
// file's folder, or to the book's folder when it begins with "/". A path that leaves the
// book's folder keeps its "../" (the linker reports it).
func (c *conv) bookPath(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	if strings.HasPrefix(p, "/") {
		return path.Clean(strings.TrimLeft(p, "/"))
	}
	return path.Clean(path.Join(c.dir, p))
}

// fragmentID reads the ID after a "#" as links from other tools write it (percent-encoded,
// "naïve", "-bindings"), as the ID the book gives it.
func fragmentID(frag string) string {
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	frag = strings.TrimSpace(frag)
	if frag == "" {
		return ""
	}
	return doc.SafeID(frag)
}

// image makes an image of a source as written: a file of the book, relative to the chapter's
// file (else, as bindery always read them, to the book's folder). An image on the web is
// not fetched: its description is printed instead, with a warning.
func (c *conv) image(at doc.At, src, alt, title string, width, height int) []doc.Inline {
	src = strings.TrimSpace(decodeText(src))
	if src == "" || hasScheme(src) || strings.HasPrefix(src, "//") {
		what := "has no source"
		if src != "" {
			what = fmt.Sprintf("%s is not a file in the book's folder (bindery never uses the network)", truncate(src, 60))
		}
		c.diags.WarnKind(at.Pos, "remote-image", "image %s: its description is printed instead", what)
		if alt == "" {
			return nil
		}
		return []doc.Inline{&doc.Text{At: at, Text: alt}}
	}
	src, _, _ = strings.Cut(src, "#")
	src, _, _ = strings.Cut(src, "?")
	if u, err := url.PathUnescape(src); err == nil {
		src = u
	}
	p := c.bookPath(src)
	if c.bookDir != "" {
		if _, err := os.Stat(filepath.Join(c.bookDir, filepath.FromSlash(p))); err != nil {
			switch {
			case strings.HasPrefix(src, "/"):
				// Not the book's "/images/x.png": an absolute path, which the check refuses.
				p = src
			default:
				if _, err := os.Stat(filepath.Join(c.bookDir, filepath.FromSlash(src))); err == nil {
					p = path.Clean(src)
				}
			}
		}
	}
	return []doc.Inline{&doc.Image{At: at, Src: p, Alt: alt, Title: title, Width: width, Height: height}}
}

// hasScheme reports whether a destination begins with a URL scheme ("https:", "c:").
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			return true
		default:
			return false
		}
	}
	return false
}

// SafeURL reports whether a link target may appear in the book.
func SafeURL(url string) bool {
	u := strings.ToLower(strings.TrimSpace(url))
	return strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") ||
		strings.HasPrefix(u, "mailto:") || (strings.HasPrefix(u, "#") && len(u) > 1)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return fmt.Sprintf("%s…", s[:n])
}

package svg

import (
	"encoding/base64"
	"errors"
	"regexp"
	"strings"
	"sync"
	"unicode"
)

// normalizeURL is a URL as a browser reads it, or stricter: character references are
// decoded already (by the XML reader), and every white space, control and invisible format
// character is removed, so that "jav&#x09;ascript:" and "java\nscript:" show their scheme.
func normalizeURL(v string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f || (r >= 0x80 && r <= 0x9f) || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, v)
}

var schemeRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.\-]*):`) })

// scheme is the URL's scheme in lower case, "" for a relative reference.
func scheme(u string) string {
	if m := schemeRE().FindStringSubmatch(u); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// fragmentRE is a reference to an element of the same document by its ID.
var fragmentRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^#[\p{L}_][\p{L}\p{N}_.\-]*$`) })

// checkHref returns the URL to write for an href under rule, or why it is left out.
// picture checks the bytes of a data: URL.
func checkHref(raw string, rule hrefRule, picture func(data []byte, mediaType string) error) (string, error) {
	u := normalizeURL(raw)
	if fragmentRE().MatchString(u) && rule == hrefFragment {
		return u, nil
	}
	s := scheme(u)
	switch {
	case rule == hrefPicture && s == "data":
		return checkDataURL(u, picture)
	case s == "":
		return "", errors.New("it refers to another file")
	}
	return "", errors.New("its scheme " + s + ": is not allowed")
}

var dataURLRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^data:(image/(?:png|jpeg));base64,(.*)$`) })

// checkDataURL decodes a data: URL of a PNG or JPEG, has its bytes checked, and returns it
// re-encoded in one canonical form.
func checkDataURL(u string, picture func(data []byte, mediaType string) error) (string, error) {
	m := dataURLRE().FindStringSubmatch(u)
	if m == nil {
		return "", errors.New("only PNG and JPEG pictures may be embedded (data:image/png;base64,…)")
	}
	mt := strings.ToLower(m[1])
	enc := strings.TrimRight(m[2], "=")
	data, err := base64.RawStdEncoding.DecodeString(enc)
	if err != nil {
		return "", errors.New("the embedded picture is not valid base64")
	}
	if picture == nil {
		return "", errors.New("embedded pictures are not allowed here")
	}
	if err := picture(data, mt); err != nil {
		return "", err
	}
	return "data:" + mt + ";base64," + base64.StdEncoding.EncodeToString(data), nil
}

// cssComment matches a CSS comment.
var cssComment = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/\*(?s:.*?)\*/`) })

// urlRE finds CSS url( references; forbiddenCSS finds what may fetch or run in CSS.
var (
	urlRE        = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)url\s*\(\s*(['"]?)\s*([^)'"]*)`) })
	forbiddenCSS = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)@|\\|image\s*\(|image-set\s*\(|cross-fade\s*\(|element\s*\(|expression\s*\(|src\s*\(|binding|behavior|javascript|vbscript|<`)
	})
)

// cleanCSS removes comments (they could hide a keyword from a reader of the text) and says
// whether what is left is safe: no at-rule (@import, @font-face), no escape, no url() but to
// an element of this document, nothing that fetches.
func cleanCSS(css string) (string, error) {
	css = cssComment().ReplaceAllString(css, " ")
	if strings.Contains(css, "/*") {
		return "", errors.New("an unclosed comment")
	}
	if m := forbiddenCSS().FindString(css); m != "" {
		return "", errors.New("it uses " + strings.TrimSpace(m))
	}
	for _, m := range urlRE().FindAllStringSubmatch(css, -1) {
		if !fragmentRE().MatchString(strings.TrimSpace(m[2])) {
			return "", errors.New("url(" + clip(m[2]) + ") refers outside the picture")
		}
	}
	return css, nil
}

// cleanStyle keeps the declarations of a style attribute whose property is a presentation
// property and whose value is safe, and lists the ones it leaves out.
func cleanStyle(style string) (string, []string) {
	var kept, dropped []string
	style = cssComment().ReplaceAllString(style, " ")
	for _, decl := range strings.Split(style, ";") {
		if strings.TrimSpace(decl) == "" {
			continue
		}
		prop, val, ok := strings.Cut(decl, ":")
		prop, val = strings.TrimSpace(prop), strings.TrimSpace(val)
		if !ok || !(properties()[strings.ToLower(prop)] || styleOnly()[strings.ToLower(prop)]) {
			dropped = append(dropped, "style "+clip(strings.TrimSpace(decl)))
			continue
		}
		if _, err := cleanCSS(val); err != nil || strings.Contains(decl, "/*") {
			dropped = append(dropped, "style "+clip(strings.TrimSpace(decl)))
			continue
		}
		kept = append(kept, strings.ToLower(prop)+":"+val)
	}
	return strings.Join(kept, ";"), dropped
}

// clip shortens a value for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

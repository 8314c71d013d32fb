package svg

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"
	"testing"
)

const head = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">`

// tinyPNG is a 1×1 PNG, for data: URLs.
func tinyPNG() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 1, 1))
	img.Set(0, 0, color.NRGBA{255, 0, 0, 255})
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// checkPNG accepts PNG and JPEG data whose header decodes, as the picture package does.
func checkPNG(data []byte, mt string) error {
	_, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || "image/"+format != mt {
		return errors.New("not a readable " + mt)
	}
	return nil
}

func sanitize(t *testing.T, src string) *Picture {
	t.Helper()
	p, err := Sanitize([]byte(src), Options{CheckPicture: checkPNG})
	if err != nil {
		t.Fatalf("Sanitize: %v\n%s", err, src)
	}
	if err := checkInert(p.Data); err != nil {
		t.Fatalf("the rebuilt picture is not inert: %v\n%s", err, p.Data)
	}
	return p
}

// TestBypasses: the ways round the old "no script" check (issue 11) all lose their payload,
// and each is named in Removed.
func TestBypasses(t *testing.T) {
	for _, c := range []struct {
		name, body string
		removed    string // a substring of one Removed entry
		gone       string // must not be in the output
	}{
		{"tab in scheme", `<a xlink:href="jav&#x09;ascript:alert(1)"><rect width="1" height="1"/></a>`, `the link to "jav\tascript:alert(1)"`, "ascript"},
		{"newline in scheme", "<a href=\"java\nscript:alert(1)\"><rect/></a>", "the link to", "script"},
		{"https link", `<a href="https://example.com/"><rect/></a>`, `the link to "https://example.com/"`, "example"},
		{"tab in an image's scheme", `<image href="jav&#x09;ascript:alert(1)" width="1" height="1"/>`, `href="jav\tascript:alert(1)" on <image> (its scheme javascript: is not allowed)`, "ascript"},
		{"newline in a use's scheme", "<use href=\"java\nscript:alert(1)#x\"/>", "its scheme javascript:", "script"},
		{"entity-encoded scheme", `<use href="&#106;avascript:alert(1)"/>`, "its scheme javascript:", "alert"},
		{"leading space and case", `<image href="  JaVaScRiPt:alert(1)"/>`, "its scheme javascript:", "alert"},
		{"zero-width space in scheme", `<use href="java&#x200B;script:alert(1)"/>`, "its scheme javascript:", "alert"},
		{"set to data html", `<a href="#x"><set attributeName="href" to="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"/><rect/></a>`, "<set>", "data:text"},
		{"animate href", `<a href="#x"><animate attributeName="xlink:href" values="javascript:alert(1)"/></a>`, "<animate>", "javascript"},
		{"handler", `<handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">alert(1)</handler>`, "<handler>", "alert"},
		{"script", `<script>alert(1)</script>`, "<script>", "alert"},
		{"script CDATA", `<script><![CDATA[alert(1)]]></script>`, "<script>", "alert"},
		{"foreignObject iframe", `<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="http://x"/></foreignObject>`, "<foreignObject>", "iframe"},
		{"onload", `<rect onload="alert(1)" width="1"/>`, "onload attribute", "alert"},
		{"onclick upper", `<rect ONCLICK="alert(1)" width="1"/>`, "ONCLICK attribute", "alert"},
		{"image file", `<image xlink:href="file:///etc/passwd" width="1" height="1"/>`, "its scheme file:", "passwd"},
		{"image http", `<image href="http://example.com/x.png" width="1" height="1"/>`, "its scheme http:", "example"},
		{"image svg data", `<image href="data:image/svg+xml;base64,PHN2Zy8+" width="1" height="1"/>`, "only PNG and JPEG", "svg+xml"},
		{"use http", `<use href="http://example.com/a.svg#x"/>`, "its scheme http:", "example"},
		{"use other file", `<use xlink:href="other.svg#x"/>`, "refers to another file", "other.svg"},
		{"css import", `<style>@import url(http://example.com/a.css); rect{fill:red}</style>`, "<style> (it uses @)", "example"},
		{"css url", `<style>rect{fill:url(http://example.com/a.svg#g)}</style>`, "refers outside the picture", "example"},
		{"css escape", `<style>rect{background:\75rl(http://example.com)}</style>`, "it uses \\", "example"},
		{"style attribute url", `<rect style="fill:url(http://example.com/g);stroke:red"/>`, "style fill:url(http://example.com/g)", "example"},
		{"fill attribute url", `<rect fill="url('http://example.com/g')"/>`, `fill="url('http://example.com/g')"`, "example"},
		{"xml-stylesheet", `<?xml-stylesheet href="http://example.com/a.css"?><rect/>`, "<?xml-stylesheet?>", "example"},
		{"xml:base", `<g xml:base="http://example.com/"><use href="#a"/></g>`, "base attribute", "example"},
		{"iframe in SVG namespace", `<iframe src="http://example.com"/>`, "<iframe>", "example"},
		{"cursor", `<rect cursor="url(http://example.com/c.cur)"/>`, "cursor attribute", "example"},
		{"image vbscript", `<image href="vbscript:msgbox(1)"/>`, "its scheme vbscript:", "msgbox"},
		{"aria javascript", `<rect aria-label="javascript:alert(1)"/>`, `aria-label="javascript:alert(1)"`, "alert"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := sanitize(t, head+c.body+`</svg>`)
			if bytes.Contains(bytes.ToLower(p.Data), []byte(strings.ToLower(c.gone))) {
				t.Errorf("%q survived:\n%s", c.gone, p.Data)
			}
			found := false
			for _, r := range p.Removed {
				found = found || strings.Contains(r, c.removed)
			}
			if !found {
				t.Errorf("Removed = %q, want one with %q", p.Removed, c.removed)
			}
		})
	}
}

// TestRefused: what is not an SVG document at all, or has a DTD, is refused with a reason.
func TestRefused(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"doctype external", `<?xml version="1.0"?><!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg xmlns="http://www.w3.org/2000/svg"/>`, "DOCTYPE"},
		{"doctype internal entity", `<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>`, "DOCTYPE"},
		{"undefined entity", `<svg xmlns="http://www.w3.org/2000/svg"><text>&nbsp;</text></svg>`, "not well-formed"},
		{"html with svg", `<!-- <svg --><html><body><svg xmlns="http://www.w3.org/2000/svg"/><iframe src="x"></iframe></body></html>`, "root element is <html>"},
		{"html not xml", `<svg xmlns="http://www.w3.org/2000/svg"><iframe src=x></svg>`, "not well-formed"},
		{"no namespace", `<svg width="1" height="1"/>`, "not in the SVG namespace"},
		{"two roots", `<svg xmlns="http://www.w3.org/2000/svg"/><svg xmlns="http://www.w3.org/2000/svg"/>`, "more than one root"},
		{"latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><svg xmlns="http://www.w3.org/2000/svg"/>`, "not well-formed"},
		{"not utf-8", "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>\xff</text></svg>", "UTF-8"},
		{"truncated", `<svg xmlns="http://www.w3.org/2000/svg"><g>`, "not well-formed"},
		{"deep", `<svg xmlns="http://www.w3.org/2000/svg">` + strings.Repeat("<g>", 300) + strings.Repeat("</g>", 300) + `</svg>`, "deep"},
		{"use bomb", useBomb(8), "refers to its own parts"},
		{"empty", ``, "no root element"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Sanitize([]byte(c.src), Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one with %q", err, c.want)
			}
		})
	}
}

// useBomb nests groups that each use the one below ten times: 10^levels elements.
func useBomb(levels int) string {
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><rect id="l0" width="1" height="1"/>`)
	for i := 1; i <= levels; i++ {
		b.WriteString(`<g id="l` + itoa(i) + `">`)
		for k := 0; k < 10; k++ {
			b.WriteString(`<use xlink:href="#l` + itoa(i-1) + `"/>`)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</defs><use xlink:href="#l` + itoa(levels) + `"/></svg>`)
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestKept: a static drawing comes through whole: shapes, gradients, text, same-document
// references, CSS that refers to the picture's own parts, an embedded PNG.
func TestKept(t *testing.T) {
	pngURL := "data:image/png;base64," + base64.StdEncoding.EncodeToString(tinyPNG())
	src := `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- made by hand -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="100mm" height="50mm" viewBox="0 0 200 100" inkscape:version="1.2">
<title>A map</title>
<style>.road { stroke: url(#g); fill: none } /* roads */</style>
<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="black"/></linearGradient>
<clipPath id="c"><rect width="50" height="50"/></clipPath></defs>
<g id="layer1" inkscape:label="Roads" clip-path="url(#c)" style="opacity:0.5;fill:url(#g)">
<path class="road" d="M0 0 L10 10" data-name="road"/>
<use xlink:href="#layer2" x="5"/>
<text x="1" y="2" font-family="'Charis SIL', serif" xml:space="preserve">La Paz &amp; <tspan font-weight="bold">El Alto</tspan></text>
<image href="` + pngURL + `" width="1" height="1"/>
<a href="https://example.org/"><circle r="3"/></a>
</g>
<g id="layer2"><rect width="1" height="1"/></g>
</svg>`
	p := sanitize(t, src)
	if len(p.Removed) != 1 || p.Removed[0] != `the link to "https://example.org/"` {
		t.Errorf("Removed = %q, want the link only (editor data goes quietly)", p.Removed)
	}
	for _, want := range []string{
		`<title>A map</title>`, `stroke: url(#g)`, `<linearGradient id="g">`, `clip-path="url(#c)"`,
		`style="opacity:0.5;fill:url(#g)"`, `<use xlink:href="#layer2" x="5"/>`,
		`La Paz &amp; <tspan font-weight="bold">El Alto</tspan>`, `xlink:href="` + pngURL + `"`,
		`<circle r="3"/>`, `xml:space="preserve"`,
	} {
		if !bytes.Contains(p.Data, []byte(want)) {
			t.Errorf("the rebuilt picture lacks %s:\n%s", want, p.Data)
		}
	}
	for _, gone := range []string{"inkscape", "data-name", "made by hand", "/* roads */", "<a", "example.org"} {
		if bytes.Contains(p.Data, []byte(gone)) {
			t.Errorf("%q was kept:\n%s", gone, p.Data)
		}
	}
	if w, h := p.Width, p.Height; int(w+0.5) != 378 || int(h+0.5) != 189 {
		t.Errorf("size %.2f×%.2f, want 100 mm × 50 mm at 96 px to the inch (377.95×188.98)", w, h)
	}
	again := sanitize(t, string(p.Data))
	if !bytes.Equal(again.Data, p.Data) || len(again.Removed) != 0 {
		t.Errorf("sanitising twice changes the picture:\n%s\n%s", p.Data, again.Data)
	}
}

// TestUseCycle: a <use> that refers to itself (directly or through another) is left out.
func TestUseCycle(t *testing.T) {
	p := sanitize(t, head+`<g id="a"><rect width="1"/><use href="#b"/></g><g id="b"><use href="#a"/></g><use href="#a"/></svg>`)
	if n := bytes.Count(p.Data, []byte("<use")); n != 2 {
		t.Errorf("%d <use> kept, want 2 (the one closing the cycle left out):\n%s", n, p.Data)
	}
	if !strings.Contains(strings.Join(p.Removed, ","), "refers to itself") {
		t.Errorf("Removed = %q", p.Removed)
	}
	p = sanitize(t, head+`<g id="a"/><g id="a"><use href="#a"/></g></svg>`)
	if !strings.Contains(strings.Join(p.Removed, ","), `a second id="a"`) {
		t.Errorf("Removed = %q", p.Removed)
	}
}

func TestIntrinsicSize(t *testing.T) {
	for _, c := range []struct {
		attrs string
		w, h  float64
	}{
		{`width="200" height="100"`, 200, 100},
		{`width="2in" height="1in"`, 192, 96},
		{`width="72pt" height="36pt"`, 96, 48},
		{`viewBox="0 0 400 300"`, 400, 300},
		{`width="800" viewBox="0,0,400,300"`, 800, 600},
		{`width="100%" height="100%" viewBox="0 0 40 30"`, 40, 30},
		{``, 300, 150},
		{`width="1e9" height="-3"`, 100000, 150},
	} {
		p := sanitize(t, `<svg xmlns="http://www.w3.org/2000/svg" `+c.attrs+`/>`)
		if p.Width != c.w || p.Height != c.h {
			t.Errorf("%s: %g×%g, want %g×%g", c.attrs, p.Width, p.Height, c.w, c.h)
		}
	}
}

func TestDeterministic(t *testing.T) {
	src := head + `<rect onclick="x" fill="red" width="1"/><script>1</script><circle r="2"/></svg>`
	a, b := sanitize(t, src), sanitize(t, src)
	if !bytes.Equal(a.Data, b.Data) || strings.Join(a.Removed, "|") != strings.Join(b.Removed, "|") {
		t.Fatal("two runs differ")
	}
}

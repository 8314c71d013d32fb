package serve

import (
	"bytes"
	"encoding/xml"
	"html/template"
	"io"
	"strings"
	"sync"

	"bindery/book/diag"
	"bindery/book/pipeline"
)

// page is where the preview's parts go in one of the EPUB's XHTML documents: its stylesheet
// and script at the end of <head>, the contents and the diagnostics at the start of <body>.
// The document is otherwise served as the EPUB has it.
type page struct {
	headEnd   int // the offset of </head>
	bodyStart int // the offset just after the <body …> start tag
}

// findPage finds the places of the preview's parts in a well-formed XHTML document; nil if
// it has no head or no body (then it is served as it is, without them).
func findPage(data []byte) *page {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false // only the offsets matter, not an entity XML would not know
	p := &page{headEnd: -1, bodyStart: -1}
	for {
		before := d.InputOffset()
		tok, err := d.RawToken()
		if err != nil {
			return nil
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "head" && p.headEnd < 0 {
				p.headEnd = int(before)
			}
		case xml.StartElement:
			if t.Name.Local == "body" {
				p.bodyStart = int(d.InputOffset())
				if p.headEnd < 0 || p.bodyStart < p.headEnd {
					return nil
				}
				return p
			}
		}
	}
}

// view is what the preview's parts show on one page.
type view struct {
	Nonce string // the page's one script carries it (the Content-Security-Policy names it)
	Build string // the build the page shows, for the script to compare with the next
	// PageTitle is the title of a page of the preview's own (print, not found, not built).
	PageTitle string
	Title     string // the book's
	Start     string
	Contents  []link
	Prev      string
	Next      string
	HasBook   bool // a good build exists
	HasPDF    bool
	Print     bool // this is the print edition's page
	Status    string
	Warnings  []diagLine
	Draft     []diagLine // a draft's problems: shown above the text, which has "??" for them
	Failure   *failure
	PDF       string // the print edition's address
	Missing   string // the address of a page this build has not
}

// link is one line of the contents as shown, Here on the page it leads to.
type link struct {
	Title    string
	Href     string
	Here     bool
	Children []link
}

// failure is the last build when it failed: the page shows it above the last good book.
type failure struct {
	When  string     // the time of the failed build
	Kept  string     // the time of the good build still shown; empty if there is none
	Lines []diagLine // errors first
}

// newFailure is a failed build as shown: its error when it is not about places in the book,
// then its errors, then its warnings. when and kept are times of day.
func newFailure(res *pipeline.Result, err error, when, kept string) *failure {
	f := &failure{When: when, Kept: kept}
	if _, isList := diag.AsList(err); !isList {
		f.Lines = append(f.Lines, diagLine{Severity: diag.Error.String(), Message: diag.Visible(err.Error())})
	}
	if res == nil {
		return f
	}
	for _, sev := range []diag.Severity{diag.Error, diag.Warning} {
		for _, d := range res.Diagnostics {
			if d.Severity == sev {
				f.Lines = append(f.Lines, newDiagLine(d))
			}
		}
	}
	return f
}

// diagLine is one diagnostic as shown, made visible (diag.Visible) before HTML escaping.
type diagLine struct {
	Where    string // file:line:col, or empty
	Severity string
	Message  string
}

func newDiagLine(d diag.Diagnostic) diagLine {
	d.Pos.File = diag.Visible(d.Pos.File)
	return diagLine{Where: d.Pos.String(), Severity: d.Severity.String(), Message: diag.Visible(d.Message)}
}

// The templates write XHTML as well as HTML (every element closed, attributes quoted), so the
// same parts go into the EPUB's documents and into the preview's own pages. html/template
// escapes what they show; a book's diagnostics are made visible first (diag.Visible), so no
// control character reaches a page and none can make an XHTML document ill-formed.
var templates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Parse(`
{{- define "head" -}}
<link rel="icon" href="data:,"/>
<link rel="stylesheet" type="text/css" href="/_bindery/preview.css"/>
<script src="/_bindery/preview.js" nonce="{{.Nonce}}" data-build="{{.Build}}"></script>
{{end}}

{{- define "body" -}}
<nav id="bindery-sidebar" aria-label="Book preview">
<p class="bindery-title">{{if .HasBook}}<a href="{{.Start}}">{{.Title}}</a>{{else}}bindery serve{{end}}</p>
<p class="bindery-status">{{.Status}}</p>
{{- if or .Prev .Next}}
<p class="bindery-turn">{{if .Prev}}<a rel="prev" href="{{.Prev}}">← Previous</a>{{end}} {{if .Next}}<a rel="next" href="{{.Next}}">Next →</a>{{end}}</p>
{{- end}}
{{- if .Contents}}
{{template "contents" .Contents}}
{{- end}}
{{- if .HasPDF}}
<p class="bindery-print"><a href="/_bindery/print"{{if .Print}} aria-current="page"{{end}}>Print edition (PDF)</a></p>
{{- end}}
{{- with .Warnings}}
<details class="bindery-warnings"><summary>{{len .}} warning{{if ne (len .) 1}}s{{end}}</summary>
<ul>{{range .}}<li>{{template "diag" .}}</li>{{end}}</ul>
</details>
{{- end}}
</nav>
{{with .Draft -}}
<section id="bindery-draft" aria-labelledby="bindery-draft-title" lang="en" xml:lang="en">
<h2 id="bindery-draft-title">A draft: {{len .}} problem{{if ne (len .) 1}}s{{end}} left for later (?? in the text)</h2>
<ul>{{range .}}<li>{{template "diag" .}}</li>{{end}}</ul>
</section>
{{end}}
{{- with .Failure -}}
<section id="bindery-diagnostics" role="alert" aria-labelledby="bindery-diagnostics-title" lang="en" xml:lang="en">
<h2 id="bindery-diagnostics-title">{{if .Kept}}The rebuild at {{.When}} failed: the book of {{.Kept}} is shown{{else}}The book did not build ({{.When}}){{end}}</h2>
<ul>{{range .Lines}}<li>{{template "diag" .}}</li>{{end}}</ul>
</section>
{{end}}
{{- end}}

{{- define "diag" -}}
<code>{{if .Where}}{{.Where}}: {{end}}<span class="bindery-{{.Severity}}">{{.Severity}}</span>: {{.Message}}</code>
{{- end}}

{{- define "contents" -}}
<ol>{{range .}}
<li><a href="{{.Href}}"{{if .Here}} aria-current="page"{{end}}>{{.Title}}</a>{{if .Children}}{{template "contents" .Children}}{{end}}</li>{{end}}
</ol>
{{- end}}

{{- define "shell" -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<title>{{.PageTitle}}</title>
{{template "head" .}}</head>
<body class="bindery-shell">
{{template "body" .}}
<main id="bindery-main">
{{- if not .HasBook}}
{{- if not .Failure}}
<h1>Building the book…</h1>
<p>This page shows the book as soon as it is built.</p>
{{- end}}
{{- else if .Missing}}
<h1>No such page</h1>
<p>This build of the book has no page <code>{{.Missing}}</code>. <a href="{{.Start}}">Go to the start of the text</a>.</p>
{{- else if .HasPDF}}
<iframe id="bindery-pdf" src="{{.PDF}}" title="{{.Title}}: the print edition"></iframe>
<p><a href="{{.PDF}}">Open the PDF</a></p>
{{- else}}
<h1>No print edition</h1>
<p>The formats built leave the PDF out.</p>
{{- end}}
</main>
</body>
</html>
{{end}}
`))
})

// writePage writes an XHTML document of the book with the preview's parts in it.
func writePage(w io.Writer, data []byte, p *page, v *view) error {
	var head, body bytes.Buffer
	if err := templates().ExecuteTemplate(&head, "head", v); err != nil {
		return err
	}
	if err := templates().ExecuteTemplate(&body, "body", v); err != nil {
		return err
	}
	var b bytes.Buffer
	b.Grow(len(data) + head.Len() + body.Len())
	b.Write(data[:p.headEnd])
	b.Write(head.Bytes())
	b.Write(data[p.headEnd:p.bodyStart])
	b.WriteString("\n")
	b.Write(body.Bytes())
	b.Write(data[p.bodyStart:])
	_, err := w.Write(b.Bytes())
	return err
}

// writeShell writes one of the preview's own pages (the print edition, a page not found, the
// book not built yet).
func writeShell(w io.Writer, v *view) error {
	var b bytes.Buffer
	if err := templates().ExecuteTemplate(&b, "shell", v); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// contentsHere marks the entry of the page at site path here: the one that links to the
// page itself, not to a section in it.
func contentsHere(list []entry, here string) []link {
	out := make([]link, len(list))
	for i, e := range list {
		out[i] = link{Title: e.Title, Href: e.Href, Children: contentsHere(e.Children, here)}
		if p, _, _ := strings.Cut(e.Href, "#"); p == here && !strings.Contains(e.Href, "#") {
			out[i].Here = true
		}
	}
	return out
}

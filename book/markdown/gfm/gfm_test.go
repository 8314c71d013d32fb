package gfm

import (
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/testutil"
	"github.com/yuin/goldmark/util"
)

// withRenderers draws the copies' nodes with goldmark's own HTML renderers: the nodes are
// extension/ast's, so goldmark's case files (testdata, copied from its extension/_test) hold
// the copies to goldmark's expected HTML.
func withRenderers(xhtml bool, ext ...goldmark.Extender) goldmark.Markdown {
	opts := []renderer.Option{html.WithUnsafe(), renderer.WithNodeRenderers(
		util.Prioritized(extension.NewTableHTMLRenderer(), 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500),
		util.Prioritized(extension.NewDefinitionListHTMLRenderer(), 500),
		util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500),
	)}
	if xhtml {
		opts = append(opts, html.WithXHTML())
	}
	return goldmark.New(goldmark.WithRendererOptions(opts...), goldmark.WithExtensions(ext...))
}

func TestGoldmarkCases(t *testing.T) {
	for _, c := range []struct {
		file  string
		xhtml bool
		ext   goldmark.Extender
	}{
		{"linkify", false, Linkify},
		{"table", true, Table},
		{"strikethrough", false, Strikethrough},
		{"tasklist", false, TaskList},
		{"definition_list", false, DefinitionList},
		{"footnote", false, Footnote},
		{"typographer", false, Typographer},
	} {
		t.Run(c.file, func(t *testing.T) {
			testutil.DoTestCaseFile(withRenderers(c.xhtml, c.ext), "testdata/"+c.file+".txt", t)
		})
	}
}

// Copied from chroma v2.27.0, lexers/erb.go (MIT licence: COPYING). Changed: a function that
// builds the lexer on first use instead of a variable registered at start, other lexers looked
// up by name, and struct literals keyed (go vet).

package lexers

import (
	"strings"

	. "github.com/alecthomas/chroma/v2" // nolint
)

// ERB lexer is Ruby embedded in HTML.
func erb() Lexer {
	return DelegatingLexer(Get("HTML"), MustNewXMLLexer(
		files,
		"erb.xml",
	).SetConfig(
		&Config{
			Name:      "ERB",
			Aliases:   []string{"erb", "html+erb", "html+ruby", "rhtml"},
			Filenames: []string{"*.erb", "*.html.erb", "*.xml.erb", "*.rhtml"},
			MimeTypes: []string{"application/x-ruby-templating"},
			DotAll:    true,
		},
	).SetAnalyser(func(text string) float32 {
		if strings.Contains(text, "<%=") && strings.Contains(text, "%>") {
			return 0.4
		}
		if strings.Contains(text, "<%") {
			return 0.1
		}
		return 0.0
	}))
}

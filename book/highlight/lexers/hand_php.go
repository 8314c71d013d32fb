// Copied from chroma v2.27.0, lexers/php.go (MIT licence: COPYING). Changed: a function that
// builds the lexer on first use instead of a variable registered at start, other lexers looked
// up by name, and struct literals keyed (go vet).

package lexers

import (
	"strings"

	. "github.com/alecthomas/chroma/v2" // nolint
)

// phtml lexer is PHP in HTML.
func phtml() Lexer {
	return DelegatingLexer(Get("HTML"), MustNewLexer(
		&Config{
			Name:            "PHTML",
			Aliases:         []string{"phtml"},
			Filenames:       []string{"*.phtml", "*.php", "*.php[345]", "*.inc"},
			MimeTypes:       []string{"application/x-php", "application/x-httpd-php", "application/x-httpd-php3", "application/x-httpd-php4", "application/x-httpd-php5", "text/x-php"},
			DotAll:          true,
			CaseInsensitive: true,
			EnsureNL:        true,
			Priority:        2,
		},
		func() Rules {
			return regexLexer("PHP").MustRules().
				Rename("root", "php").
				Merge(Rules{
					"root": {
						{Pattern: `<\?(php)?`, Type: CommentPreproc, Mutator: Push("php")},
						{Pattern: `[^<]+`, Type: Other, Mutator: nil},
						{Pattern: `<`, Type: Other, Mutator: nil},
					},
				})
		},
	).SetAnalyser(func(text string) float32 {
		if strings.Contains(text, "<?php") {
			return 0.5
		}
		return 0.0
	}))
}

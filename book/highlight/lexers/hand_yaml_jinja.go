// Copied from chroma v2.27.0, lexers/yaml_jinja.go (MIT licence: COPYING). Changed: a function that
// builds the lexer on first use instead of a variable registered at start, other lexers looked
// up by name, and struct literals keyed (go vet).

package lexers

import (
	. "github.com/alecthomas/chroma/v2" // nolint
)

// YAML+Jinja is YAML with Jinja templating embedded. Used by Ansible playbooks
// and Salt SLS files.
func yamlJinja() Lexer {
	return DelegatingLexer(
		MustNewXMLLexer(files, "yaml.xml"),
		MustNewXMLLexer(files, "django_jinja.xml").SetConfig(
			&Config{
				Name:      "YAML+Jinja",
				Aliases:   []string{"yaml+jinja", "salt", "sls", "ansible"},
				Filenames: []string{"*.sls"},
				MimeTypes: []string{"text/x-yaml+jinja", "text/x-sls"},
				DotAll:    true,
			},
		),
	)
}

// Package lexers is chroma's lexers (github.com/alecthomas/chroma/v2 v2.27.0, MIT licence:
// COPYING) built on first use. chroma's own package parses all of its 290 lexer definitions
// when a program starts (21 ms, 31,000 allocations); here an index names them (index.tsv,
// written by gen_lexers.go) and a lexer's definition is read the first time text is split in
// its language. The lexers chroma writes in Go are copied in hand_*.go; the rest are
// chroma's XML files, unchanged.
package lexers

//go:generate go run gen_lexers.go

import (
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

//go:embed *.xml index.tsv
var files embed.FS

// hand is the builder of a lexer written in Go, by name, or nil. (A function, not a map: the
// builders look other lexers up in the registry, which is made from this.)
func hand(name string) func() chroma.Lexer {
	switch name {
	case "Caddyfile":
		return caddyfile
	case "Caddyfile Directives":
		return caddyfileDirectives
	case "Common Lisp":
		return commonLisp
	case "EmacsLisp":
		return emacsLisp
	case "ERB":
		return erb
	case "Go HTML Template":
		return goHTMLTemplate
	case "Go":
		return goLexer
	case "Haxe":
		return haxeLexer
	case "Raku":
		return rakuLexer
	case "HTTP":
		return httpLexer
	case "markdown":
		return markdown
	case "PHTML":
		return phtml
	case "reStructuredText":
		return restructuredText
	case "Svelte":
		return svelte
	case "YAML+Jinja":
		return yamlJinja
	}
	return nil
}

// Get is the lexer of a name, an alias or a file name's extension, as chroma's lexers.Get
// finds it, or nil.
func Get(name string) chroma.Lexer { return registry().Get(name) }

// MatchMimeType is the lexer of a MIME type, as chroma's lexers.MatchMimeType finds it.
func MatchMimeType(mimeType string) chroma.Lexer { return registry().MatchMimeType(mimeType) }

// Names are the names of every lexer, and their aliases with withAliases.
func Names(withAliases bool) []string { return registry().Names(withAliases) }

// registry holds every lexer of the index, none built yet, in chroma's order (which decides
// between lexers of the same file pattern and priority).
func registry() *chroma.LexerRegistry {
	registryOnce.Do(func() { reg = newRegistry() })
	return reg
}

var (
	registryOnce sync.Once
	reg          *chroma.LexerRegistry
)

func newRegistry() *chroma.LexerRegistry {
	reg := chroma.NewLexerRegistry()
	index, err := files.ReadFile("index.tsv")
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	for _, line := range strings.Split(strings.TrimSpace(string(index)), "\n")[1:] {
		l, err := parseEntry(line)
		if err != nil {
			panic(err) // the index is generated and tested
		}
		reg.Register(l)
	}
	return reg
}

// parseEntry reads a line of the index: file, name, aliases, filenames, alias filenames,
// MIME types, priority.
func parseEntry(line string) (*lazy, error) {
	f := strings.Split(line, "\t")
	if len(f) != 7 {
		return nil, fmt.Errorf("lexer index: %q has %d fields", line, len(f))
	}
	priority, err := strconv.ParseFloat(f[6], 32)
	if err != nil {
		return nil, fmt.Errorf("lexer index: %q: %w", line, err)
	}
	l := &lazy{file: f[0], config: &chroma.Config{
		Name: f[1], Aliases: split(f[2]), Filenames: split(f[3]), AliasFilenames: split(f[4]), MimeTypes: split(f[5]),
		Priority: float32(priority),
	}}
	if l.file == "-" && hand(l.config.Name) == nil {
		return nil, fmt.Errorf("lexer index: %s is built by hand but has no builder", l.config.Name)
	}
	return l, nil
}

func split(list string) []string {
	if list == "" {
		return nil
	}
	return strings.Split(list, ",")
}

// lazy is a lexer of the index, built the first time it splits text: what the registry
// reads of it (names, patterns, MIME types, priority) is in the index.
type lazy struct {
	file     string // its XML definition, "-" for one built in Go
	config   *chroma.Config
	registry *chroma.LexerRegistry

	once  sync.Once
	lexer chroma.Lexer
	err   error
}

// built is the lexer itself, built once.
func (l *lazy) built() (chroma.Lexer, error) {
	l.once.Do(func() {
		if l.file == "-" {
			l.lexer = hand(l.config.Name)()
		} else {
			l.lexer, l.err = chroma.NewXMLLexer(files, l.file)
		}
		if l.err == nil {
			l.lexer.SetRegistry(l.registry)
		}
	})
	return l.lexer, l.err
}

func (l *lazy) Config() *chroma.Config { return l.config }

func (l *lazy) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	lexer, err := l.built()
	if err != nil {
		return nil, err
	}
	return lexer.Tokenise(options, text)
}

// SetRegistry is called by the registry before the lexer is built.
func (l *lazy) SetRegistry(r *chroma.LexerRegistry) chroma.Lexer {
	l.registry = r
	return l
}

func (l *lazy) SetAnalyser(analyser func(text string) float32) chroma.Lexer {
	if lexer, err := l.built(); err == nil {
		lexer.SetAnalyser(analyser)
	}
	return l
}

func (l *lazy) AnalyseText(text string) float32 {
	if lexer, err := l.built(); err == nil {
		return lexer.AnalyseText(text)
	}
	return 0
}

// Built is the lexer behind one of Get's answers, built (for tests and the copies in Go
// that extend another lexer's rules).
func Built(l chroma.Lexer) (chroma.Lexer, error) {
	if z, ok := l.(*lazy); ok {
		return z.built()
	}
	return l, nil
}

// regexLexer is the named lexer's rules, for a lexer that extends them (PHTML extends PHP).
func regexLexer(name string) *chroma.RegexLexer {
	l, err := Built(Get(name))
	if err != nil {
		panic(err)
	}
	return l.(*chroma.RegexLexer)
}

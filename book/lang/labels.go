package lang

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Key names a word or phrase bindery writes itself; book.yaml's labels: uses
// the same keys to change one.
type Key string

// The keys of the message table. Values with %s take the name, title or
// number they are about.
const (
	Contents          Key = "contents"            // the table of contents' heading
	Index             Key = "index"               // the index's heading
	Glossary          Key = "glossary"            // the glossary's heading
	Chronology        Key = "chronology"          // the chronology's heading
	See               Key = "see"                 // an index entry that points to another
	SeeAlso           Key = "see_also"            // and to related ones (capitalised in the glossary)
	Page              Key = "page"                // the abbreviation before a page number
	PagePlural        Key = "page_plural"         // the abbreviation before page numbers or a range
	Pages             Key = "pages"               // the EPUB's list of print pages
	Figure            Key = "figure"              // before a figure's number
	SymbolsAndNumbers Key = "symbols_and_numbers" // the index group of entries not under a letter
	Circa             Key = "circa"               // before an approximate date
	Cover             Key = "cover"               // the cover's page
	CoverOf           Key = "cover_of"            // the cover picture's description: title, author
	TitlePage         Key = "title_page"          // landmark
	Imprint           Key = "imprint"             // the imprint page and its landmark
	StartOfText       Key = "start_of_text"       // landmark
	BackMatter        Key = "back_matter"         // landmark
	Landmarks         Key = "landmarks"           // the EPUB's list of landmarks
	PublishedBy       Key = "published_by"        // the imprint: publisher
	SetIn             Key = "set_in"              // the imprint: font family
	AboutEdition      Key = "about_edition"       // the EPUB's imprint, before a link to the edition notes
	PageList          Key = "page_list"           // the name of the EPUB's list of print pages
	TextGives         Key = "text_gives"          // the chronology: the date the text gives, when the record's differs
	Continued         Key = "continued"           // after a table's caption or an index entry's term set again over a break
)

// english is the reference table: every key has a value here.
var english = map[Key]string{
	Contents: "Contents", Index: "Index", Glossary: "Glossary", Chronology: "Chronology",
	See: "see", SeeAlso: "see also", Page: "p.", PagePlural: "pp.", Pages: "Pages", Figure: "Figure",
	SymbolsAndNumbers: "Symbols and numbers", Circa: "c.", Cover: "Cover",
	CoverOf: "Cover: %s, by %s", TitlePage: "Title page", Imprint: "Imprint",
	StartOfText: "Start of text", BackMatter: "Back matter", Landmarks: "Landmarks",
	PublishedBy: "Published by %s", SetIn: "Set in %s with bindery.",
	AboutEdition: "About this edition: see", PageList: "Page list", TextGives: "The text gives %s.",
	Continued: "continued",
}

// messages are the other languages' words, from their publishers' usage
// (see docs/notes.md, "Issue 15"); a missing key falls back to English.
var messages = sync.OnceValue(func() map[string]map[Key]string {
	return map[string]map[Key]string{
		"en": english,
		"es": {
			Contents: "Índice", Index: "Índice analítico", Glossary: "Glosario", Chronology: "Cronología",
			See: "véase", SeeAlso: "véase también", Page: "p.", PagePlural: "pp.", Pages: "Páginas", Figure: "Figura",
			SymbolsAndNumbers: "Símbolos y números", Circa: "c.", Cover: "Cubierta",
			CoverOf: "Cubierta: %s, de %s", TitlePage: "Portada", Imprint: "Créditos",
			StartOfText: "Comienzo del texto", BackMatter: "Apéndices", Landmarks: "Puntos de referencia",
			PublishedBy: "Publicado por %s", SetIn: "Compuesto en %s con bindery.",
			AboutEdition: "Sobre esta edición: véase", PageList: "Lista de páginas", TextGives: "El texto da %s.",
			Continued: "continuación",
		},
		"de": {
			Contents: "Inhalt", Index: "Register", Glossary: "Glossar", Chronology: "Zeittafel",
			See: "siehe", SeeAlso: "siehe auch", Page: "S.", PagePlural: "S.", Pages: "Seiten", Figure: "Abbildung",
			SymbolsAndNumbers: "Symbole und Zahlen", Circa: "um", Cover: "Umschlag",
			CoverOf: "Umschlag: %s, von %s", TitlePage: "Titelseite", Imprint: "Impressum",
			StartOfText: "Textbeginn", BackMatter: "Anhang", Landmarks: "Orientierungspunkte",
			PublishedBy: "Verlag: %s", SetIn: "Gesetzt in %s mit bindery.",
			AboutEdition: "Zu dieser Ausgabe siehe", PageList: "Seitenliste", TextGives: "Der Text nennt %s.",
			Continued: "Fortsetzung",
		},
		"fr": {
			Contents: "Table des matières", Index: "Index", Glossary: "Glossaire", Chronology: "Chronologie",
			See: "voir", SeeAlso: "voir aussi", Page: "p.", PagePlural: "p.", Pages: "Pages", Figure: "Figure",
			SymbolsAndNumbers: "Symboles et nombres", Circa: "v.", Cover: "Couverture",
			CoverOf: "Couverture : %s, de %s", TitlePage: "Page de titre", Imprint: "Mentions légales",
			StartOfText: "Début du texte", BackMatter: "Annexes", Landmarks: "Repères",
			PublishedBy: "Publié par %s", SetIn: "Composé en %s avec bindery.",
			AboutEdition: "À propos de cette édition\u00a0: voir", PageList: "Liste des pages", TextGives: "Le texte donne %s.",
			Continued: "suite",
		},
		"pt": {
			Contents: "Sumário", Index: "Índice remissivo", Glossary: "Glossário", Chronology: "Cronologia",
			See: "ver", SeeAlso: "ver também", Page: "p.", PagePlural: "p.", Pages: "Páginas", Figure: "Figura",
			SymbolsAndNumbers: "Símbolos e números", Circa: "c.", Cover: "Capa",
			CoverOf: "Capa: %s, de %s", TitlePage: "Folha de rosto", Imprint: "Ficha técnica",
			StartOfText: "Início do texto", BackMatter: "Apêndices", Landmarks: "Pontos de referência",
			PublishedBy: "Publicado por %s", SetIn: "Composto em %s com bindery.",
			AboutEdition: "Sobre esta edição: ver", PageList: "Lista de páginas", TextGives: "O texto dá %s.",
			Continued: "continuação",
		},
		"it": {
			Contents: "Indice", Index: "Indice analitico", Glossary: "Glossario", Chronology: "Cronologia",
			See: "vedi", SeeAlso: "vedi anche", Page: "p.", PagePlural: "pp.", Pages: "Pagine", Figure: "Figura",
			SymbolsAndNumbers: "Simboli e numeri", Circa: "ca.", Cover: "Copertina",
			CoverOf: "Copertina: %s, di %s", TitlePage: "Frontespizio", Imprint: "Colophon",
			StartOfText: "Inizio del testo", BackMatter: "Apparati", Landmarks: "Punti di riferimento",
			PublishedBy: "Pubblicato da %s", SetIn: "Composto in %s con bindery.",
			AboutEdition: "Su questa edizione: vedi", PageList: "Elenco delle pagine", TextGives: "Il testo dà %s.",
			Continued: "continua",
		},
	}
})

// Labels are the words of one book: its language's, with the author's
// changes.
type Labels struct {
	tag string
	m   map[Key]string
}

// For returns the labels of a language, changed by overrides (book.yaml's
// labels:, checked with CheckKey).
func For(tag string, overrides map[string]string) Labels {
	l := Labels{tag: tag, m: map[Key]string{}}
	for k, v := range english {
		l.m[k] = v
	}
	for k, v := range lookup(messages(), tag) {
		l.m[k] = v
	}
	for k, v := range overrides {
		l.m[Key(k)] = v
	}
	return l
}

// Lang is the tag the labels are for.
func (l Labels) Lang() string { return l.tag }

// Get returns the text of a key; with arguments, the key's %s filled in.
func (l Labels) Get(k Key, args ...any) string {
	v, ok := l.m[k]
	if !ok {
		v = english[k]
	}
	if len(args) == 0 {
		return v
	}
	if strings.Count(v, "%s") != len(args) {
		// An author's label without the %s: the words as written, then the arguments.
		parts := []string{v}
		for _, a := range args {
			parts = append(parts, fmt.Sprint(a))
		}
		return strings.Join(parts, " ")
	}
	// Each %s in turn, and nothing else: an author's "50%" stays as written.
	var b strings.Builder
	for _, a := range args {
		before, after, _ := strings.Cut(v, "%s")
		b.WriteString(before)
		b.WriteString(fmt.Sprint(a))
		v = after
	}
	b.WriteString(v)
	return b.String()
}

// Capitalised returns a key's text with its first letter in capitals, to begin a sentence.
func (l Labels) Capitalised(k Key) string {
	v := l.Get(k)
	for i, r := range v {
		return string(unicode.ToUpper(r)) + v[i+utf8.RuneLen(r):]
	}
	return v
}

// Keys returns every key, sorted, for messages and documentation.
func Keys() []string {
	out := make([]string, 0, len(english))
	for k := range english {
		out = append(out, string(k))
	}
	slices.Sort(out)
	return out
}

// Known reports whether k is a key of the table.
func Known(k string) bool {
	_, ok := english[Key(k)]
	return ok
}

// Placeholders is how many %s the key's text takes, for checking an author's label.
func Placeholders(k string) int { return strings.Count(english[Key(k)], "%s") }

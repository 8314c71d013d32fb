package config

// How book.yaml's mistakes are told: YAML's errors placed and reworded, unknown keys and
// values of the wrong kind.

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"bindery/book/diag"

	"go.yaml.in/yaml/v3"
)

// YAMLError turns a yaml.v3 error about data into positioned diagnostics.
func YAMLError(path string, data []byte, err error) diag.List {
	var list diag.List
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, m := range msgs {
		m = strings.TrimPrefix(m, "yaml: ")
		if m == "control characters are not allowed" {
			// yaml.v3 does not say where: find it.
			if off, r := firstControl(data); off >= 0 {
				list.Errorf(diag.NewLineIndex(path, data).Pos(off), "the control character %U is not allowed in YAML; remove it", r)
				continue
			}
		}
		if mm := yamlLineRE().FindStringSubmatch("yaml: " + m); mm != nil {
			line, _ := strconv.Atoi(mm[1])
			pos, msg := diag.Pos{File: path, Line: line}, friendlyYAML(mm[2])
			lines := strings.Split(string(data), "\n")
			// yaml.v3 places an unclosed flow collection on the line before its bracket (it
			// counts that line from 0): find the bracket itself.
			if strings.Contains(msg, "did not find expected ',' or") {
				open, close := "[", "]"
				if strings.HasSuffix(msg, "'}'") {
					open, close = "{", "}"
				}
				for _, l := range []int{line + 1, line} {
					if l >= 1 && l <= len(lines) && strings.Count(lines[l-1], open) > strings.Count(lines[l-1], close) {
						pos.Line, pos.Col = l, utf8.RuneCountInString(lines[l-1][:strings.LastIndex(lines[l-1], open)])+1
						msg = fmt.Sprintf("this %s is never closed with %s", open, close)
						break
					}
				}
			}
			// A tab where YAML wants indentation: say so, and where. yaml.v3 may name the
			// line before the tab's (it counts that line from 0 too).
			if strings.Contains(msg, "tab character") || strings.Contains(msg, "cannot start any token") {
				for _, l := range []int{line, line + 1} {
					if l < 1 || l > len(lines) {
						continue
					}
					if i := strings.IndexByte(lines[l-1], '\t'); i >= 0 && strings.TrimLeft(lines[l-1][:i], " ") == "" {
						pos.Line, pos.Col = l, i+1
						msg = "a tab in the indentation: YAML is indented with spaces only; replace it with spaces"
						break
					}
				}
			}
			if msg == "mapping values are not allowed in this context" {
				if at, ok := colonInValue(path, lines, line); ok {
					pos, msg = at, colonAdvice
				}
			}
			list.Errorf(pos, "%s", msg)
			continue
		}
		if mm := badTagRE().FindStringSubmatch(m); mm != nil {
			// yaml.v3 names no line for a value its explicit tag does not fit: look for it.
			if at, ok := taggedValue(path, data, mm[2], mm[1]); ok {
				list.Errorf(at, "%q does not fit its tag %s: remove the tag, or change the value", mm[1], mm[2])
				continue
			}
		}
		if m == "mapping values are not allowed in this context" {
			// yaml.v3 names no line for the first one: look for it.
			if at, ok := colonInValue(path, strings.Split(string(data), "\n"), 0); ok {
				list.Errorf(at, "%s", colonAdvice)
				continue
			}
		}
		list.Errorf(diag.Pos{File: path}, "%s", friendlyYAML(m))
	}
	return list
}

// badTagRE matches yaml.v3's "cannot decode !!str `abc` as a !!int" (value, tag).
var badTagRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile("^cannot decode !!\\w+ `(.*)` as a (!!\\w+)$")
})

// taggedValue finds the first line where tag is followed by value.
func taggedValue(path string, data []byte, tag, value string) (diag.Pos, bool) {
	for l, text := range strings.Split(string(data), "\n") {
		if t := strings.Index(text, tag); t >= 0 && strings.Contains(text[t+len(tag):], value) {
			return diag.Pos{File: path, Line: l + 1, Col: utf8.RuneCountInString(text[:t]) + 1}, true
		}
	}
	return diag.Pos{}, false
}

// DuplicateKeys reports each key given twice in one mapping, at any depth under n (a document,
// a list or a mapping): YAML keeps one of the two values, and the other would be lost without
// a word. within names where n is ("print: " for book.yaml's print:), for the message.
func DuplicateKeys(path string, n *yaml.Node, within string) diag.List {
	var list diag.List
	var walk func(n *yaml.Node, within string)
	walk = func(n *yaml.Node, within string) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, within)
			}
		case yaml.MappingNode:
			var seen map[string]*yaml.Node // for a long mapping; a short one is searched
			if len(n.Content) > 64 {
				seen = make(map[string]*yaml.Node, len(n.Content)/2)
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if first := earlier(n.Content[:i], k.Value, seen); first != nil && k.Value != "<<" {
					list.Errorf(diag.Pos{File: path, Line: k.Line, Col: k.Column},
						"%s%s is given twice (first at line %d); keep one", within, k.Value, first.Line)
				} else if seen != nil {
					seen[k.Value] = k
				}
				walk(n.Content[i+1], within+k.Value+": ")
			}
		}
	}
	walk(n, within)
	return list
}

// earlier is the key among pairs (keys and values in turn) named key, from seen if it is set.
func earlier(pairs []*yaml.Node, key string, seen map[string]*yaml.Node) *yaml.Node {
	if seen != nil {
		return seen[key]
	}
	for j := 0; j < len(pairs); j += 2 {
		if pairs[j].Value == key {
			return pairs[j]
		}
	}
	return nil
}

const colonAdvice = "a colon and a space inside a value: put the value in quotes (key: \"a: b\") or write \">-\" and the value on the next lines, indented"

// colonInValue finds a value with ": " in it, YAML's "mapping values are not allowed": on
// line (from 1), or on the first line that has one when line is 0.
func colonInValue(path string, lines []string, line int) (diag.Pos, bool) {
	from, to := line, line
	if line == 0 {
		from, to = 1, len(lines)
	}
	for l := max(from, 1); l <= min(to, len(lines)); l++ {
		text := lines[l-1]
		if k := strings.Index(text, ": "); k >= 0 && !strings.HasPrefix(strings.TrimSpace(text), "#") {
			if v := strings.Index(text[k+2:], ": "); v >= 0 {
				return diag.Pos{File: path, Line: l, Col: utf8.RuneCountInString(text[:k+2+v]) + 1}, true
			}
		}
	}
	return diag.Pos{}, false
}

// firstControl finds the first character YAML does not allow: a C0 control but tab and the
// line ends, DEL, or a C1 control but NEL.
func firstControl(data []byte) (int, rune) {
	for off, r := range string(data) {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || (r >= 0x80 && r <= 0x9f && r != 0x85) {
			return off, r
		}
	}
	return -1, 0
}

// textKeys are the keys whose value is a line of text.
var textKeys = map[string]bool{"title": true, "subtitle": true, "author": true, "language": true, "identifier": true,
	"isbn": true, "print_isbn": true, "date": true, "publisher": true, "rights": true, "description": true, "back_cover": true, "font": true, "glossary_links": true, "figures": true,
	"acronyms": true, "numerals": true, "code_font": true, "highlight": true}

// checkKeys reports unknown keys, keys given twice, and values of the wrong kind.
func checkKeys(root *yaml.Node, path string, list *diag.List) {
	at := func(n *yaml.Node) diag.Pos { return diag.Pos{File: path, Line: n.Line, Col: n.Column} }
	known := map[string]bool{}
	for _, k := range KnownKeys {
		known[k] = true
	}
	*list = append(*list, DuplicateKeys(path, root, "")...)
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			continue // reported by DuplicateKeys; the first is the one read
		}
		seen[k.Value] = true
		switch {
		case !known[k.Value]:
			list.Errorf(at(k), "unknown key %q%s", k.Value, diag.Alternatives(k.Value, KnownKeys))
		case textKeys[k.Value] && v.Kind != yaml.ScalarNode:
			list.Errorf(at(v), "%s must be text, not a %s", k.Value, kindName(v))
		case listKeys[k.Value] && v.Kind != yaml.SequenceNode && !(v.Kind == yaml.ScalarNode && v.Tag == "!!null"):
			list.Errorf(at(v), "%s must be a list of text", k.Value)
		case listKeys[k.Value]:
			for _, c := range v.Content {
				if c.Kind != yaml.ScalarNode {
					list.Errorf(at(c), "%s must be a list of text, not of %ss", k.Value, kindName(c))
				}
			}
		case (k.Value == "embed_fonts" || k.Value == "page_list") && (v.Kind != yaml.ScalarNode || (v.Value != "true" && v.Value != "false")):
			list.Errorf(at(v), "%s must be true or false", k.Value)
		}
	}
}

// listKeys are the keys whose value is a list of text.
var listKeys = map[string]bool{"subjects": true, "hyphenation": true, "ties": true, "not_acronyms": true}

// knownOnly is a copy of the top-level mapping with its known keys only, each once.
func knownOnly(root *yaml.Node) *yaml.Node {
	out := *root
	out.Content = nil
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i].Value
		if slices.Contains(KnownKeys, k) && !seen[k] {
			seen[k] = true
			out.Content = append(out.Content, root.Content[i], root.Content[i+1])
		}
	}
	return &out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}

var unknownFieldRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`field (\S+) not found in type \S+`) })

func friendlyYAML(m string) string {
	if mm := unknownFieldRE().FindStringSubmatch(m); mm != nil {
		return fmt.Sprintf("unknown key %q%s", mm[1], diag.Alternatives(mm[1], KnownKeys))
	}
	return m
}

// KnownKeys lists the keys book.yaml may have, for messages.
var KnownKeys = []string{"title", "subtitle", "author", "language", "identifier", "isbn", "print_isbn", "date", "publisher",
	"rights", "description", "back_cover", "subjects", "trim", "cover", "embed_fonts", "page_list", "font", "hyphenation", "ties", "print", "chapters", "backmatter",
	"glossary", "chronology", "index", "glossary_links", "figures", "acronyms", "numerals", "not_acronyms", "labels", "code_font", "highlight", "tab_width", "line_numbers"}

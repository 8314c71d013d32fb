package mdbook

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	"bindery/book/diag"

	"github.com/BurntSushi/toml"
)

// tomlFile is a parsed book.toml: its values, and where each key is written.
type tomlFile struct {
	path   string
	values map[string]any
	keys   map[string]diag.Pos // dotted key ("book.title") → where it is written
}

// parseTOML reads book.toml. Every key is located in the text, since the TOML parser keeps
// positions only for its own errors.
func parseTOML(path string, src []byte) (*tomlFile, diag.List) {
	var list diag.List
	if d, bad := diag.InvalidUTF8(path, src); bad {
		return nil, append(list, d)
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	f := &tomlFile{path: path, values: map[string]any{}, keys: locateKeys(path, src)}
	if _, err := toml.Decode(string(src), &f.values); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if msg == "" {
				msg = err.Error()
			}
			// The byte offset is exact where the line is not (an error at a line's end is
			// counted on the next).
			list.Errorf(diag.NewLineIndex(path, src).Pos(min(max(pe.Position.Start, 0), len(src))), "%s", msg)
		} else {
			list.Errorf(diag.Pos{File: path, Line: 1, Col: 1}, "%v", err)
		}
		return nil, list
	}
	return f, nil
}

// at is where a dotted key is written; for a key that is not written, where its table is, or
// the top of the file.
func (f *tomlFile) at(key string) diag.Pos {
	for k := key; k != ""; {
		if p, ok := f.keys[k]; ok {
			return p
		}
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return diag.Pos{File: f.path, Line: 1, Col: 1}
}

// table is the table at a dotted key, nil if there is none; a key that holds something else
// is an error.
func (f *tomlFile) table(list *diag.List, key string) map[string]any {
	var cur any = f.values
	for _, part := range strings.Split(key, ".") {
		t, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		if cur, ok = t[part]; !ok {
			return nil
		}
	}
	t, ok := cur.(map[string]any)
	if !ok && cur != nil {
		list.Errorf(f.at(key), "%s must be a table ([%s])", key, key)
		return nil
	}
	return t
}

// text reads a string value of table t (at dotted key prefix.name); ok is false if the key is
// missing or of another type (which is an error).
func (f *tomlFile) text(list *diag.List, t map[string]any, prefix, name string) (string, bool) {
	v, found := t[name]
	if !found || v == nil { // nil: null in the JSON mdBook gives its renderers
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		list.Errorf(f.at(prefix+name), "%s must be text (in quotes), not %s", name, tomlKind(v))
		return "", false
	}
	return s, true
}

// texts reads an array of strings.
func (f *tomlFile) texts(list *diag.List, t map[string]any, prefix, name string) ([]string, bool) {
	v, found := t[name]
	if !found || v == nil {
		return nil, false
	}
	arr, ok := v.([]any)
	if !ok {
		list.Errorf(f.at(prefix+name), "%s must be a list of text ([\"…\", \"…\"]), not %s", name, tomlKind(v))
		return nil, false
	}
	var out []string
	for _, e := range arr {
		s, ok := e.(string)
		if !ok {
			list.Errorf(f.at(prefix+name), "%s must be a list of text, not of %ss", name, tomlKind(e))
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// unknown warns about keys of t that are not in known: a misspelt key would otherwise be
// ignored without a word.
func (f *tomlFile) unknown(list *diag.List, t map[string]any, prefix string, known []string, ignored ...string) {
	var names []string
	for k := range t {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if contains(known, k) || contains(ignored, k) {
			continue
		}
		list.Warnf(f.at(prefix+k), "unknown key %q in [%s] was ignored%s", k, strings.TrimSuffix(prefix, "."), diag.Alternatives(k, known))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func tomlKind(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case bool:
		return "true or false"
	case int64, float64:
		return "a number"
	}
	return fmt.Sprintf("a %T", v)
}

// locateKeys finds where each key of a TOML document is written: table headers ("[a.b]" and
// "[[a]]") and "key = value" lines, with dotted and quoted keys. Values are skipped whole
// (strings of every kind, arrays and inline tables over several lines), so that nothing
// inside a value is taken for a key.
func locateKeys(path string, src []byte) map[string]diag.Pos {
	x := diag.NewLineIndex(path, src)
	keys := map[string]diag.Pos{}
	var table []string
	i := 0
	skipSpace := func() {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
	}
	skipLine := func() {
		for i < len(src) && src[i] != '\n' {
			i++
		}
	}
	// key reads a dotted key; nil if there is none here.
	key := func() []string {
		var parts []string
		for {
			skipSpace()
			if i >= len(src) {
				return nil
			}
			switch c := src[i]; {
			case c == '"' || c == '\'':
				end := stringEnd(src, i)
				if end < 0 {
					return nil
				}
				s := string(src[i+1 : end-1])
				if c == '"' {
					s = strings.ReplaceAll(s, `\"`, `"`)
				}
				parts = append(parts, s)
				i = end
			case isBareKey(c):
				start := i
				for i < len(src) && isBareKey(src[i]) {
					i++
				}
				parts = append(parts, string(src[start:i]))
			default:
				return nil
			}
			skipSpace()
			if i < len(src) && src[i] == '.' {
				i++
				continue
			}
			return parts
		}
	}
	for i < len(src) {
		skipSpace()
		if i >= len(src) {
			break
		}
		start := i
		switch src[i] {
		case '\n', '\r':
			i++
			continue
		case '#':
			skipLine()
			continue
		case '[':
			i++
			array := i < len(src) && src[i] == '['
			if array {
				i++
			}
			if k := key(); k != nil {
				table = k
				keys[strings.Join(k, ".")] = x.Pos(start)
			}
			skipLine()
			continue
		}
		k := key()
		skipSpace()
		if k == nil || i >= len(src) || src[i] != '=' {
			skipLine()
			continue
		}
		i++
		full := strings.Join(append(append([]string{}, table...), k...), ".")
		if _, seen := keys[full]; !seen {
			keys[full] = x.Pos(start)
		}
		i = valueEnd(src, i)
	}
	return keys
}

func isBareKey(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// stringEnd is the offset just after the TOML string that starts at i (basic, literal, or
// their multi-line forms), or -1 if it is not closed.
func stringEnd(src []byte, i int) int {
	q := src[i]
	if bytes.HasPrefix(src[i:], []byte{q, q, q}) {
		end := bytes.Index(src[i+3:], []byte{q, q, q})
		for q == '"' && end >= 0 && escaped(src, i+3+end) {
			next := bytes.Index(src[i+3+end+1:], []byte{q, q, q})
			if next < 0 {
				return -1
			}
			end += 1 + next
		}
		if end < 0 {
			return -1
		}
		end += i + 6
		for end < len(src) && src[end] == q { // """a""""" ends with the last quotes
			end++
		}
		return end
	}
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\n':
			return -1
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			return j + 1
		}
	}
	return -1
}

// escaped reports whether the character at j is preceded by an odd number of backslashes.
func escaped(src []byte, j int) bool {
	n := 0
	for k := j - 1; k >= 0 && src[k] == '\\'; k-- {
		n++
	}
	return n%2 == 1
}

// valueEnd skips a value that starts at i, to the end of its (last) line.
func valueEnd(src []byte, i int) int {
	depth := 0
	for i < len(src) {
		switch c := src[i]; c {
		case '"', '\'':
			end := stringEnd(src, i)
			if end < 0 {
				for i < len(src) && src[i] != '\n' {
					i++
				}
				return i
			}
			i = end
			continue
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case '\n':
			if depth <= 0 {
				return i + 1
			}
		}
		i++
	}
	return i
}

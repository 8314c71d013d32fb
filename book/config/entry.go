package config

import (
	"strconv"

	"bindery/book/diag"

	"go.yaml.in/yaml/v3"
)

// MaxDepth is the deepest a file may be nested under a chapter (depth: in book.yaml, the
// nesting of SUMMARY.md): its "#" becomes a level-6 heading, the last HTML has.
const MaxDepth = 5

// entryKeys are the keys of an entry of chapters: or backmatter: written as a mapping.
var entryKeys = []string{"file", "title", "depth", "part"}

// entry reads one item of chapters: or backmatter:, either a file name or a mapping:
//
//   - one.md
//   - {file: two.md, title: Two, depth: 1}   a file with its title and nesting
//   - {part: Part One}                        a part's title (chapters: only)
//
// first says whether it is the list's first item, which has no chapter to be a section of.
func (b *Book) entry(list *diag.List, n *yaml.Node, key string, first bool) (File, bool) {
	at := func(n *yaml.Node) diag.Pos { return diag.Pos{File: b.Path, Line: n.Line, Col: n.Column} }
	switch n.Kind {
	case yaml.ScalarNode:
		return b.file(list, n, key)
	case yaml.MappingNode:
	default:
		list.Errorf(at(n), "%s: expected a file name, or a mapping such as {file: one.md, depth: 1} or {part: Part One}", key)
		return File{}, false
	}
	var file, title, depth, part *yaml.Node
	ok := true
	misspelt := false // an unknown key was reported
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			ok = false // DuplicateKeys has said so
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "file":
			file = v
		case "title":
			title = v
		case "depth":
			depth = v
		case "part":
			part = v
		default:
			list.Errorf(at(k), "%s: unknown key %q in an entry%s", key, k.Value, diag.Alternatives(k.Value, entryKeys))
			misspelt = true
			ok = false
		}
	}
	text := func(name string, v *yaml.Node) (string, bool) {
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			list.Errorf(at(v), "%s: %s must be text", key, name)
			return "", false
		}
		return CleanText(v.Value), true
	}
	var f File
	switch {
	case part != nil && (file != nil || depth != nil):
		list.Errorf(at(n), "%s: an entry is either a part's title or a file, not both", key)
		return File{}, false
	case part != nil && key != "chapters":
		list.Errorf(at(part), "%s: parts belong in chapters:, not in %s:", key, key)
		return File{}, false
	case part != nil:
		name, good := text("part", part)
		if good && name == "" {
			list.Errorf(at(part), "%s: the part's title is empty", key)
			good = false
		}
		f = File{Name: name, Part: true, Pos: at(part)}
		ok = ok && good
	case file == nil:
		if !misspelt { // else the unknown key said what was meant: one mistake, one error
			list.Errorf(at(n), "%s: the entry names no file (file: one.md) or part (part: Part One)", key)
		}
		b.Unread = append(b.Unread, key)
		return File{}, false
	default:
		var good bool
		f, good = b.file(list, file, key)
		ok = ok && good
	}
	if title != nil {
		t, good := text("title", title)
		f.Title, ok = t, ok && good
	}
	if depth != nil {
		d, err := strconv.Atoi(depth.Value)
		switch {
		case depth.Kind != yaml.ScalarNode || err != nil || d < 0 || d > MaxDepth:
			list.Errorf(at(depth), "%s: depth must be a whole number from 0 (a chapter) to %d (1: a section of the chapter before it, 2: a subsection…)", key, MaxDepth)
			ok = false
		case d > 0 && first:
			list.Errorf(at(depth), "%s: the first entry cannot have a depth: there is no chapter before it to be a section of", key)
			ok = false
		default:
			f.Depth = d
		}
	}
	return f, ok
}

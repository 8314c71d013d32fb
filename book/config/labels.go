package config

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"bindery/book/diag"
	"bindery/book/lang"
)

// labels reads labels:, the author's words for those bindery writes itself. An unknown
// key is an error at its place, with the key it probably is.
func (p *parser) labels(b *Book, r *raw) {
	n := &r.Labels
	if n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return
	}
	if n.Kind != yaml.MappingNode {
		p.list.Errorf(p.at(n), "labels must be a mapping of label: text (e.g. index: Stichwortverzeichnis)")
		return
	}
	b.Labels = map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !lang.Known(k.Value) {
			hint := ""
			if s := closestKey(k.Value, lang.Keys()); s != "" {
				hint = "did you mean " + s + "? "
			}
			p.list.Errorf(p.at(k), "labels: unknown label %q (%sknown labels: %s)", k.Value, hint, strings.Join(lang.Keys(), ", "))
			continue
		}
		if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
			p.list.Errorf(p.at(v), "labels: %s must be text", k.Value)
			continue
		}
		text := CleanText(v.Value)
		if off, c := firstControl([]byte(text)); off >= 0 {
			p.list.Errorf(p.at(v), "labels: %s: the control character %U is not allowed; remove it", k.Value, c)
			continue
		}
		if got, want := strings.Count(text, "%s"), lang.Placeholders(k.Value); got > want {
			p.list.Errorf(p.at(v), "labels: %s takes %d %%s, not %d", k.Value, want, got)
			continue
		}
		b.Labels[k.Value] = text
	}
}

// closestKey is the key the author probably meant by word (diag.Suggest), if one is.
func closestKey(word string, keys []string) string { return diag.Suggest(word, keys) }

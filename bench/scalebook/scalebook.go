// Package scalebook makes longer books from a book for benchmarks: the manuscript repeated n
// times with renumbered headings and anchors, its chronology repeated to match, and the same
// glossary and index terms, so that every stage of the pipeline works as hard per page as on
// the original.
package scalebook

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

var (
	chaptersRE = regexp.MustCompile(`(?m)^chapters:\n((?:  - .*\n)+)`)
	idRE       = regexp.MustCompile(`\{#([A-Za-z][\w.-]*)`)
	headingRE  = regexp.MustCompile(`(?m)^(#+ )(.*?)( \{#|$)`)
	anchorRE   = regexp.MustCompile(`(?m)^(\s*anchor:\s*)(\S+)`)
	xrefRE     = regexp.MustCompile(`\]\(#([A-Za-z][\w.-]*)\)`)
)

// Write makes the n-fold book of src in dst.
func Write(src, dst string, n int) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	yaml, err := os.ReadFile(filepath.Join(src, "book.yaml"))
	if err != nil {
		return err
	}
	m := chaptersRE.FindSubmatch(yaml)
	if m == nil {
		return fmt.Errorf("%s/book.yaml: no chapters list", src)
	}
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(string(m[1])), "\n") {
		names = append(names, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "- ")))
	}
	var list strings.Builder
	list.WriteString("chapters:\n")
	for copy := 1; copy <= n; copy++ {
		for _, name := range names {
			data, err := os.ReadFile(filepath.Join(src, name))
			if err != nil {
				return err
			}
			text := string(data)
			if copy > 1 {
				text = renumber(text, copy)
			}
			out := fmt.Sprintf("%03d-%s", copy, name)
			if err := os.WriteFile(filepath.Join(dst, out), []byte(text), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(&list, "  - %s\n", out)
		}
	}
	newYAML := chaptersRE.ReplaceAllLiteral(yaml, []byte(list.String()))
	if err := os.WriteFile(filepath.Join(dst, "book.yaml"), newYAML, 0o644); err != nil {
		return err
	}
	// The rest of the book's files (back matter, glossary, index) are copied; the chronology
	// gets one entry per copy of each event.
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == "book.yaml" || contains(names, name) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			return err
		}
		if name == "chronology.yaml" {
			data = repeatChronology(string(data), n)
		}
		if err := os.WriteFile(filepath.Join(dst, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// renumber makes the IDs of a copy unique and its headings distinct.
func renumber(text string, copy int) string {
	text = idRE.ReplaceAllString(text, fmt.Sprintf("{#$1-%d", copy))
	text = xrefRE.ReplaceAllString(text, fmt.Sprintf("](#$1-%d)", copy))
	return headingRE.ReplaceAllString(text, fmt.Sprintf("$1$2 (%d)$3", copy))
}

// repeatChronology gives each event one entry per copy, pointing at that copy's anchor. The
// copies of an event stand together, so the chronology stays in order.
func repeatChronology(y string, n int) []byte {
	parts := strings.Split(y, "\n- ")
	head, items := parts[0], parts[1:]
	if strings.HasPrefix(head, "- ") {
		head, items = "", append([]string{strings.TrimPrefix(head, "- ")}, items...)
	}
	var b strings.Builder
	b.WriteString(head)
	for _, it := range items {
		it = strings.TrimRight(it, "\n")
		for copy := 1; copy <= n; copy++ {
			e := it
			if copy > 1 {
				e = anchorRE.ReplaceAllString(it, fmt.Sprintf("${1}${2}-%d", copy))
			}
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			b.WriteString("- " + e)
		}
	}
	b.WriteString("\n")
	return []byte(b.String())
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

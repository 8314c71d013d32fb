package wordcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// summaryLink is a chapter link in mdBook's SUMMARY.md: [Title](path.md), the title with at
// most one level of brackets ([#[panic_handler]](panic-handler.md)). A draft chapter,
// [Title](), has no path and is skipped, as mdBook renders nothing for it.
var summaryLink = regexp.MustCompile(`\[(?:[^\[\]\\]|\\.|\[[^\]]*\])*\]\(\s*(?:<([^>]*)>|([^)\s]+))\s*\)`)

// SummaryFiles returns the chapter files of an mdBook book in reading order, relative to the
// book's folder (srcDir/…), as SUMMARY.md lists them (prefix, numbered and suffix chapters).
func SummaryFiles(bookDir, srcDir string) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(bookDir, srcDir, "SUMMARY.md"))
	if err != nil {
		return nil, err
	}
	var files []string
	seen := map[string]bool{}
	inFence := false
	for _, line := range strings.Split(string(b), "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
		}
		if inFence || strings.HasPrefix(strings.TrimSpace(line), "<!--") {
			continue
		}
		for _, m := range summaryLink.FindAllStringSubmatch(line, -1) {
			p := m[1] + m[2]
			if i := strings.IndexByte(p, '#'); i >= 0 {
				p = p[:i]
			}
			if p == "" || !strings.HasSuffix(p, ".md") || strings.Contains(p, "://") {
				continue
			}
			f := filepath.ToSlash(filepath.Join(srcDir, strings.ReplaceAll(p, "%20", " ")))
			if !seen[f] {
				seen[f] = true
				files = append(files, f)
			}
		}
	}
	return files, nil
}

// MdBookSrc returns the source folder named in book.toml ([book] src = "…"), default "src".
func MdBookSrc(bookDir string) string {
	b, err := os.ReadFile(filepath.Join(bookDir, "book.toml"))
	if err != nil {
		return "src"
	}
	m := regexp.MustCompile(`(?m)^\s*src\s*=\s*"([^"]*)"`).FindSubmatch(b)
	if m == nil {
		return "src"
	}
	return string(m[1])
}

// directive is an mdBook link preprocessor expression: {{#include path}} and its kin. A
// backslash before it (\{{#include …}}) escapes it.
var directive = regexp.MustCompile(`\\?\{\{\s*#(include|rustdoc_include|playground|playpen|title|template)\s*([^}]*?)\s*\}\}`)

// ExpandMdBook applies what mdBook does to a chapter before rendering it, as far as the words a
// reader sees: includes resolved (whole file, line ranges, anchors; rustdoc_include shows the
// anchor's lines only, the rest being hidden), playground files as Rust code blocks, {{#title}}
// removed, escaped directives unescaped, and the hidden lines of Rust code blocks ("# …")
// removed. depth bounds nested includes.
func ExpandMdBook(file string, src []byte) []byte {
	return []byte(hideRustLines(expand(file, string(src), 0)))
}

func expand(file, src string, depth int) string {
	if depth > 10 {
		return src
	}
	return directive.ReplaceAllStringFunc(src, func(m string) string {
		if strings.HasPrefix(m, `\`) {
			return m[1:]
		}
		sm := directive.FindStringSubmatch(m)
		kind, arg := sm[1], strings.TrimSpace(sm[2])
		switch kind {
		case "title", "template":
			return ""
		}
		if f := strings.Fields(arg); len(f) > 0 {
			arg = f[0] // playground's attributes follow the path
		}
		body, err := includeText(filepath.Dir(file), arg)
		if err != nil {
			return m // as written: mdBook warns and leaves it
		}
		if kind == "playground" || kind == "playpen" {
			return "```rust\n" + body + "\n```"
		}
		return expand(file, body, depth+1)
	})
}

var anchorLine = regexp.MustCompile(`ANCHOR(_END)?:\s*([\w-]+)`)

// includeText reads path[:from[:to]] or path:anchor relative to dir.
func includeText(dir, arg string) (string, error) {
	p, sel, _ := strings.Cut(arg, ":")
	b, err := os.ReadFile(filepath.Join(dir, p))
	if err != nil {
		return "", err
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	var keep []string
	switch {
	case sel == "":
		keep = lines
	case isRange(sel):
		from, to, ranged := strings.Cut(sel, ":")
		a, b := 1, len(lines)
		if from != "" {
			a, _ = strconv.Atoi(from)
		}
		if !ranged {
			b = a
		} else if to != "" {
			b, _ = strconv.Atoi(to)
		}
		a, b = max(a, 1), min(b, len(lines))
		if a <= b {
			keep = lines[a-1 : b]
		}
	default:
		in := false
		for _, l := range lines {
			if m := anchorLine.FindStringSubmatch(l); m != nil {
				if m[2] == sel {
					in = m[1] == ""
				}
				continue
			}
			if in {
				keep = append(keep, l)
			}
		}
		if keep == nil {
			return "", fmt.Errorf("no anchor %q in %s", sel, p)
		}
	}
	// Anchor markers never show, whatever is included.
	var out []string
	for _, l := range keep {
		if !anchorLine.MatchString(l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n"), nil
}

func isRange(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && r != ':' {
			return false
		}
	}
	return true
}

// fenceRun is the run of backticks or tildes that opens a fenced code block: only a run of
// the same character at least as long closes it (a ````hbs block may show ```rust inside).
func fenceRun(t string) string {
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	return t[:n]
}

// hideRustLines drops the lines mdBook hides in Rust code blocks: "# x" and a lone "#"; "##"
// stands for a literal "#". Code blocks in block quotes ("> ```rust") count too.
func hideRustLines(src string) string {
	lines := strings.Split(src, "\n")
	var out []string
	fence, rust := "", false
	for _, l := range lines {
		// The line's content, without the markers of the block quotes it stands in.
		t := strings.TrimLeft(l, " ")
		for strings.HasPrefix(t, ">") {
			t = strings.TrimLeft(t[1:], " ")
		}
		if fence == "" {
			if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
				fence = fenceRun(t)
				info := strings.ToLower(strings.TrimSpace(t[len(fence):]))
				lang := strings.FieldsFunc(info, func(r rune) bool { return r == ',' || r == ' ' || r == '{' })
				rust = len(lang) > 0 && lang[0] == "rust"
			}
			out = append(out, l)
			continue
		}
		if strings.HasPrefix(t, fence) && strings.TrimSpace(strings.TrimLeft(t, fence[:1])) == "" {
			fence = ""
			out = append(out, l)
			continue
		}
		if rust {
			if t == "#" || strings.HasPrefix(t, "# ") {
				continue
			}
			if strings.HasPrefix(t, "##") {
				l = strings.Replace(l, "##", "#", 1)
			}
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

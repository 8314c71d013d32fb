package cover

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The cover's words: the title split from its subtitle, authors' names split, and lines
// wrapped and balanced to a measure.

// splitTitle returns the main title and the subtitle paragraphs.
func splitTitle(title, subtitle string) (string, []string) {
	title = clean(title)
	subtitle = clean(subtitle)
	var subs []string
	if i := strings.Index(title, ": "); i > 0 {
		main, rest := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+2:])
		if main != "" && rest != "" {
			title = main
			subs = append(subs, rest)
		}
	}
	if subtitle != "" && (len(subs) == 0 || !strings.EqualFold(subs[0], subtitle)) {
		subs = append(subs, subtitle)
	}
	return title, subs
}

// clean normalises s to NFC and collapses all white space (including line
// breaks) to single spaces. Control characters are dropped.
func clean(s string) string {
	s = norm.NFC.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// splitNames splits a list of two or three authors joined by "and", "&"
// or ";" into separate names; anything else is returned as one name.
// Commas are left alone: "Quispe, Ana María" is one name.
func splitNames(s string) []string {
	var names []string
	for _, n := range strings.Split(strings.NewReplacer(" and ", ";", " & ", ";").Replace(s), ";") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	if len(names) < 2 || len(names) > 3 {
		return []string{s}
	}
	return names
}

// wrap breaks text into lines no wider than maxW, balancing the line
// lengths. Lines break at spaces and after hyphens and dashes inside
// words. It reports whether some piece was wider than maxW by itself (such
// pieces are broken between characters).
func wrap(f *face, text string, maxW float64) (lines []string, overflow bool) {
	type piece struct {
		text  string
		space bool // preceded by a space
	}
	var pieces []piece
	add := func(p string, space bool) {
		if f.width(p) <= maxW {
			pieces = append(pieces, piece{p, space})
			return
		}
		overflow = true
		var cur []rune
		for _, r := range p {
			if len(cur) > 0 && f.width(string(append(cur, r))) > maxW {
				pieces = append(pieces, piece{string(cur), space})
				cur, space = cur[:0], false
			}
			cur = append(cur, r)
		}
		if len(cur) > 0 {
			pieces = append(pieces, piece{string(cur), space})
		}
	}
	for _, wd := range strings.Fields(text) {
		space := true
		for {
			i := breakAfter(wd)
			if i < 0 {
				break
			}
			add(wd[:i], space)
			wd, space = wd[i:], false
		}
		add(wd, space)
	}
	if len(pieces) == 0 {
		return nil, overflow
	}

	greedy := func(limit float64) []string {
		var out []string
		line := pieces[0].text
		for _, p := range pieces[1:] {
			cand := line + p.text
			if p.space {
				cand = line + " " + p.text
			}
			if f.width(cand) <= limit {
				line = cand
			} else {
				out = append(out, line)
				line = p.text
			}
		}
		return append(out, line)
	}
	lines = greedy(maxW)
	if len(lines) < 2 {
		return lines, overflow
	}
	// Find the narrowest measure that still needs no more lines, so that
	// the lines come out of similar length rather than with a short last
	// line (a fixed number of bisection steps keeps this cheap).
	lo, hi := widest(f, lines)*0.5, maxW
	for range 12 {
		mid := (lo + hi) / 2
		if l := greedy(mid); len(l) <= len(lines) && widest(f, l) <= mid {
			hi = mid
		} else {
			lo = mid
		}
	}
	return greedy(hi), overflow
}

// breakAfter returns the byte offset just after the first hyphen or dash
// in w that has a letter or digit on both sides, or -1.
func breakAfter(w string) int {
	rs := []rune(w)
	off := 0
	for i, r := range rs {
		off += utf8.RuneLen(r)
		if (r == '-' || r == '\u2010' || r == '\u2013' || r == '\u2014' || r == '/') &&
			i > 0 && i < len(rs)-1 && isAlnum(rs[i-1]) && isAlnum(rs[i+1]) {
			return off
		}
	}
	return -1
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func widest(f *face, lines []string) float64 {
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, f.width(l))
	}
	return w
}

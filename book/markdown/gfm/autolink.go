package gfm

import "strings"

// The extended autolinks' two patterns, matched by hand. goldmark writes them as regular
// expressions compiled at package init (2,000 allocations and a deep recursion at every start
// of the program, and again in every process that parses); these functions find the same
// match as goldmark's
//
//	www:  ^www\.[H]{1,256}\.[a-z]+(?:[/#?][P]*)?
//	url:  ^(?:http|https|ftp)://[H]{1,256}\.[a-z]+(?::\d+)?(?:[/#?][P$]*)?
//
// with H the host's characters and P the path's below. Go's regular expressions pick the match
// a backtracking engine would: the host's run is as long as it can be (at most 256) while a
// dot and a lower-case letter follow it, and every later part is greedy and optional, so it
// never gives back what it took. TestMatchersAgreeWithGoldmark holds them to the expressions.

// matchWWW returns goldmark's match of a "www." link at the start of line as {0, end}, or nil.
func matchWWW(line []byte) []int {
	if len(line) < 4 || string(line[:4]) != "www." {
		return nil
	}
	end := matchHost(line, 4)
	if end < 0 {
		return nil
	}
	return []int{0, matchPath(line, end, false)}
}

// matchURL returns goldmark's match of an http://, https:// or ftp:// link at the start of
// line as {0, end}, or nil.
func matchURL(line []byte) []int {
	var p int
	switch {
	case hasPrefix(line, "http://"):
		p = 7
	case hasPrefix(line, "https://"):
		p = 8
	case hasPrefix(line, "ftp://"):
		p = 6
	default:
		return nil
	}
	end := matchHost(line, p)
	if end < 0 {
		return nil
	}
	if end+1 < len(line) && line[end] == ':' && isDigit(line[end+1]) {
		end += 2
		for end < len(line) && isDigit(line[end]) {
			end++
		}
	}
	return []int{0, matchPath(line, end, true)}
}

// matchHost matches [H]{1,256}\.[a-z]+ from p and returns where it ends, or -1.
func matchHost(line []byte, p int) int {
	run := 0
	for p+run < len(line) && isHostByte(line[p+run]) {
		run++
	}
	// The longest k in 1..256 with line[p+k] a dot and a lower-case letter after it; a dot is
	// a host character itself, so it lies inside the run.
	k := min(256, run-1)
	for ; k >= 1; k-- {
		if line[p+k] == '.' && p+k+1 < len(line) && isLower(line[p+k+1]) {
			break
		}
	}
	if k < 1 {
		return -1
	}
	end := p + k + 1
	for end < len(line) && isLower(line[end]) {
		end++
	}
	return end
}

// matchPath matches (?:[/#?][P]*)? from p (with '$' among P for a URL with its protocol).
func matchPath(line []byte, p int, dollar bool) int {
	if p >= len(line) || (line[p] != '/' && line[p] != '#' && line[p] != '?') {
		return p
	}
	p++
	for p < len(line) && (isPathByte(line[p]) || (dollar && line[p] == '$')) {
		p++
	}
	return p
}

func hasPrefix(line []byte, s string) bool {
	return len(line) >= len(s) && string(line[:len(s)]) == s
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

func isAlnum(c byte) bool {
	return isDigit(c) || isLower(c) || ('A' <= c && c <= 'Z')
}

// isHostByte is [-a-zA-Z0-9@:%._\+~#=].
func isHostByte(c byte) bool {
	return isAlnum(c) || strings.IndexByte("-@:%._+~#=", c) >= 0
}

// isPathByte is [-a-zA-Z0-9@:%_\+.~#!?&/=\(\);,'">\^{}\[\]`].
func isPathByte(c byte) bool {
	return isAlnum(c) || strings.IndexByte("-@:%_+.~#!?&/=();,'\">^{}[]`", c) >= 0
}

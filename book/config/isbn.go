package config

import (
	"errors"
	"fmt"
	"strings"

	"bindery/book/diag"
)

// ParseISBN checks an ISBN-13 or ISBN-10, written with or without hyphens or spaces, by its
// check digit, and returns it as the 13 digits of an ISBN-13 (an ISBN-10 with the prefix 978
// and its check digit computed anew).
func ParseISBN(s string) (string, error) {
	var d []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			d = append(d, c)
		case (c == 'X' || c == 'x') && len(d) == 9:
			d = append(d, 'X')
		case c == '-' || c == ' ':
		default:
			return "", fmt.Errorf("%q is not an ISBN: digits and hyphens only (ISBN-13, or ISBN-10 ending in a digit or X)", s)
		}
	}
	switch len(d) {
	case 10:
		sum := 0
		for i, c := range d {
			v := int(c - '0')
			if c == 'X' {
				v = 10
			}
			sum += (10 - i) * v
		}
		if sum%11 != 0 {
			return "", fmt.Errorf("ISBN-10 %s: the check digit is wrong (a typing slip?)", s)
		}
		isbn := "978" + string(d[:9])
		return isbn + string(rune('0'+isbn13Check(isbn))), nil
	case 13:
		if d[12] == 'X' {
			break
		}
		if !strings.HasPrefix(string(d), "978") && !strings.HasPrefix(string(d), "979") {
			return "", fmt.Errorf("ISBN-13 %s must begin with 978 or 979", s)
		}
		if isbn13Check(string(d[:12])) != int(d[12]-'0') {
			return "", fmt.Errorf("ISBN-13 %s: the check digit is wrong (a typing slip?)", s)
		}
		return string(d), nil
	}
	return "", errors.New("an ISBN has 13 digits (or 10, the last of which may be X)")
}

// isbn13Check is the check digit of the first twelve digits of an ISBN-13.
func isbn13Check(twelve string) int {
	sum := 0
	for i := 0; i < 12; i++ {
		v := int(twelve[i] - '0')
		if i%2 == 1 {
			v *= 3
		}
		sum += v
	}
	return (10 - sum%10) % 10
}

// setISBNs checks the EPUB's ISBN (isbn:) and the print edition's (print_isbn:), which must
// differ: each edition has its own.
func (b *Book) setISBNs(r *raw, keyPos func(string) diag.Pos, list *diag.List) {
	for _, k := range []struct {
		key, val string
		dst      *string
	}{{"isbn", r.ISBN, &b.ISBN}, {"print_isbn", r.PrintISBN, &b.PrintISBN}} {
		if v := strings.TrimSpace(k.val); v != "" {
			isbn, err := ParseISBN(v)
			if err != nil {
				list.Errorf(keyPos(k.key), "%s: %v", k.key, err)
				continue
			}
			*k.dst = isbn
		}
	}
	if b.ISBN != "" && b.ISBN == b.PrintISBN {
		list.Errorf(keyPos("print_isbn"), "print_isbn is the same as isbn: the EPUB and the print edition each have an ISBN of their own")
	}
}

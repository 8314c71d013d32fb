package config

import (
	"strings"
	"testing"
)

func TestParseISBN(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"978-0-306-40615-7", "9780306406157", ""},
		{"9780306406157", "9780306406157", ""},
		{"979 10 90636 07 1", "9791090636071", ""},
		{"0-306-40615-2", "9780306406157", ""}, // ISBN-10 made ISBN-13, check digit anew
		{"0-8044-2957-X", "9780804429573", ""},
		{"978-0-306-40615-8", "", "check digit"},
		{"0-306-40615-3", "", "check digit"},
		{"977-0-306-40615-1", "", "978 or 979"},
		{"978-0-306", "", "13 digits"},
		{"ISBN 978-0-306-40615-7", "", "not an ISBN"},
		{"97803064061X7", "", "not an ISBN"},
	} {
		got, err := ParseISBN(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseISBN(%q) = %q, %v; want an error about %q", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseISBN(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestISBNKeys(t *testing.T) {
	dir := writeBook(t, good+"isbn: 978-0-306-40615-7\nprint_isbn: 0-8044-2957-X\n", "one.md")
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b.ISBN != "9780306406157" || b.PrintISBN != "9780804429573" {
		t.Errorf("isbn %q, print_isbn %q", b.ISBN, b.PrintISBN)
	}
	for _, c := range []struct{ yaml, want string }{
		{"isbn: 978-0-306-40615-8\n", "book.yaml:8:7: error: isbn: ISBN-13 978-0-306-40615-8: the check digit is wrong"},
		{"print_isbn: [1]\n", "book.yaml:8:13: error: print_isbn must be text"},
		{"isbn: 9780306406157\nprint_isbn: 978-0-306-40615-7\n", "book.yaml:9:13: error: print_isbn is the same as isbn"},
	} {
		_, err := Load(writeBook(t, good+c.yaml, "one.md"))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.yaml, err, c.want)
		}
	}
}

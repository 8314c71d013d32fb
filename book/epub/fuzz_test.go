package epub

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"
)

// FuzzXMLText: whatever the text, escaped it is well-formed XML character data and attribute
// content.
func FuzzXMLText(f *testing.F) {
	for _, s := range []string{"a & b < c > d \" e ' f", "\x00\x01\x7f\u0085\ufffe\uffff", "\xed\xa0\x80 lone surrogate", "]]> <!-- -->", "😀 é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		esc := xmlText(s)
		doc := "<p a=\"" + esc + "\">" + esc + "</p>"
		d := xml.NewDecoder(bytes.NewReader([]byte(doc)))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%q escaped to %q: %v", s, esc, err)
			}
		}
	})
}

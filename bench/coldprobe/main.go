// Command coldprobe does one of the things a build pays once per process, in a fresh
// process, and exits: run under `perf stat` beside `coldprobe none` (the runtime's start
// with the same packages linked), it gives what that thing costs cold (CPU, page faults),
// which an in-process benchmark, warm after its first round, cannot show.
//
//	go build -o /tmp/coldprobe ./bench/coldprobe
//	for w in none fonts fonts-lazy hyphen hyphen-de cover deflate6 deflate8; do perf stat -r 15 /tmp/coldprobe $w; done
package main

import (
	"bytes"
	"fmt"
	"os"

	"bindery/book/compress"
	"bindery/book/cover"
	"bindery/book/font"
	"bindery/book/hyphen"
	"bindery/fonts"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: coldprobe none|fonts|fonts-lazy|hyphen|hyphen-de|cover|deflate6|deflate8")
		os.Exit(2)
	}
	if err := probe(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "coldprobe:", err)
		os.Exit(1)
	}
}

// probe does what is named: nothing; read whole the faces a build parsed up to issue 19's
// eighth round (the default family's and the default code family's four), or parse only
// their headers, as the pipeline now does (a face is read on first use); load English's or German's hyphenation patterns;
// render a cover (with the three faces it is set in); compress a page's worth of content
// stream at level 6 or 8 (one compressor's tables touched).
func probe(what string) error {
	switch what {
	case "none":
		return nil
	case "fonts", "fonts-lazy":
		for _, fam := range []fonts.Family{fonts.Default, fonts.DefaultCode} {
			for _, style := range fonts.Styles {
				f, err := face(fam, style)
				if err != nil {
					return err
				}
				if what == "fonts" {
					f.HasRune('a') // reads the face whole
				}
			}
		}
		return nil
	case "hyphen", "hyphen-de":
		lang := map[string]string{"hyphen": "en-GB", "hyphen-de": "de"}[what]
		_, err := hyphen.New(lang)
		return err
	case "cover":
		var f [3]*font.Face
		for i, style := range fonts.Styles[:3] {
			var err error
			if f[i], err = face(fonts.Default, style); err != nil {
				return err
			}
		}
		_, err := cover.Render(cover.Spec{Title: "A Short Book about Books", Author: "Ann Author"},
			cover.Fonts{Regular: f[0], Italic: f[1], Bold: f[2]})
		return err
	case "deflate6", "deflate8":
		page := bytes.Repeat([]byte("BT /F1 10.5 Tf 1 0 0 1 72 700 Tm [(A short book)-250(about books)] TJ ET\n"), 60)
		compress.Zlib(int(what[len(what)-1]-'0'), page)
		return nil
	}
	return fmt.Errorf("no probe %q", what)
}

// face parses one face of a family in place, as the pipeline does: its header now, the rest
// on first use.
func face(fam fonts.Family, style string) (*font.Face, error) {
	name := fam.File(style)
	data, err := fonts.Shared(name)
	if err != nil {
		return nil, err
	}
	return font.ParseLazy(name, data)
}

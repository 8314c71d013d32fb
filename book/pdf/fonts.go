package pdf

import (
	"crypto/md5"
	"fmt"
	"strconv"
	"strings"

	"bindery/book/font"
)

// writeFont embeds one face as a Type0 font over a CIDFontType2 subset for each bank of its
// codes (codes.go), all over the one subset, and returns the Type0 fonts' object numbers by
// bank. Glyph IDs are the font's own; the content streams write them one byte a code
// through the shared CMap cmap, and each bank's /CIDToGIDMap takes the codes to them. /W
// gives every drawn glyph the integer 1/1000 em width the layout measured with, and
// /ToUnicode maps codes back to text for search and copying.
func writeFont(f *file, face *font.Face, psName string, italic bool, used []bool, uni []rune, enc *codes, cmap int) ([]int, error) {
	sub, err := subset(face, used)
	if err != nil {
		return nil, fmt.Errorf("pdf: font %s: %w", psName, err)
	}
	// The subset tag (six capitals, as the standard asks) is derived from the glyphs kept, so
	// different subsets get different tags and equal books equal files.
	h := md5.New()
	h.Write([]byte(psName))
	for g, u := range used {
		if u {
			h.Write([]byte{byte(g >> 8), byte(g)})
		}
	}
	sum := h.Sum(nil)
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	name := string(tag[:]) + "+" + strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune("()<>[]{}/%#", r) {
			return -1
		}
		return r
	}, psName)

	desc, file2 := f.alloc(), f.alloc()
	streams := f.streams
	ids := make([]int, len(enc.banks))
	for k := range enc.banks {
		ids[k] = writeBank(f, face, name, enc, k, uni, desc, cmap)
	}

	upem := float64(face.UnitsPerEm)
	scale := func(v int) string { return strconv.Itoa(int(float64(v) * 1000 / upem)) }
	flags := 32 // nonsymbolic
	if italic {
		flags |= 64
	}
	capHeight := face.CapHeight
	if capHeight == 0 {
		capHeight = face.Ascent
	}
	f.object(desc, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%s %s %s %s] /ItalicAngle %s /Ascent %s /Descent %s /CapHeight %s /StemV 80 /FontFile2 %d 0 R >>",
		name, flags, scale(face.BBox[0]), scale(face.BBox[1]), scale(face.BBox[2]), scale(face.BBox[3]),
		num(face.ItalicAngle), scale(face.Ascent), scale(face.Descent), scale(capHeight), file2))
	f.streamLater(file2, "/Length1 "+strconv.Itoa(len(sub))+" /Filter /FlateDecode", func() []byte { return streams.deflate(sub) })
	return ids, nil
}

// writeBank writes the Type0 font of bank k of a face's codes, its CIDFont (described by
// desc), /CIDToGIDMap and ToUnicode, and returns the Type0 font's number.
func writeBank(f *file, face *font.Face, name string, enc *codes, k int, uni []rune, desc, cmap int) int {
	type0, cid, cidToGID, toUni := f.alloc(), f.alloc(), f.alloc(), f.alloc()
	f.object(type0, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding %d 0 R /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", name, cmap, cid, toUni))
	var w []byte
	w = append(w, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /"...)
	w = append(w, name...)
	w = append(w, " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "...)
	w = appendInt(w, desc)
	w = append(w, " 0 R /CIDToGIDMap "...)
	w = appendInt(w, cidToGID)
	w = append(w, " 0 R /DW 0 /W ["...)
	// Widths by CID, consecutive CIDs in one array.
	glyphs, cids := enc.glyphs(k)
	for i := 0; i < len(glyphs); {
		first := cids[i]
		w = appendInt(w, first)
		w = append(w, " ["...)
		for n := 0; i < len(glyphs) && cids[i] == first+n; i, n = i+1, n+1 {
			w = appendInt(w, face.GlyphMilli(uint16(glyphs[i])))
			w = append(w, ' ')
		}
		w[len(w)-1] = ']'
		w = append(w, ' ')
	}
	w = append(w, "] >>"...)
	f.objectBytes(cid, w)
	// Made and compressed on other cores: the codes and glyphs no longer change.
	streams := f.streams
	f.streamLater(cidToGID, "/Filter /FlateDecode", func() []byte { return streams.deflate(enc.cidToGID(k)) })
	f.streamLater(toUni, "/Filter /FlateDecode", func() []byte { return streams.deflate(toUnicode(glyphs, cids, uni)) })
	return type0
}

// toUnicode writes the CMap that maps each code (cids, one byte) to the character of its
// glyph (glyphs, by the same index).
func toUnicode(glyphs, cids []int, uni []rune) []byte {
	var b []byte
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"...)
	hex4 := func(b []byte, v int) []byte {
		return append(b, hexDigits[v>>12&15], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
	}
	// At most 100 entries per block, as the CMap format asks.
	for from := 0; from < len(glyphs); from += 100 {
		to := min(from+100, len(glyphs))
		b = appendInt(b, to-from)
		b = append(b, " beginbfchar\n"...)
		for i := from; i < to; i++ {
			b = append(b, '<', hexDigits[cids[i]>>4&15], hexDigits[cids[i]&15])
			b = append(b, "> <"...)
			// A ligature gives back its letters ("ﬁ" → "fi"), a small capital its letter as
			// first written (a capital, if an acronym drew it), so search and copy find
			// "find" and "MNR".
			for _, r := range glyphText(uni[glyphs[i]]) {
				if r > 0xFFFF {
					r -= 0x10000
					b = hex4(b, int(0xD800+r>>10))
					b = hex4(b, int(0xDC00+r&0x3FF))
				} else {
					b = hex4(b, int(r))
				}
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}

// ligatureLetters is the text a glyph stands for: the letters of a Latin ligature (the
// presentation forms U+FB00–U+FB06 book/layout sets for fi, fl, ff, ffi, ffl), the letter
// or digit of a small capital or figure book/font reached through GSUB (drawn as a private
// character), else its character.
func ligatureLetters(r rune) string { return font.LetterString(r) }

// glyphText is what ToUnicode says a glyph is: ligatureLetters, but a small capital is its
// capital, whether an acronym's capital or a lower-case letter drew it (one glyph has one
// entry; XeLaTeX reads them so too). book/layout's line texts keep the letters written.
func glyphText(r rune) string {
	if font.IsSmallCap(r) {
		return strings.ToUpper(string(font.Letter(r)))
	}
	return ligatureLetters(r)
}

// letters is text with its ligatures and variants read as their letters (ligatureLetters),
// for the strings the PDF says a text is (/ActualText, a link's /Contents).
func letters(s string) string { return font.Letters(s) }

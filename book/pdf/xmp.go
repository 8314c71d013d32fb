package pdf

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"time"
)

// xmpMetadata is the document's XMP packet (ISO 16684-1): the document information again, as
// PDF/UA asks (dc:title at least), and pdfuaid:part 1 on a tagged book. It claims no PDF/A
// conformance (pdfaid): that needs an output intent and colour spaces the book does not
// declare. Its bytes depend on the information alone, so equal books give equal packets.
func xmpMetadata(info Info, tagged bool) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e strings.Builder
		xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	alt := func(name, v string) {
		if v != "" {
			b.WriteString("   <" + name + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(v) + "</rdf:li></rdf:Alt></" + name + ">\n")
		}
	}
	list := func(name, kind string, vs []string) {
		if len(vs) == 0 {
			return
		}
		b.WriteString("   <" + name + "><rdf:" + kind + ">")
		for _, v := range vs {
			b.WriteString("<rdf:li>" + esc(v) + "</rdf:li>")
		}
		b.WriteString("</rdf:" + kind + "></" + name + ">\n")
	}
	prop := func(name, v string) {
		if v != "" {
			b.WriteString("   <" + name + ">" + esc(v) + "</" + name + ">\n")
		}
	}
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"")
	if tagged {
		b.WriteString(" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"")
	}
	b.WriteString(">\n")
	prop("dc:format", "application/pdf")
	alt("dc:title", info.Title)
	if info.Author != "" {
		list("dc:creator", "Seq", []string{info.Author})
	}
	alt("dc:description", info.Subject)
	if info.Language != "" {
		list("dc:language", "Bag", []string{info.Language})
	}
	var subjects []string
	for _, k := range strings.Split(info.Keywords, ";") {
		if k = strings.TrimSpace(k); k != "" {
			subjects = append(subjects, k)
		}
	}
	list("dc:subject", "Bag", subjects)
	if !info.Date.IsZero() {
		d := info.Date.UTC().Format(time.RFC3339)
		prop("xmp:CreateDate", d)
		prop("xmp:ModifyDate", d)
		prop("xmp:MetadataDate", d)
	}
	prop("xmp:CreatorTool", info.Creator)
	prop("pdf:Producer", "bindery")
	prop("pdf:Keywords", info.Keywords)
	if tagged {
		prop("pdfuaid:part", "1")
	}
	b.WriteString("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return b.Bytes()
}

// writeMetadata writes the XMP packet as an uncompressed stream (so that tools that do not
// read PDF can find it) and returns its catalog entry.
func (r *rendering) writeMetadata(tagged bool) string {
	id := r.f.alloc()
	r.f.stream(id, "/Type /Metadata /Subtype /XML", xmpMetadata(r.info, tagged))
	return " /Metadata " + strconv.Itoa(id) + " 0 R"
}

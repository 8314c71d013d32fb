package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"bindery/book/layout"
)

var (
	catalogRE   = regexp.MustCompile(`(?s)\n(\d+) 0 obj\s*<<\s*/Type /Catalog(.*?)>>\s*endobj`)
	pagesKidsRE = regexp.MustCompile(`(?s)/Type /Pages.*?/Kids \[([^\]]*)\]`)
	refRE       = regexp.MustCompile(`(\d+) 0 R`)
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	sizeRE      = regexp.MustCompile(`/Size (\d+)`)
)

// amend appends an incremental update to gopdf's output: a new catalog with page labels, a
// nested outline and the document language, a full information dictionary, and a trailer
// with a content-derived /ID. With d nil (a booklet of sheets) only the information and the
// /ID are added. An incremental update leaves gopdf's bytes untouched, so every
// offset in them stays valid.
func amend(orig []byte, d *layout.Document, info Info) ([]byte, error) {
	cm := catalogRE.FindSubmatch(orig)
	km := pagesKidsRE.FindSubmatch(orig)
	xm := startxrefRE.FindSubmatch(orig)
	sm := sizeRE.FindAllSubmatch(orig, -1)
	if cm == nil || km == nil || xm == nil || sm == nil {
		return nil, fmt.Errorf("pdf: unexpected structure in gopdf's output")
	}
	catalogID := string(cm[1])
	var pageIDs []string
	for _, m := range refRE.FindAllSubmatch(km[1], -1) {
		pageIDs = append(pageIDs, string(m[1]))
	}
	if d == nil {
		d = &layout.Document{}
	} else if len(pageIDs) != len(d.Pages) {
		return nil, fmt.Errorf("pdf: %d page objects for %d pages", len(pageIDs), len(d.Pages))
	}
	next, _ := strconv.Atoi(string(sm[len(sm)-1][1]))

	var out bytes.Buffer
	out.Write(orig)
	if !bytes.HasSuffix(orig, []byte("\n")) {
		out.WriteByte('\n')
	}
	offsets := map[int]int{}
	obj := func(id int, body string) {
		offsets[id] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", id, body)
	}

	// Outline: a tree of headings by level, with the /Count, /Parent, /Prev and /Next that
	// gopdf's own outline gets wrong.
	type node struct {
		id    int
		entry layout.OutlineEntry
		kids  []*node
		level int
	}
	root := &node{level: 0}
	stack := []*node{root}
	for _, e := range d.Outline {
		if _, ok := d.Map[e.ID]; !ok {
			continue
		}
		n := &node{entry: e, level: e.Level, id: next}
		next++
		for len(stack) > 1 && stack[len(stack)-1].level >= e.Level {
			stack = stack[:len(stack)-1]
		}
		parent := stack[len(stack)-1]
		parent.kids = append(parent.kids, n)
		stack = append(stack, n)
	}
	outlinesID := 0
	if len(root.kids) > 0 {
		outlinesID = next
		next++
		root.id = outlinesID
		var count func(n *node) int
		count = func(n *node) int {
			c := len(n.kids)
			for _, k := range n.kids {
				c += count(k)
			}
			return c
		}
		var write func(n *node)
		write = func(n *node) {
			for i, k := range n.kids {
				loc := d.Map[k.entry.ID]
				var b strings.Builder
				fmt.Fprintf(&b, "<< /Title %s /Parent %d 0 R", pdfText(k.entry.Title), n.id)
				if i > 0 {
					fmt.Fprintf(&b, " /Prev %d 0 R", n.kids[i-1].id)
				}
				if i+1 < len(n.kids) {
					fmt.Fprintf(&b, " /Next %d 0 R", n.kids[i+1].id)
				}
				if len(k.kids) > 0 {
					fmt.Fprintf(&b, " /First %d 0 R /Last %d 0 R /Count %d", k.kids[0].id, k.kids[len(k.kids)-1].id, count(k))
				}
				fmt.Fprintf(&b, " /Dest [%s 0 R /XYZ %s %s null] >>", pageIDs[loc.Page], num(pt(loc.X)), num(pt(d.Settings.PageHeight-loc.Y)))
				obj(k.id, b.String())
				write(k)
			}
		}
		write(root)
		obj(outlinesID, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>", root.kids[0].id, root.kids[len(root.kids)-1].id, count(root)))
	}

	// Catalog: gopdf's entries, less its empty outline, plus ours.
	body := regexp.MustCompile(`/Outlines \d+ 0 R`).ReplaceAllString(string(cm[2]), "")
	var cat strings.Builder
	cat.WriteString("<< /Type /Catalog" + strings.TrimRight(body, " \n\t"))
	if len(d.Pages) > 0 {
		labels := "/PageLabels << /Nums [0 << /S /r >>"
		if d.BodyStart < len(d.Pages) {
			labels += fmt.Sprintf(" %d << /S /D >>", d.BodyStart)
		}
		cat.WriteString("\n  " + labels + "] >>")
	}
	if outlinesID != 0 {
		fmt.Fprintf(&cat, "\n  /Outlines %d 0 R /PageMode /UseOutlines", outlinesID)
	}
	if info.Language != "" {
		fmt.Fprintf(&cat, "\n  /Lang %s", pdfText(info.Language))
	}
	cat.WriteString("\n  /ViewerPreferences << /DisplayDocTitle true >>\n>>")
	cid, _ := strconv.Atoi(catalogID)
	obj(cid, cat.String())

	infoID := next
	next++
	var ib strings.Builder
	ib.WriteString("<<")
	for _, kv := range [][2]string{{"Title", info.Title}, {"Author", info.Author}, {"Subject", info.Subject}, {"Keywords", info.Keywords}, {"Creator", info.Creator}, {"Producer", "bindery (gopdf)"}} {
		if kv[1] != "" {
			fmt.Fprintf(&ib, " /%s %s", kv[0], pdfText(kv[1]))
		}
	}
	if !info.Date.IsZero() {
		fmt.Fprintf(&ib, " /CreationDate %s /ModDate %s", pdfDate(info.Date), pdfDate(info.Date))
	}
	ib.WriteString(" >>")
	obj(infoID, ib.String())

	// Cross-reference section for the changed and new objects, in ascending order.
	xref := out.Len()
	out.WriteString("xref\n")
	ids := make([]int, 0, len(offsets))
	for id := range offsets {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		fmt.Fprintf(&out, "%d %d\n", ids[i], j-i+1)
		for k := i; k <= j; k++ {
			fmt.Fprintf(&out, "%010d 00000 n \n", offsets[ids[k]])
		}
		i = j + 1
	}
	id := fileID(orig)
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %s 0 R /Info %d 0 R /Prev %s /ID [%s %s] >>\nstartxref\n%d\n%%%%EOF\n",
		next, catalogID, infoID, xm[1], id, id, xref)
	return out.Bytes(), nil
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

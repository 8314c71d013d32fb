package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"bindery/book/layout"
)

var (
	objRE    = regexp.MustCompile(`(?m)^(\d+) 0 obj\n`)
	lengthRE = regexp.MustCompile(`/Length (\d+)`)
	refRE    = regexp.MustCompile(`(\d+) 0 R`)
	kidsRE   = regexp.MustCompile(`(?s)/Kids \[([^\]]*)\]`)
)

// object is one indirect object of gopdf's output.
type object struct {
	num    int
	dict   []byte // what stands between "obj" and "stream" (or "endobj")
	stream []byte // nil for an object without a stream
}

// parseObjects splits gopdf's output into its objects. gopdf writes one object after
// another, each stream with a direct /Length, so a sequential scan is enough.
func parseObjects(pdf []byte) (header []byte, objs []object, err error) {
	first := objRE.FindIndex(pdf)
	if first == nil {
		return nil, nil, fmt.Errorf("pdf: no objects in gopdf's output")
	}
	header = pdf[:first[0]]
	p := first[0]
	for {
		m := objRE.FindSubmatchIndex(pdf[p:])
		if m == nil || bytes.HasPrefix(bytes.TrimSpace(pdf[p:p+m[0]]), []byte("xref")) {
			break
		}
		num, _ := strconv.Atoi(string(pdf[p+m[2] : p+m[3]]))
		body := p + m[1]
		end := bytes.Index(pdf[body:], []byte("endobj"))
		st := bytes.Index(pdf[body:], []byte("stream\n"))
		if end < 0 {
			return nil, nil, fmt.Errorf("pdf: object %d does not end", num)
		}
		o := object{num: num}
		if st >= 0 && st < end {
			o.dict = pdf[body : body+st]
			lm := lengthRE.FindSubmatch(o.dict)
			if lm == nil {
				return nil, nil, fmt.Errorf("pdf: stream of object %d has no length", num)
			}
			n, _ := strconv.Atoi(string(lm[1]))
			from := body + st + len("stream\n")
			if from+n > len(pdf) {
				return nil, nil, fmt.Errorf("pdf: stream of object %d is cut short", num)
			}
			o.stream = pdf[from : from+n]
			end = bytes.Index(pdf[from+n:], []byte("endobj"))
			if end < 0 {
				return nil, nil, fmt.Errorf("pdf: object %d does not end", num)
			}
			p = from + n + end + len("endobj")
		} else {
			o.dict = pdf[body : body+end]
			p = body + end + len("endobj")
		}
		objs = append(objs, o)
	}
	return header, objs, nil
}

// compressStreams deflates every stream that has no filter yet (gopdf is told to write
// them uncompressed: it would make a fresh 700 KB compressor for each page), in parallel.
func compressStreams(objs []object) {
	var todo []int
	for i, o := range objs {
		if o.stream != nil && !bytes.Contains(o.dict, []byte("/Filter")) {
			todo = append(todo, i)
		}
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(todo)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
			for i := range work {
				buf.Reset()
				zw.Reset(&buf)
				zw.Write(objs[i].stream)
				zw.Close()
				objs[i].stream = append([]byte(nil), buf.Bytes()...)
				objs[i].dict = lengthRE.ReplaceAll(objs[i].dict, []byte(fmt.Sprintf("/Length %d\n/Filter /FlateDecode", len(objs[i].stream))))
			}
		}()
	}
	for _, i := range todo {
		work <- i
	}
	close(work)
	wg.Wait()
}

// amend rewrites gopdf's output into the final file: streams compressed, a catalog with page
// labels, a nested outline and the document language, a full information dictionary, and a
// content-derived /ID, with a fresh cross-reference table. With d nil (a booklet of sheets)
// only the information and the /ID are added.
func amend(orig []byte, d *layout.Document, info Info) ([]byte, error) {
	header, objs, err := parseObjects(orig)
	if err != nil {
		return nil, err
	}
	id := fileID(orig)
	compressStreams(objs)
	catalogIdx, next := -1, 0
	var pageIDs []string
	for i, o := range objs {
		next = max(next, o.num+1)
		switch {
		case bytes.Contains(o.dict, []byte("/Type /Catalog")):
			catalogIdx = i
		case bytes.Contains(o.dict, []byte("/Type /Pages")):
			if km := kidsRE.FindSubmatch(o.dict); km != nil {
				for _, m := range refRE.FindAllSubmatch(km[1], -1) {
					pageIDs = append(pageIDs, string(m[1]))
				}
			}
		}
	}
	if catalogIdx < 0 || pageIDs == nil {
		return nil, fmt.Errorf("pdf: unexpected structure in gopdf's output")
	}
	if d == nil {
		d = &layout.Document{}
	} else if len(pageIDs) != len(d.Pages) {
		return nil, fmt.Errorf("pdf: %d page objects for %d pages", len(pageIDs), len(d.Pages))
	}

	var out bytes.Buffer
	out.Grow(len(orig))
	out.Write(header)
	offsets := map[int]int{}
	obj := func(id int, body string) {
		offsets[id] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", id, body)
	}
	for i, o := range objs {
		if i == catalogIdx {
			continue // replaced below
		}
		offsets[o.num] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n", o.num)
		out.Write(o.dict)
		if o.stream != nil {
			out.WriteString("stream\n")
			out.Write(o.stream)
			out.WriteString("\nendstream\n")
		}
		out.WriteString("endobj\n")
	}
	catalogID := strconv.Itoa(objs[catalogIdx].num)
	cm := [][]byte{nil, nil, bytes.TrimPrefix(bytes.TrimSpace(objs[catalogIdx].dict), []byte("<<"))}
	cm[2] = bytes.TrimSuffix(bytes.TrimSpace(cm[2]), []byte(">>"))
	cm[2] = bytes.Replace(cm[2], []byte("/Type /Catalog"), nil, 1)

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

	// One cross-reference table for the whole file; gopdf numbers its objects from 1 up.
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", next)
	for n := 1; n < next; n++ {
		off, ok := offsets[n]
		if !ok {
			out.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %s 0 R /Info %d 0 R /ID [%s %s] >>\nstartxref\n%d\n%%%%EOF\n",
		next, catalogID, infoID, id, id, xref)
	return out.Bytes(), nil
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

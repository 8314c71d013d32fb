// Package tagcheck checks a tagged PDF (PDF/UA-1's logical structure) as a reader that shares
// no code with bindery's writer: it reads the file through qpdf's JSON and walks the structure
// tree and every page's content stream. The tests of book/pdf and the end-to-end tests use it;
// veraPDF, the reference validator, is not in any package registry this project can reach.
package tagcheck

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// Report is what the walk found.
type Report struct {
	// Problems are the rules broken, each a sentence.
	Problems []string
	// Headings are the levels of the H1–H6 elements in the tree's order.
	Headings []int
	// Types counts the elements of each structure type.
	Types map[string]int
	// Alts are the figures' /Alt texts, in the tree's order.
	Alts []string
	// Langs are the /Lang of the elements that have one (passages in another language than
	// the document's), in the tree's order.
	Langs []string
	// Marked is the number of marked-content sequences the tree reaches; Artifacts the
	// sequences marked as artifacts; Shown the text-showing operators met.
	Marked, Artifacts, Shown int
}

func (r *Report) problem(format string, args ...any) {
	if len(r.Problems) < 50 {
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	}
}

// File checks the PDF at path with qpdf, which must be installed.
func File(path string) (*Report, error) {
	out, err := exec.Command("qpdf", "--json", "--json-stream-data=inline", "--decode-level=generalized", path).Output()
	if err != nil {
		return nil, fmt.Errorf("qpdf --json %s: %w", path, err)
	}
	var j struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &j); err != nil || len(j.QPDF) < 2 {
		return nil, fmt.Errorf("qpdf --json: %v", err)
	}
	c := &checker{objects: map[string]any{}, r: &Report{Types: map[string]int{}}}
	var objects map[string]map[string]any
	if err := json.Unmarshal(j.QPDF[1], &objects); err != nil {
		return nil, err
	}
	for k, v := range objects {
		if k == "trailer" {
			c.trailer = v["value"].(map[string]any)
			continue
		}
		ref := strings.TrimPrefix(k, "obj:")
		if s, ok := v["stream"].(map[string]any); ok {
			data, _ := base64.StdEncoding.DecodeString(fmt.Sprint(s["data"]))
			c.objects[ref] = stream{dict: s["dict"].(map[string]any), data: data}
		} else {
			c.objects[ref] = v["value"]
		}
	}
	c.check()
	return c.r, nil
}

type stream struct {
	dict map[string]any
	data []byte
}

type checker struct {
	objects map[string]any
	trailer map[string]any
	r       *Report
	pages   []string          // page references in order
	pageOf  map[string]int    // page reference → index
	reached map[[2]int]string // (page, MCID) → the element's reference
}

// resolve follows a reference.
func (c *checker) resolve(v any) any {
	if s, ok := v.(string); ok && strings.HasSuffix(s, " 0 R") {
		return c.objects[s]
	}
	return v
}

func (c *checker) dict(v any) map[string]any {
	switch d := c.resolve(v).(type) {
	case map[string]any:
		return d
	case stream:
		return d.dict
	}
	return nil
}

func (c *checker) check() {
	r := c.r
	cat := c.dict(c.trailer["/Root"])
	if cat == nil {
		r.problem("no catalog")
		return
	}
	c.checkCatalog(cat)
	c.pageOf = map[string]int{}
	c.collectPages(cat["/Pages"])
	root := c.dict(cat["/StructTreeRoot"])
	if root == nil {
		r.problem("catalog: no /StructTreeRoot")
		return
	}
	c.checkNumberTree(c.dict(root["/ParentTree"]), true)
	c.reached = map[[2]int]string{}
	order := make([][]int, len(c.pages)) // the MCIDs of each page in the tree's order
	var walk func(ref any, parent string, depth int)
	walk = func(ref any, parent string, depth int) {
		e := c.dict(ref)
		self, _ := ref.(string)
		if e == nil || depth > 200 {
			r.problem("structure element %v unreadable", ref)
			return
		}
		if p, _ := e["/P"].(string); parent != "" && p != parent {
			r.problem("element %s: /P %s, but its parent is %s", self, p, parent)
		}
		typ := strings.TrimPrefix(fmt.Sprint(e["/S"]), "/")
		r.Types[typ]++
		if len(typ) == 2 && typ[0] == 'H' && typ[1] >= '1' && typ[1] <= '6' {
			r.Headings = append(r.Headings, int(typ[1]-'0'))
		}
		if l, ok := e["/Lang"].(string); ok {
			lang := strings.TrimPrefix(l, "u:")
			if lang == "" {
				r.problem("element %s: an empty /Lang", self)
			}
			r.Langs = append(r.Langs, lang)
		}
		if typ == "Figure" {
			alt, _ := e["/Alt"].(string)
			if alt = strings.TrimPrefix(alt, "u:"); alt == "" {
				r.problem("Figure %s without /Alt", self)
			}
			r.Alts = append(r.Alts, alt)
		}
		pg := -1
		if p, ok := e["/Pg"].(string); ok {
			pg = c.pageOf[p]
		}
		kids, ok := e["/K"].([]any)
		if !ok && e["/K"] != nil {
			kids = []any{e["/K"]}
		}
		for _, k := range kids {
			switch k := k.(type) {
			case float64:
				c.reach(pg, int(k), self, order)
			case string:
				walk(k, self, depth+1)
			case map[string]any:
				switch k["/Type"] {
				case "/MCR":
					mp, _ := k["/Pg"].(string)
					c.reach(c.pageOf[mp], int(k["/MCID"].(float64)), self, order)
				case "/OBJR":
					a := c.dict(k["/Obj"])
					sp, ok := a["/StructParent"].(float64)
					if !ok || c.parentTreeEntry(root, int(sp)) != self {
						r.problem("annotation %v: its /StructParent does not lead back to %s", k["/Obj"], self)
					}
					if s, _ := a["/Contents"].(string); strings.TrimPrefix(s, "u:") == "" {
						r.problem("annotation %v without /Contents", k["/Obj"])
					}
				default:
					r.problem("element %s: kid %v", self, k)
				}
			}
		}
	}
	walk(root["/K"], "", 0)
	c.checkOrder(order)
	for i, p := range c.pages {
		c.content(i, c.dict(p), root)
	}
}

// checkCatalog checks what PDF/UA asks of the catalogue: marked, a language, the title
// shown, XMP metadata that claims PDF/UA.
func (c *checker) checkCatalog(cat map[string]any) {
	r := c.r
	if m := c.dict(cat["/MarkInfo"]); m == nil || m["/Marked"] != true {
		r.problem("catalog: no /MarkInfo << /Marked true >>")
	}
	if lang, _ := cat["/Lang"].(string); strings.TrimPrefix(lang, "u:") == "" {
		r.problem("catalog: no /Lang")
	}
	if vp := c.dict(cat["/ViewerPreferences"]); vp == nil || vp["/DisplayDocTitle"] != true {
		r.problem("catalog: no /ViewerPreferences << /DisplayDocTitle true >>")
	}
	if md, ok := c.resolve(cat["/Metadata"]).(stream); !ok || !bytes.Contains(md.data, []byte("<pdfuaid:part>1</pdfuaid:part>")) || !bytes.Contains(md.data, []byte("<dc:title>")) {
		r.problem("catalog: no XMP metadata with dc:title and pdfuaid:part 1")
	}
}

// checkOrder checks that each page's MCIDs are read in the content's order and that heading
// levels do not skip.
func (c *checker) checkOrder(order [][]int) {
	r := c.r
	for p, ids := range order {
		for i := 1; i < len(ids); i++ {
			if ids[i] < ids[i-1] {
				r.problem("page %d: the tree reads MCID %d after %d, against the content's order", p+1, ids[i], ids[i-1])
				break
			}
		}
	}
	for i := 1; i < len(r.Headings); i++ {
		if r.Headings[i] > r.Headings[i-1]+1 {
			r.problem("heading levels skip: H%d after H%d", r.Headings[i], r.Headings[i-1])
		}
	}
	if len(r.Headings) > 0 && r.Headings[0] != 1 {
		r.problem("the first heading is H%d", r.Headings[0])
	}
}

func (c *checker) collectPages(ref any) {
	n := c.dict(ref)
	if n["/Type"] == "/Page" {
		s, _ := ref.(string)
		c.pageOf[s] = len(c.pages)
		c.pages = append(c.pages, s)
		return
	}
	kids, _ := n["/Kids"].([]any)
	for _, k := range kids {
		c.collectPages(k)
	}
}

// reach records that the tree reaches MCID id on page pg from element elem.
func (c *checker) reach(pg, id int, elem string, order [][]int) {
	if pg < 0 || pg >= len(order) {
		c.r.problem("element %s: MCID %d on no page", elem, id)
		return
	}
	k := [2]int{pg, id}
	if e, dup := c.reached[k]; dup {
		c.r.problem("page %d MCID %d reached from %s and %s", pg+1, id, e, elem)
	}
	c.reached[k] = elem
	order[pg] = append(order[pg], id)
}

// checkNumberTree checks a number tree's shape (PDF 2.0 7.9.7) and returns its least and
// greatest keys (ok false when it has none): the root holds /Nums or /Kids, every other node
// /Limits that are exactly the least and greatest keys beneath it, keys ascending throughout.
func (c *checker) checkNumberTree(n map[string]any, isRoot bool) (lo, hi int, ok bool) {
	r := c.r
	if n == nil {
		r.problem("parent tree: a node that is not a dictionary")
		return 0, 0, false
	}
	nums, hasNums := n["/Nums"].([]any)
	kids, hasKids := n["/Kids"].([]any)
	if hasNums == hasKids {
		r.problem("parent tree: a node with both or neither of /Nums and /Kids")
		return 0, 0, false
	}
	add := func(a, b int) {
		if ok && a <= hi {
			r.problem("parent tree: key %d after %d, not ascending", a, hi)
		}
		if !ok {
			lo = a
		}
		hi, ok = b, true
	}
	for i := 0; i < len(nums); i += 2 {
		k, isNum := nums[i].(float64)
		if !isNum || i+1 == len(nums) {
			r.problem("parent tree: /Nums is not pairs of a number and a value")
			break
		}
		add(int(k), int(k))
	}
	for _, k := range kids {
		if a, b, some := c.checkNumberTree(c.dict(k), false); some {
			add(a, b)
		} else {
			r.problem("parent tree: a kid without keys")
		}
	}
	limits, hasLimits := n["/Limits"].([]any)
	switch {
	case isRoot && hasLimits:
		r.problem("parent tree: /Limits on the root")
	case !isRoot && (!hasLimits || len(limits) != 2):
		r.problem("parent tree: a node without /Limits [least greatest]")
	case !isRoot && ok && (limits[0] != float64(lo) || limits[1] != float64(hi)):
		r.problem("parent tree: /Limits %v, but the keys run from %d to %d", limits, lo, hi)
	}
	return lo, hi, ok
}

// parentTreeEntry finds key in the parent tree (a number tree) and returns its value.
func (c *checker) parentTreeEntry(root map[string]any, key int) any {
	var find func(n map[string]any) any
	find = func(n map[string]any) any {
		if nums, ok := n["/Nums"].([]any); ok {
			for i := 0; i+1 < len(nums); i += 2 {
				if k, _ := nums[i].(float64); int(k) == key {
					return nums[i+1]
				}
			}
		}
		kids, _ := n["/Kids"].([]any)
		for _, k := range kids {
			if v := find(c.dict(k)); v != nil {
				return v
			}
		}
		return nil
	}
	return find(c.dict(root["/ParentTree"]))
}

// content reads page i's content: every text, image and path painted must be in marked
// content the tree reaches (and the parent tree maps back to its element) or in an artifact.
func (c *checker) content(i int, page map[string]any, root map[string]any) {
	r := c.r
	var data []byte
	switch cs := page["/Contents"].(type) {
	case []any:
		for _, s := range cs {
			st, _ := c.resolve(s).(stream)
			data = append(append(data, st.data...), '\n')
		}
	default:
		st, _ := c.resolve(cs).(stream)
		data = st.data
	}
	sp, hasSP := page["/StructParents"].(float64)
	var parents []any
	if hasSP {
		parents, _ = c.resolve(c.parentTreeEntry(root, int(sp))).([]any)
	}
	type mc struct {
		mcid     int
		artifact bool
	}
	var stack []mc
	inside := func() (int, bool) { // innermost MCID, or artifact
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].artifact {
				return -1, true
			}
			if stack[k].mcid >= 0 {
				return stack[k].mcid, true
			}
		}
		return -1, false
	}
	seen := map[int]bool{}
	ops := operators(data)
	for _, op := range ops {
		switch op.name {
		case "BDC", "BMC":
			m := mc{mcid: -1}
			if len(op.args) > 0 && op.args[0] == "/Artifact" {
				m.artifact = true
				r.Artifacts++
			}
			if op.name == "BDC" && len(op.args) > 1 {
				if props, ok := op.args[1].(map[string]any); ok {
					if v, ok := props["/MCID"].(float64); ok {
						m.mcid = int(v)
						if seen[m.mcid] {
							r.problem("page %d: MCID %d marks two sequences", i+1, m.mcid)
						}
						seen[m.mcid] = true
						r.Marked++
						elem, ok := c.reached[[2]int{i, m.mcid}]
						if !ok {
							r.problem("page %d: MCID %d is reached from no element", i+1, m.mcid)
						} else if m.mcid >= len(parents) || parents[m.mcid] != elem {
							r.problem("page %d: the parent tree does not map MCID %d to %s", i+1, m.mcid, elem)
						}
					}
				}
			}
			stack = append(stack, m)
		case "EMC":
			if len(stack) == 0 {
				r.problem("page %d: EMC without BDC", i+1)
				continue
			}
			stack = stack[:len(stack)-1]
		case "TJ", "Tj", "'", "\"", "Do", "f", "f*", "S", "B", "b", "sh":
			if op.name == "TJ" || op.name == "Tj" || op.name == "'" || op.name == "\"" {
				r.Shown++
			}
			if _, ok := inside(); !ok {
				r.problem("page %d: %s painted outside marked content and artifacts", i+1, op.name)
			}
		}
	}
	if len(stack) != 0 {
		r.problem("page %d: %d marked content sequences left open", i+1, len(stack))
	}
	for k := range c.reached {
		if k[0] == i && !seen[k[1]] {
			r.problem("page %d: the tree reaches MCID %d, which the content does not have", i+1, k[1])
		}
	}
	if len(seen) > 0 && !hasSP {
		r.problem("page %d: marked content but no /StructParents", i+1)
	}
	if annots, _ := page["/Annots"].([]any); len(annots) > 0 && page["/Tabs"] != "/S" {
		r.problem("page %d: annotations without /Tabs /S", i+1)
	}
}

// op is a content stream operator with its operands: numbers (float64), names and other
// tokens (string, names with their slash), arrays ([]any), dictionaries (map[string]any).
type op struct {
	name string
	args []any
}

// operators reads a content stream's operators.
func operators(b []byte) []op {
	l := &lexer{b: b}
	var out []op
	var args []any
	for {
		v, isOp, ok := l.token()
		if !ok {
			return out
		}
		if isOp {
			out = append(out, op{v.(string), args})
			args = nil
			continue
		}
		args = append(args, v)
	}
}

type lexer struct {
	b []byte
	p int
}

func (l *lexer) skip() {
	for l.p < len(l.b) {
		switch c := l.b[l.p]; {
		case c == '%':
			for l.p < len(l.b) && l.b[l.p] != '\n' {
				l.p++
			}
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			l.p++
		default:
			return
		}
	}
}

func delimiter(c byte) bool { return strings.IndexByte("()<>[]{}/% \n\r\t\f", c) >= 0 || c == 0 }

// token reads a value, or an operator (isOp), or reports the end (ok false).
func (l *lexer) token() (v any, isOp, ok bool) {
	l.skip()
	if l.p >= len(l.b) {
		return nil, false, false
	}
	switch c := l.b[l.p]; {
	case c == '[':
		l.p++
		var a []any
		for {
			l.skip()
			if l.p >= len(l.b) {
				return a, false, true
			}
			if l.b[l.p] == ']' {
				l.p++
				return a, false, true
			}
			v, _, ok := l.token()
			if !ok {
				return a, false, true
			}
			a = append(a, v)
		}
	case c == '<' && l.p+1 < len(l.b) && l.b[l.p+1] == '<':
		l.p += 2
		d := map[string]any{}
		for {
			l.skip()
			if l.p+1 >= len(l.b) || (l.b[l.p] == '>' && l.b[l.p+1] == '>') {
				l.p += 2
				return d, false, true
			}
			k, _, ok1 := l.token()
			v, _, ok2 := l.token()
			if !ok1 || !ok2 {
				return d, false, true
			}
			d[fmt.Sprint(k)] = v
		}
	case c == '<':
		end := bytes.IndexByte(l.b[l.p:], '>')
		if end < 0 {
			end = len(l.b) - l.p - 1
		}
		s := string(l.b[l.p : l.p+end+1])
		l.p += end + 1
		return s, false, true
	case c == '(':
		depth := 0
		start := l.p
		for ; l.p < len(l.b); l.p++ {
			switch l.b[l.p] {
			case '\\':
				l.p++
			case '(':
				depth++
			case ')':
				depth--
			}
			if depth == 0 {
				l.p++
				break
			}
		}
		return string(l.b[start:min(l.p, len(l.b))]), false, true
	case c == '/':
		start := l.p
		l.p++
		for l.p < len(l.b) && !delimiter(l.b[l.p]) {
			l.p++
		}
		return string(l.b[start:l.p]), false, true
	default:
		start := l.p
		for l.p < len(l.b) && !delimiter(l.b[l.p]) {
			l.p++
		}
		if l.p == start {
			l.p++ // a stray delimiter
		}
		tok := string(l.b[start:l.p])
		if n, err := strconv.ParseFloat(tok, 64); err == nil {
			return n, false, true
		}
		return tok, true, true
	}
}

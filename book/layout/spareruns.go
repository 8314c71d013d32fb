package layout

import "sync"

// A page's runs are the largest part of what shipping it out allocates (7.6 MB of a 10×
// rebuild's 52 MB). A rebuild's writer that has painted a page and lets its runs go
// (Document.ReleaseRuns) gives the array to the Reuse, for the pages the next Typeset ships
// out. The arrays are kept by size class, as many as the last document had pages. A cold
// build's streamed pass (no Reuse) keeps them the same way for its own later pages, at most
// streamSpares of them: its pages are painted and let go a few behind the layout, and the
// runs of 5,000 pages were 95 MB of a 100× build's allocations (plans a little less).
type spareRuns struct {
	mu      sync.Mutex
	byClass [][][]Run // by cap/runsClass
	n       int       // arrays kept
	// plans are the arrays of the last document's pages' plans (pagePlan.lines), once
	// shipped out, for the next Typeset's pages: 4 % of a rebuild's allocations. They are
	// all made planCap long, the most a page asked for (a page in columns asks for more),
	// so that any serves any page.
	plans   [][]placed
	planCap int
	// most bounds the arrays of runs kept, if not 0 (a streamed pass's): else the last
	// document's pages.
	most int
}

// streamSpares bounds the arrays a streamed pass keeps of each kind: the pages between
// the layout and the painter are a few (the pipeline's queue holds 8).
const streamSpares = 32

// spares is where the typesetter takes its pages' arrays from and gives them back to: the
// Reuse's in a rebuild, the streamed pass's own in a cold build's, else none (nil).
func (t *typesetter) spares() *spareRuns { return sparesOf(t.s.Reuse, t.spare) }

// sparesOf is a Reuse's spares if there is one, else own (nil: none).
func sparesOf(r *Reuse, own *spareRuns) *spareRuns {
	if r != nil {
		return &r.runs
	}
	return own
}

// planSpares is where a page's plan array comes from and a tried one goes back to: the
// spares, else the pass's own (nil in a chapter's typesetter: none).
func (t *typesetter) planSpares() *spareRuns {
	if sp := t.spares(); sp != nil {
		return sp
	}
	return t.passPlans
}

// plansKept bounds the plans' arrays kept: a page's is a kilobyte or two.
const plansKept = 1 << 14

// planLines is an empty slice of placed lines with room for n: an array the last Typeset
// shipped out if r keeps one large enough.
func (sp *spareRuns) planLines(n int) []placed {
	if sp == nil {
		return make([]placed, 0, n)
	}
	sp.mu.Lock()
	defer sp.mu.Unlock()
	// The last first; a streamed pass's few are of two sizes (columns ask for more).
	for i := len(sp.plans) - 1; i >= 0; i-- {
		if pl := sp.plans[i]; cap(pl) >= n {
			last := len(sp.plans) - 1
			sp.plans[i], sp.plans[last] = sp.plans[last], nil
			sp.plans = sp.plans[:last]
			return pl
		}
	}
	if sp.most > 0 {
		// A streamed pass's back matter is paginated whole before it is drawn: its pages'
		// plans are alive together, and made as long as the longest they were larger.
		return make([]placed, 0, n)
	}
	sp.planCap = max(sp.planCap, n)
	return make([]placed, 0, sp.planCap)
}

// keepPlanLines keeps a shipped-out page's plan's array for the next Typeset (r may be nil).
func (sp *spareRuns) keepPlanLines(pl []placed) {
	if sp == nil || cap(pl) == 0 {
		return
	}
	clear(pl) // the lines placed go with this build
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if len(sp.plans) < plansKept && (sp.most == 0 || len(sp.plans) < sp.most) {
		sp.plans = append(sp.plans, pl[:0])
		return
	}
	if sp.most > 0 {
		// Full: a longer array (a page in columns) takes the place of the shortest.
		k := 0
		for i, kept := range sp.plans {
			if cap(kept) < cap(sp.plans[k]) {
				k = i
			}
		}
		if cap(sp.plans[k]) < cap(pl) {
			sp.plans[k] = pl[:0]
		}
	}
}

// runsClass is the step of the arrays' sizes: a page asks for what its lines hold, and an
// array a little larger serves it.
const runsClass = 128

// newRuns is an empty slice of runs with room for n: an array the last build let go if r
// keeps one large enough.
func (sp *spareRuns) newRuns(n int) []Run {
	c := (n + runsClass - 1) / runsClass
	if sp == nil {
		return make([]Run, 0, n)
	}
	sp.mu.Lock()
	defer sp.mu.Unlock()
	for k := c; k < len(sp.byClass); k++ {
		if l := len(sp.byClass[k]); l > 0 {
			rs := sp.byClass[k][l-1]
			sp.byClass[k][l-1] = nil
			sp.byClass[k] = sp.byClass[k][:l-1]
			sp.n--
			return rs
		}
	}
	if sp.most > 0 {
		return make([]Run, 0, n) // as without spares: the back matter's pages wait together
	}
	return make([]Run, 0, c*runsClass)
}

// ReleaseRuns lets page p's runs go. In a rebuild (Settings.Reuse) their array is kept for
// the next Typeset's pages, in a streamed pass for its later pages. Nothing may read p's
// runs afterwards: the caller holds the only use of them left (a PDF writer that has painted
// the page, for a build that reads no more of the pages' content).
func (d *Document) ReleaseRuns(p *Page) {
	rs := p.Runs
	p.Runs = nil
	if p.keepRuns {
		return // the next build may draw the page with them (keptdraw.go)
	}
	sp := sparesOf(d.Settings.Reuse, d.spare)
	if sp == nil || cap(rs) < runsClass {
		return
	}
	clear(rs) // nothing of this build stays alive through the array
	sp.mu.Lock()
	defer sp.mu.Unlock()
	limit := sp.most
	if limit == 0 {
		limit = len(d.Pages)
	}
	if sp.n >= limit {
		return
	}
	c := cap(rs) / runsClass
	for len(sp.byClass) <= c {
		sp.byClass = append(sp.byClass, nil)
	}
	sp.byClass[c] = append(sp.byClass[c], rs[:0])
	sp.n++
}

package layout

import "bindery/book/linebreak"

// Length is a distance in TeX scaled points (1/65536 pt), the line breaker's unit, which
// every measure of the layout shares.
type Length = linebreak.Length

// Units of Length.
const (
	SP = linebreak.SP // one scaled point
	Pt = linebreak.Pt // one PostScript point, 1/72 inch
	Pc = linebreak.Pc // one pica, 12 pt
)

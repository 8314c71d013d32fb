package linebreak

import (
	"math"
	"strconv"
)

// Length is a distance in TeX scaled points (sp): 1/65536 of a printer's
// point. It is an integer so that layout is exact and reproducible on every
// platform; floating point appears only when glue is set (see
// Line.GlueWidth), and the result is rounded back to scaled points as TeX
// does.
type Length int64

// Units of Length. Only units that are a whole number of scaled points are
// constants; convert inches, millimetres and big points with care (TeX
// rounds them to the nearest sp).
const (
	SP Length = 1       // one scaled point, the unit of Length
	Pt Length = 65536   // one point; bindery uses the PostScript point of PDF, 1/72 inch (TeX's bp)
	Pc Length = 12 * Pt // one pica, 12pt
)

// Points returns l in points.
func (l Length) Points() float64 { return float64(l) / float64(Pt) }

// String formats l in points the way TeX prints dimensions (print_scaled,
// §103): the shortest decimal that reads back as the same number of
// scaled points, followed by "pt", e.g. "3.33333pt" or "-12.0pt".
func (l Length) String() string {
	if l == math.MinInt64 {
		return "-huge"
	}
	buf := make([]byte, 0, 24)
	s := int64(l)
	if s < 0 {
		buf = append(buf, '-')
		s = -s
	}
	buf = strconv.AppendInt(buf, s/int64(Pt), 10)
	buf = append(buf, '.')
	unity := int64(Pt)
	s = 10*(s%unity) + 5
	delta := int64(10)
	for {
		if delta > unity {
			s += 0100000 - 50000 // round the last digit
		}
		buf = append(buf, byte('0'+s/unity))
		s = 10 * (s % unity)
		delta *= 10
		if s <= delta {
			break
		}
	}
	return string(append(buf, "pt"...))
}

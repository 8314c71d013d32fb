package lang

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// months are the month names as a date in running text writes them.
var months = sync.OnceValue(func() map[string][12]string {
	return map[string][12]string{
		"en":    {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		"es":    {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		"de":    {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		"de-at": {"Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		"fr":    {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		"pt":    {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		"it":    {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
	}
})

// dayMonthYear writes a full date; monthYear a month.
var dayMonthYear = sync.OnceValue(func() map[string]func(d int, m, y string) string {
	return map[string]func(d int, m, y string) string{
		"en": func(d int, m, y string) string { return strconv.Itoa(d) + " " + m + " " + y },
		"es": func(d int, m, y string) string { return strconv.Itoa(d) + " de " + m + " de " + y },
		"pt": func(d int, m, y string) string { return strconv.Itoa(d) + " de " + m + " de " + y },
		"de": func(d int, m, y string) string { return strconv.Itoa(d) + ". " + m + " " + y },
		"fr": func(d int, m, y string) string { return ordinalFirst(d, "1er") + " " + m + " " + y },
		"it": func(d int, m, y string) string { return ordinalFirst(d, "1º") + " " + m + " " + y },
	}
})

var monthYear = sync.OnceValue(func() map[string]func(m, y string) string {
	return map[string]func(m, y string) string{
		"en": func(m, y string) string { return m + " " + y },
		"es": func(m, y string) string { return m + " de " + y },
		"pt": func(m, y string) string { return m + " de " + y },
	}
})

// ordinalFirst writes the first of the month as French and Italian do.
func ordinalFirst(d int, first string) string {
	if d == 1 {
		return first
	}
	return strconv.Itoa(d)
}

// Date writes an ISO date (2006-01-02, 2006-01, or a year) as the language
// writes it in running text: "9 April 1952", "9 de abril de 1952",
// "9. April 1952", "9 avril 1952". Anything else is returned as it is.
func (l Labels) Date(iso string) string {
	names := lookup(months(), l.tag)
	if len(iso) == len("2006-01-02") {
		if t, err := time.Parse("2006-01-02", iso); err == nil {
			y := strconv.Itoa(t.Year())
			return lookup(dayMonthYear(), l.tag)(t.Day(), names[t.Month()-1], y)
		}
	}
	if len(iso) == len("2006-01") {
		if t, err := time.Parse("2006-01", iso); err == nil {
			f, ok := monthYear()[Base(l.tag)]
			if !ok {
				f = monthYear()["en"]
			}
			return f(names[t.Month()-1], strconv.Itoa(t.Year()))
		}
	}
	return iso
}

// DateRange writes a date or a range of dates, approximate or not: "9 April 1952",
// "2000–2003", "c. 1995"; a range within one month or year says the month and year once
// ("6–18 September 2003", "9 April–31 December 1952", "6.–18. September 2003",
// "9 de abril–31 de diciembre de 1952").
func (l Labels) DateRange(start, end string, approx bool) string {
	s := l.Date(start)
	if end != "" {
		to := l.Date(end)
		if len(start) >= 7 && len(end) >= 7 && start[:4] == end[:4] {
			year := " " + start[:4]
			switch {
			case len(start) == 10 && len(end) == 10 && start[:7] == end[:7]:
				s, _, _ = strings.Cut(s, " ") // the day alone: "6", "6.", "1er"
			case strings.HasSuffix(s, year):
				s = strings.TrimSuffix(strings.TrimSuffix(s, year), " de") // "9 de abril"
			}
		}
		s += "–" + to
	}
	if approx {
		s = l.Get(Circa) + "\u00a0" + s
	}
	return s
}

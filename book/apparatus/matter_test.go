package apparatus

import (
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	good := map[string]string{"1952": "1952", "1952-04": "1952-04", "1952-04-09": "1952-04-09", "c. 1995": "1995", "2000/2003": "2000"}
	for in, sort := range good {
		d, err := ParseDate(in)
		if err != nil || d.Sort != sort {
			t.Errorf("%q: %+v %v", in, d, err)
		}
	}
	for _, bad := range []string{"", "1952-13", "1952-02-30", "April 1952", "2003/2000", "19522"} {
		if _, err := ParseDate(bad); err == nil || !strings.Contains(err.Error(), bad) && bad != "" {
			t.Errorf("%q: want an error naming it, got %v", bad, err)
		}
	}
}

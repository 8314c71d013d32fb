package pdf

import "fmt"

// EAN-13, the barcode of an ISBN on a book's back (ISO/IEC 15420): 95 modules of start guard,
// six digits, centre guard, six digits, end guard. The first digit is not drawn as bars but
// chosen by the parity pattern of the next six.

var (
	eanL = [10]string{"0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011"}
	// eanParity says, for the first digit, which of the left six digits use the G code.
	eanParity = [10]string{"LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"}
)

// ean13Modules returns the 95 modules of the barcode of 13 digits (true for a bar) and which
// of them are guards, drawn longer. The check digit must be right.
func ean13Modules(digits string) (bars, guard []bool, err error) {
	if len(digits) != 13 {
		return nil, nil, fmt.Errorf("EAN-13 %q: 13 digits needed", digits)
	}
	sum := 0
	for i := 0; i < 13; i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return nil, nil, fmt.Errorf("EAN-13 %q: digits only", digits)
		}
		if i < 12 {
			sum += int(c-'0') * (1 + 2*(i%2))
		}
	}
	if int(digits[12]-'0') != (10-sum%10)%10 {
		return nil, nil, fmt.Errorf("EAN-13 %s: the check digit is wrong", digits)
	}
	add := func(pattern string, isGuard bool) {
		for _, c := range pattern {
			bars = append(bars, c == '1')
			guard = append(guard, isGuard)
		}
	}
	add("101", true)
	parity := eanParity[digits[0]-'0']
	for i := 1; i <= 6; i++ {
		code := eanL[digits[i]-'0']
		if parity[i-1] == 'G' {
			code = reverseInverse(code)
		}
		add(code, false)
	}
	add("01010", true)
	for i := 7; i <= 12; i++ {
		add(inverse(eanL[digits[i]-'0']), false)
	}
	add("101", true)
	return bars, guard, nil
}

// inverse is the R code of an L code; reverseInverse the G code.
func inverse(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = '0' + '1' - c
	}
	return string(b)
}

func reverseInverse(s string) string {
	b := []byte(inverse(s))
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

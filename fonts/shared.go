package fonts

import _ "embed"

// The faces again, as strings: the linker stores one copy of each file's contents for these
// and for the embed.FS, and a string can be read in place (see Shared).
var (
	//go:embed CharisSIL-Regular.ttf
	charisRegular string
	//go:embed CharisSIL-Italic.ttf
	charisItalic string
	//go:embed CharisSIL-Bold.ttf
	charisBold string
	//go:embed CharisSIL-BoldItalic.ttf
	charisBoldItalic string
	//go:embed GentiumBookPlus-Regular.ttf
	gentiumRegular string
	//go:embed GentiumBookPlus-Italic.ttf
	gentiumItalic string
	//go:embed GentiumBookPlus-Bold.ttf
	gentiumBold string
	//go:embed GentiumBookPlus-BoldItalic.ttf
	gentiumBoldItalic string
	//go:embed DejaVuSansMono-Regular.ttf
	dejaVuRegular string
	//go:embed DejaVuSansMono-Italic.ttf
	dejaVuItalic string
	//go:embed DejaVuSansMono-Bold.ttf
	dejaVuBold string
	//go:embed DejaVuSansMono-BoldItalic.ttf
	dejaVuBoldItalic string
	//go:embed LiberationMono-Regular.ttf
	liberationRegular string
	//go:embed LiberationMono-Italic.ttf
	liberationItalic string
	//go:embed LiberationMono-Bold.ttf
	liberationBold string
	//go:embed LiberationMono-BoldItalic.ttf
	liberationBoldItalic string
)

// shared holds the files Shared returns in place; any other file is read from the embed.FS.
var shared = map[string]string{
	"CharisSIL-Regular.ttf":          charisRegular,
	"CharisSIL-Italic.ttf":           charisItalic,
	"CharisSIL-Bold.ttf":             charisBold,
	"CharisSIL-BoldItalic.ttf":       charisBoldItalic,
	"GentiumBookPlus-Regular.ttf":    gentiumRegular,
	"GentiumBookPlus-Italic.ttf":     gentiumItalic,
	"GentiumBookPlus-Bold.ttf":       gentiumBold,
	"GentiumBookPlus-BoldItalic.ttf": gentiumBoldItalic,
	"DejaVuSansMono-Regular.ttf":     dejaVuRegular,
	"DejaVuSansMono-Italic.ttf":      dejaVuItalic,
	"DejaVuSansMono-Bold.ttf":        dejaVuBold,
	"DejaVuSansMono-BoldItalic.ttf":  dejaVuBoldItalic,
	"LiberationMono-Regular.ttf":     liberationRegular,
	"LiberationMono-Italic.ttf":      liberationItalic,
	"LiberationMono-Bold.ttf":        liberationBold,
	"LiberationMono-BoldItalic.ttf":  liberationBoldItalic,
}

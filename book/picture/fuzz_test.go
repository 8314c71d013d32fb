package picture

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// FuzzPNG: whatever the bytes, our row-at-a-time decoder never panics, and where image/png
// reads a (small) picture too, the two agree on its pixels.
//
//	go test ./book/picture -run '^$' -fuzz '^FuzzPNG$' -fuzztime 5m
func FuzzPNG(f *testing.F) {
	for _, img := range []image.Image{
		image.NewNRGBA(image.Rect(0, 0, 3, 2)), image.NewGray16(image.Rect(0, 0, 5, 1)),
		image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.Black, color.Transparent}),
	} {
		var b bytes.Buffer
		png.Encode(&b, img)
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width*cfg.Height > 1<<16 {
			decodeFull(data) // must not panic
			return
		}
		got, gerr := decodeFull(data)
		want, werr := png.Decode(bytes.NewReader(data))
		if werr == nil && gerr == nil {
			comparePixels(t, "fuzz", want, pixels(t, got))
		}
	})
}

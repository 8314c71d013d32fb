package pdf

import (
	"bytes"
	"fmt"
	"image/color"
	"image/jpeg"
	"image/png"
)

// writeImage embeds a PNG or JPEG as an image XObject. A JPEG is copied as it is
// (/DCTDecode); a PNG is decoded and stored deflated, its transparency as a soft mask.
func writeImage(f *file, num int, src string, data []byte) error {
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(data)); err == nil {
		cs := "/DeviceRGB"
		switch cfg.ColorModel {
		case color.GrayModel:
			cs = "/DeviceGray"
		case color.CMYKModel:
			// Adobe's CMYK JPEGs store inverted values.
			cs = "/DeviceCMYK /Decode [1 0 1 0 1 0 1 0]"
		}
		f.stream(num, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode", cfg.Width, cfg.Height, cs), data)
		return nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("pdf: image %s: %w", src, err)
	}
	bounds := img.Bounds()
	w, h := bounds.Dx(), bounds.Dy()
	gray := false
	switch img.ColorModel() {
	case color.GrayModel, color.Gray16Model:
		gray = true
	}
	channels := 3
	if gray {
		channels = 1
	}
	pix := make([]byte, 0, w*h*channels)
	alpha := make([]byte, 0, w*h)
	opaque := true
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if gray {
				pix = append(pix, c.R)
			} else {
				pix = append(pix, c.R, c.G, c.B)
			}
			alpha = append(alpha, c.A)
			opaque = opaque && c.A == 0xff
		}
	}
	cs := "/DeviceRGB"
	if gray {
		cs = "/DeviceGray"
	}
	dict := fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /FlateDecode", w, h, cs)
	if !opaque {
		mask := f.alloc()
		f.stream(mask, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", w, h), deflate(alpha))
		dict += fmt.Sprintf(" /SMask %d 0 R", mask)
	}
	f.stream(num, dict, deflate(pix))
	return nil
}

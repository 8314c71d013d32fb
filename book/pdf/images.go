package pdf

import "fmt"

// Image is a picture ready to embed, prepared once by book/picture: 8-bit samples at no
// more pixels than the page needs. The writer decodes nothing.
type Image struct {
	Width, Height int
	Gray          bool // one channel; else RGB (or CMYK)
	CMYK          bool // a JPEG in Adobe's inverted CMYK
	// JPEG is embedded as it is (DCTDecode); when nil, Samples are the zlib-compressed
	// samples, row after row (FlateDecode).
	JPEG    []byte
	Samples []byte
	// Alpha is the zlib-compressed 8-bit opacity, written as a soft mask; nil when opaque.
	Alpha []byte
}

// writeImage embeds a picture as an image XObject, its transparency as a soft mask.
func writeImage(f *file, num int, src string, img *Image) error {
	if img == nil || img.Width <= 0 || img.Height <= 0 || (img.JPEG == nil && img.Samples == nil) {
		return fmt.Errorf("pdf: image %s: nothing to embed", src)
	}
	cs := "/DeviceRGB"
	switch {
	case img.CMYK:
		// Adobe's CMYK JPEGs store inverted values.
		cs = "/DeviceCMYK /Decode [1 0 1 0 1 0 1 0]"
	case img.Gray:
		cs = "/DeviceGray"
	}
	dict := fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8", img.Width, img.Height, cs)
	if img.Alpha != nil {
		mask := f.alloc()
		f.stream(mask, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", img.Width, img.Height), img.Alpha)
		dict += fmt.Sprintf(" /SMask %d 0 R", mask)
	}
	if img.JPEG != nil {
		f.stream(num, dict+" /Filter /DCTDecode", img.JPEG)
	} else {
		f.stream(num, dict+" /Filter /FlateDecode", img.Samples)
	}
	return nil
}

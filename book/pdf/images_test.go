package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"testing"

	"bindery/book/layout"
)

// jpegOf is a real JPEG of w×h pixels (qpdf decodes DCT streams when it checks a file).
func jpegOf(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 37)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// cmykJPEG is a JPEG in CMYK, as Adobe's software writes them.
func cmykJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewCMYK(image.Rect(0, 0, 2, 2))
	img.Set(1, 1, color.CMYK{C: 200, K: 10})
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pictured is a one-page document showing each source once.
func pictured(srcs ...string) *layout.Document {
	d := newDocument(1, 0)
	for i, src := range srcs {
		d.Pages[0].Pictures = append(d.Pages[0].Pictures, layout.Picture{Src: src, X: pt(20), Y: pt(20 + 50*float64(i)), W: pt(40), H: pt(40)})
	}
	return d
}

func TestImageXObjectsAndSoftMasks(t *testing.T) {
	rgb := []byte{255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9, 1, 2, 3, 4, 5, 6}
	alpha := []byte{0, 64, 128, 192, 255, 255}
	gray := []byte{0, 50, 100, 150}
	images := map[string]*Image{
		"rgb.png":  {Width: 3, Height: 2, Samples: deflate(rgb), Alpha: deflate(alpha)},
		"gray.png": {Width: 2, Height: 2, Gray: true, Samples: deflate(gray)},
		"cmyk.jpg": {Width: 2, Height: 2, CMYK: true, JPEG: cmykJPEG(t)},
		"rgb.jpg":  {Width: 4, Height: 3, JPEG: jpegOf(t, 4, 3)},
	}
	info := Info{Image: func(src string) (*Image, error) { return images[src], nil }}
	q := readBack(t, write(t, pictured("rgb.png", "gray.png", "cmyk.jpg", "rgb.jpg"), info, charis(t)))
	xobjects := q.dict(t, q.dict(t, q.catalog(t)["/Pages"])["/Resources"])["/XObject"].(map[string]any)
	sample := func(name string) ([]byte, map[string]any) {
		data, dict := q.stream(t, xobjects[name])
		if dict["/Type"] != "/XObject" || dict["/Subtype"] != "/Image" || dict["/BitsPerComponent"] != 8.0 {
			t.Errorf("%s: %v", name, dict)
		}
		return data, dict
	}

	data, dict := sample("/Im0")
	if !bytes.Equal(data, rgb) || dict["/ColorSpace"] != "/DeviceRGB" {
		t.Errorf("RGB samples %v in %v", data, dict["/ColorSpace"])
	}
	mask, mdict := q.stream(t, dict["/SMask"])
	if !bytes.Equal(mask, alpha) || mdict["/ColorSpace"] != "/DeviceGray" || mdict["/Width"] != 3.0 || mdict["/Height"] != 2.0 {
		t.Errorf("soft mask %v, %v", mask, mdict)
	}
	data, dict = sample("/Im1")
	if !bytes.Equal(data, gray) || dict["/ColorSpace"] != "/DeviceGray" || dict["/SMask"] != nil {
		t.Errorf("gray samples %v in %v, mask %v", data, dict["/ColorSpace"], dict["/SMask"])
	}
	// JPEGs are embedded as they are; Adobe's CMYK is inverted.
	for name, src := range map[string]string{"/Im2": "cmyk.jpg", "/Im3": "rgb.jpg"} {
		o := q.Objects["obj:"+xobjects[name].(string)]
		if o.Stream == nil || !bytes.Equal(o.Stream.Data, images[src].JPEG) || o.Stream.Dict["/Filter"] != "/DCTDecode" {
			t.Errorf("%s: the JPEG is not embedded as it is", name)
		}
	}
	if _, dict = sample("/Im2"); dict["/ColorSpace"] != "/DeviceCMYK" || len(numbers(t, dict["/Decode"])) != 8 {
		t.Errorf("CMYK: %v", dict)
	}
}

func TestImageFailuresAreErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		info Info
		want string
	}{
		{"no reader", Info{}, "no reader for image pic.png"},
		{"reader fails", Info{Image: func(string) (*Image, error) { return nil, errTest }}, "pdf: test failure"},
		{"nothing", Info{Image: func(string) (*Image, error) { return &Image{Width: 2, Height: 2}, nil }}, "pic.png: nothing to embed"},
		{"no size", Info{Image: func(string) (*Image, error) { return &Image{Samples: []byte{1}}, nil }}, "nothing to embed"},
		{"nil", Info{Image: func(string) (*Image, error) { return nil, nil }}, "nothing to embed"},
	} {
		var b bytes.Buffer
		err := Write(&b, pictured("pic.png"), c.info, charis(t))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error saying %q", c.name, err, c.want)
		}
	}
}

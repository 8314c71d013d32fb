package build

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // decoders for image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"net/http"
	"os"
	"strings"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
)

const (
	// maxImageBytes bounds what a manuscript can make us read into memory.
	maxImageBytes = 32 << 20
	// maxImagePixels bounds the size an image claims (a small file can claim a huge picture).
	maxImagePixels = 100_000_000
)

// checkImages checks every image the book uses, and its cover, before anything is written:
// a file inside the book's folder, of a type e-readers show, whole, and of a sane size.
func checkImages(b *doc.Book) diag.List {
	var list diag.List
	seen := map[string]bool{}
	for _, ch := range b.AllChapters() {
		doc.WalkInlines(ch, func(in doc.Inline) {
			img, ok := in.(*doc.Image)
			if !ok || seen[img.Src] {
				return
			}
			seen[img.Src] = true
			if strings.Contains(img.Src, "://") || strings.HasPrefix(strings.ToLower(img.Src), "data:") {
				list.Errorf(img.Pos, "image %s: images must be files in the book's folder (bindery never uses the network)", img.Src)
				return
			}
			if _, _, err := readImage(b.Meta, img.Src); err != nil {
				list.Errorf(img.Pos, "%v", err)
			}
		})
	}
	if c := b.Meta.Cover; c.Path != "" {
		if _, mt, err := readImageFile(c.Path, c.Name); err != nil {
			list.Errorf(c.Pos, "cover: %v", err)
		} else if mt != "image/png" && mt != "image/jpeg" {
			list.Errorf(c.Pos, "cover %s must be a PNG or JPEG image (it is %s)", c.Name, mt)
		}
	}
	return list
}

// readImage reads an image named in the manuscript, refusing paths outside the book's folder.
func readImage(meta *config.Book, src string) ([]byte, string, error) {
	path, err := config.Resolve(meta.Dir, src)
	if err != nil {
		return nil, "", fmt.Errorf("image %s: %w", src, err)
	}
	return readImageFile(path, src)
}

// readImageFile reads and checks an image file: its type from its bytes, a raster image's
// header decoded, an SVG well-formed and without script.
func readImageFile(path, name string) ([]byte, string, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, "", fmt.Errorf("image %s: no such file in the book's folder", name)
		}
		return nil, "", fmt.Errorf("image %s: %w", name, err)
	}
	if info.Size() > maxImageBytes {
		return nil, "", fmt.Errorf("image %s: %d MB is too large (the limit is %d MB)", name, info.Size()>>20, maxImageBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("image %s: %w", name, err)
	}
	mt := http.DetectContentType(data)
	head := data[:min(len(data), 512)]
	if bytes.Contains(head, []byte("<svg")) {
		mt = "image/svg+xml"
	}
	switch mt {
	case "image/png", "image/jpeg", "image/gif":
		kind := strings.TrimPrefix(mt, "image/")
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, "", fmt.Errorf("image %s: not a readable %s: %v", name, kind, err)
		}
		if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxImagePixels {
			return nil, "", fmt.Errorf("image %s: %d×%d pixels is too large (the limit is %d megapixels)", name, cfg.Width, cfg.Height, maxImagePixels/1_000_000)
		}
		// Decode it whole: a cut-off file has a good header and a broken body.
		if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
			return nil, "", fmt.Errorf("image %s: the %s is damaged: %v", name, kind, err)
		}
	case "image/svg+xml":
		if err := checkSVG(data); err != nil {
			return nil, "", fmt.Errorf("image %s: %v", name, err)
		}
	default:
		return nil, "", fmt.Errorf("image %s: %s is not an image type e-readers show (PNG, JPEG, GIF, SVG)", name, mt)
	}
	return data, mt, nil
}

// checkSVG refuses SVG that is not well-formed or that could run script in a reader.
func checkSVG(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("not well-formed SVG: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if strings.EqualFold(se.Name.Local, "script") || strings.EqualFold(se.Name.Local, "foreignObject") {
				return errors.New("SVG with script or foreign content is not allowed in a book")
			}
			for _, a := range se.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || strings.Contains(strings.ToLower(a.Value), "javascript:") {
					return errors.New("SVG with script is not allowed in a book")
				}
			}
		}
	}
}

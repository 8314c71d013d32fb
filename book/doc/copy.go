package doc

import "reflect"

// Copy returns a deep copy of v, a part of the document model (blocks, chapters, footnotes,
// the apparatus): every pointer, slice and map it reaches is copied, and a pointer reached
// twice is copied once, so the copy shares nothing with v and keeps its own references (a
// FootnoteRef points at the copy of its Footnote). Strings are shared: they never change.
// A rebuild keeps what it read from the files the author did not touch, and copies it for
// the stages that change the model in place (book/link).
func Copy[T any](v T) T {
	c := copier{seen: map[uintptr]reflect.Value{}}
	in := reflect.ValueOf(&v).Elem()
	out := reflect.New(in.Type()).Elem()
	c.copy(out, in)
	return out.Interface().(T)
}

type copier struct {
	seen map[uintptr]reflect.Value // a pointer copied already → its copy
}

func (c *copier) copy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		if p, ok := c.seen[src.Pointer()]; ok && p.Type() == src.Type() {
			dst.Set(p)
			return
		}
		p := reflect.New(src.Type().Elem())
		c.seen[src.Pointer()] = p
		c.copy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		e := reflect.New(src.Elem().Type()).Elem()
		c.copy(e, src.Elem())
		dst.Set(e)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		if src.Type().Elem().Kind() == reflect.Uint8 {
			dst.SetBytes(append([]byte(nil), src.Bytes()...))
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			c.copy(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		it := src.MapRange()
		for it.Next() {
			k := reflect.New(src.Type().Key()).Elem()
			c.copy(k, it.Key())
			v := reflect.New(src.Type().Elem()).Elem()
			c.copy(v, it.Value())
			m.SetMapIndex(k, v)
		}
		dst.Set(m)
	case reflect.Struct:
		t := src.Type()
		for i := range src.NumField() {
			if !t.Field(i).IsExported() {
				// The model's own types export every field; a type from elsewhere with
				// hidden state is shared as it is.
				dst.Set(src)
				return
			}
		}
		for i := range src.NumField() {
			c.copy(dst.Field(i), src.Field(i))
		}
	case reflect.Array:
		for i := range src.Len() {
			c.copy(dst.Index(i), src.Index(i))
		}
	default:
		dst.Set(src)
	}
}

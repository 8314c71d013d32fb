package doc

import (
	"reflect"
	"sync"
)

// Copy returns a deep copy of v, a part of the document model (blocks, chapters, footnotes,
// the apparatus): every pointer, slice and map it reaches is copied, and a pointer reached
// twice is copied once, so the copy shares nothing with v and keeps its own references (a
// FootnoteRef points at the copy of its Footnote). Strings are shared: they never change.
// A rebuild keeps what it read from the files the author did not touch, and copies it for
// the stages that change the model in place (book/link).
func Copy[T any](v T) T {
	seen, _ := seenMaps.Get().(map[uintptr]reflect.Value)
	if seen == nil {
		seen = map[uintptr]reflect.Value{}
	}
	c := copier{seen: seen}
	in := reflect.ValueOf(&v).Elem()
	out := reflect.New(in.Type()).Elem()
	c.copy(out, in)
	clear(seen) // the copies are the caller's alone
	seenMaps.Put(seen)
	return out.Interface().(T)
}

// seenMaps keeps copiers' maps, emptied, for the next Copy: a rebuild copies every file's
// model, and the maps grown from nothing each time were 3 % of what a 10× rebuild allocated.
var seenMaps sync.Pool

type copier struct {
	seen map[uintptr]reflect.Value // a pointer copied already → its copy
}

// deepFields lists, per struct type, the fields that hold something to copy (a pointer, a
// slice, a map, an interface): the others (numbers, strings, positions) are copied with the
// struct in one move, which is most of a node's fields and was most of a rebuild's copying.
// A struct with an unexported field is shared as it is (a type from elsewhere with hidden
// state; the model's own types export every field): it has no deep fields.
var deepFields sync.Map // reflect.Type → []int

// deep reports whether a value of type t holds anything Copy must copy rather than move.
func deep(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return true
	case reflect.Array:
		return deep(t.Elem())
	case reflect.Struct:
		return len(fieldsToCopy(t)) > 0
	}
	return false
}

func fieldsToCopy(t reflect.Type) []int {
	if f, ok := deepFields.Load(t); ok {
		return f.([]int)
	}
	// A recursive type reaches itself only through a pointer, slice, map or interface,
	// which deep answers without looking inside: no cycle here.
	var fields []int
	for i := range t.NumField() {
		if !t.Field(i).IsExported() {
			fields = nil
			break
		}
		if deep(t.Field(i).Type) {
			fields = append(fields, i)
		}
	}
	deepFields.Store(t, fields)
	return fields
}

func (c *copier) copy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if !src.IsNil() {
			dst.Set(c.pointer(src))
		}
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		if e := src.Elem(); e.Kind() == reflect.Pointer {
			if !e.IsNil() {
				dst.Set(c.pointer(e))
				return
			}
		}
		e := reflect.New(src.Elem().Type()).Elem()
		c.copy(e, src.Elem())
		dst.Set(e)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		if !deep(src.Type().Elem()) {
			reflect.Copy(s, src)
		} else {
			for i := range src.Len() {
				c.copy(s.Index(i), src.Index(i))
			}
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
		dst.Set(src)
		for _, i := range fieldsToCopy(src.Type()) {
			c.copy(dst.Field(i), src.Field(i))
		}
	case reflect.Array:
		dst.Set(src)
		if deep(src.Type().Elem()) {
			for i := range src.Len() {
				c.copy(dst.Index(i), src.Index(i))
			}
		}
	default:
		dst.Set(src)
	}
}

// pointer is the copy of the pointer p (not nil): made once however often p is reached.
func (c *copier) pointer(p reflect.Value) reflect.Value {
	if q, ok := c.seen[p.Pointer()]; ok && q.Type() == p.Type() {
		return q
	}
	q := reflect.New(p.Type().Elem())
	c.seen[p.Pointer()] = q
	c.copy(q.Elem(), p.Elem())
	return q
}

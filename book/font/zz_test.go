package font
import ("testing";"encoding/binary")
func TestZZ(t *testing.T) {
	good := charisBytes(t, "Regular")
	h := append([]byte(nil), good...)
	binary.BigEndian.PutUint32(h[cmap12Group(t, h)+4:], 0x7FFFFFFF)
	_, err := Parse("hugecmap.ttf", h); t.Log(err)
	h = append([]byte(nil), good...)
	binary.BigEndian.PutUint32(h[12+16*1+12:], 0xFFFFFF00)
	_, err = Parse("hugetable.ttf", h); t.Log(err)
}

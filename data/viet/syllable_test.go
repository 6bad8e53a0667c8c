package viet

import (
	"strings"
	"testing"
)

func TestValidSyllable(t *testing.T) {
	for _, w := range strings.Fields("thạch đen tràng định nghiệp quốc khánh gì gìn giữa giường quyết khuya khuỷu nguyệt ngoằn ngoèo ước ở ủy oái xoong người rượu yêu yếm ánh Ông ĐỊNH Hrê Brâu Mnông Xtiêng Krông Đắk Lắk") {
		if !ValidSyllable(w) {
			t.Errorf("%q should be a Vietnamese syllable", w)
		}
	}
	for _, w := range strings.Fields("café société shan honey ka ce ngi ghu quu tax ảá cat ă") {
		if ValidSyllable(w) {
			t.Errorf("%q should not be a Vietnamese syllable", w)
		}
	}
}

// TestValidSyllablePrefix lists what the built-in typing keeps as the keys
// make it (a syllable, or one on the way) and what it gives back as typed.
func TestValidSyllablePrefix(t *testing.T) {
	for _, c := range []struct {
		words string
		want  bool
	}{
		{"n ng ngh q qu gi tr đ Đ thâ thât tiê tiêng nguyê nghiê ươ Ươ khuỷ người hoà hòa", true},
		{"nguoi nguo uo tuo dươ duo", true},                            // vowel marks and đ may still come
		{"Kr Krô Hr Xti Mno Đắ Đắk", true},                             // names written in Vietnamese letters
		{"ôcp ÔCP ÍO Ỏg ĐT QĐ HĐN àc hoàc Ẽp OCOP HACCP VietG", false}, // no syllable starts so
		{"café gmail fb ww", false},
	} {
		for _, w := range strings.Fields(c.words) {
			if got := ValidSyllablePrefix(w); got != c.want {
				t.Errorf("ValidSyllablePrefix(%q) = %v, want %v", w, got, c.want)
			}
		}
	}
}

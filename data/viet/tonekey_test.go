package viet

import "testing"

func TestToneKey(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"Phú Thuỷ", "Phú Thủy", true},
		{"Khánh Hòa", "khánh hoà", true},
		{"Hoà  Bình", "Hòa Bình", true},
		{"THUẬN HẠNH", "Thuận Hạnh", true},
		{"Văn Lang", "Văn Lăng", false},
		{"Sơn Hà", "Sơn Hạ", false},
		{"Tân Thành", "Tân Thạnh", false},
		{"Thuan Hanh", "Thuận Hạnh", false}, // without marks: that is what Fold is for
		{"Ea Kar", "ea kar", true},
	} {
		if got := ToneKey(c.a) == ToneKey(c.b); got != c.same {
			t.Errorf("ToneKey(%q) = %q, ToneKey(%q) = %q: same %v, want %v", c.a, ToneKey(c.a), c.b, ToneKey(c.b), got, c.same)
		}
	}
}

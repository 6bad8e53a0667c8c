package data

import (
	"bytes"
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Thạch đen Tràng Định", "thach den trang dinh"},
		{"ĐẶC SẢN  Mẫu Sơn", "dac san mau son"},
		{"  Hồi\tLạng Sơn ", "hoi lang son"},
		// Combining marks as typed by some input tools (NFD).
		{"Nguye\u0302\u0303n", "nguyen"},
		{"Quýt vàng Bắc Sơn", "quyt vang bac son"},
		{"2412/QĐ-UBND", "2412/qd-ubnd"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchesAll(t *testing.T) {
	text := Fold("Thạch đen Tràng Định HTX Thạch đen Đoàn Kết Thất Khê")
	tests := []struct {
		query string
		want  bool
	}{
		{"thach den trang dinh", true},
		{"THẠCH ĐEN", true},
		{"dinh thach", true},
		{"", true},
		{"na chi lang", false},
		{"thach hoi", false},
	}
	for _, tt := range tests {
		if got := MatchesAll(text, Fold(tt.query)); got != tt.want {
			t.Errorf("MatchesAll(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestClean(t *testing.T) {
	if got := Clean("  Nguye\u0302\u0303n   Văn\tA "); got != "Nguyễn Văn A" {
		t.Errorf("Clean = %q", got)
	}
}

func TestCompareVIOrder(t *testing.T) {
	// Vietnamese alphabet order, not code point order: ă and â after a,
	// đ after d, ơ after ô, Ư after u; case does not matter.
	want := []string{"an", "ăn", "ân", "bê", "dê", "đá", "em", "êm", "ong", "ông", "ơn", "út", "ưa", "Yên"}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortFunc(got, compareVI)
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %v\nwant     %v", got, want)
	}
	if compareVI("Đoàn Kết", "Bắc Sơn") <= 0 {
		t.Error("Đoàn Kết should sort after Bắc Sơn")
	}
	if compareVI("Đoàn Kết", "Dương") <= 0 {
		t.Error("Đ should sort after every D word")
	}
}

// compareVI orders by SortKeyVI, the key every list sorts by.
func compareVI(a, b string) int { return bytes.Compare(SortKeyVI(a), SortKeyVI(b)) }

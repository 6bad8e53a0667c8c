package xlsx

import "testing"

func TestWrappedLines(t *testing.T) {
	tests := []struct {
		text    string
		perLine int
		want    int
	}{
		{"Hộ sản xuất / hộ kinh doanh", 14, 2},
		{"Hợp tác xã", 14, 1},
		{"", 10, 1},
		{"HTX Nông nghiệp Thạch đen Đoàn Kết", 30, 2},
	}
	for _, tt := range tests {
		if got := wrappedLines(tt.text, tt.perLine); got != tt.want {
			t.Errorf("wrappedLines(%q, %d) = %d, want %d", tt.text, tt.perLine, got, tt.want)
		}
	}
}

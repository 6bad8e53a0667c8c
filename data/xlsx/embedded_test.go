package xlsx

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplitRunes(t *testing.T) {
	for _, s := range []string{"", "a", "Thạch đen Tràng Định", strings.Repeat("ượ", 1000) + "x"} {
		for _, n := range []int{1, 2, 3, 7, 1000, 5000} {
			parts := splitRunes(s, n)
			if strings.Join(parts, "") != s {
				t.Fatalf("%q by %d: pieces do not join back", s, n)
			}
			for i, p := range parts {
				c := utf8.RuneCountInString(p)
				if c > n || c == 0 || !utf8.ValidString(p) || (i < len(parts)-1 && c != n) {
					t.Fatalf("%q by %d: piece %d has %d characters", s, n, i, c)
				}
			}
		}
	}
}

package viet

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
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

// compareVI orders by SortKey, the key every list sorts by.
func compareVI(a, b string) int { return bytes.Compare(SortKey(a), SortKey(b)) }

// foldPool is what random strings for the Fold tests are made of: ASCII,
// precomposed Vietnamese letters, combining marks, white space, other
// letters and symbols, and bytes that are not UTF-8.
func foldPool() []string {
	var pool []string
	for c := rune(0); c < utf8.RuneSelf; c++ {
		pool = append(pool, string(c))
	}
	for _, r := range vietnameseLetters() {
		pool = append(pool, string(r), string(r), string(r)) // more often
	}
	for r := rune(0x300); r <= 0x323; r++ {
		pool = append(pool, string(r))
	}
	pool = append(pool, " ", " ", " ", "\t", "\n", "\r\n", "\v", "\f", "\u0085", "\u00a0", "\u1680", "\u2003", "\u3000",
		"★", "☆", "中", "国", "茶", "🍯", "😀", "ß", "ẞ", "Æ", "æ", "İ", "ı", "\u212a", "ﬁ", "é", "Ç", "ñ", "Ø", "ǅ", "ǈ",
		"\u0344", "\u0f73", "\u0340", "한", "가", "\u1100\u1161", "Ω", "\u2126", "σ", "Σ", "ς", "\ufffd", "\u200b", "\u034f",
		"–", "—", "“", "”", "…", "°", "\xff", "\xc3", "\xe1\xba", "\xed\xa0\x80", "\xc0\xaf", "\xe0\x80\xaf", "\xf0\x9f", "\x80")
	return pool
}

func randomFrom(rng *rand.Rand, pool []string, maxLen int) string {
	var b strings.Builder
	for n := rng.IntN(maxLen + 1); n > 0; n-- {
		b.WriteString(pool[rng.IntN(len(pool))])
	}
	return b.String()
}

func TestFoldMatchesSlow(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Errorf("Fold(%q) = %q, foldSlow = %q", s, got, want)
		}
	}
	for r := rune(0); r < 0x3100; r++ {
		for _, f := range []string{"%c", "A%cb", " %c ", "x %c\u0301", "%c\u0323y", "Đ%c\t"} {
			check(fmt.Sprintf(f, r))
		}
	}
	for _, s := range []string{"", " ", "a", " a", "a ", "a  b", "a \tb", "thach den", "thach  den", "Thach", "thạch", "\u00a0a\u00a0",
		"a\u0300", "\xff", "a\xffb", "Nguye\u0302\u0303n", "Ê\u0301", "ạ\u0302", "o\u031b\u0323", "đ\u0323"} {
		check(s)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pool := foldPool()
	for range 50000 {
		check(randomFrom(rng, pool, 30))
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Thạch đen Tràng Định", "ĐẶC SẢN  Mẫu Sơn", "  Hồi\tLạng Sơn ", "Nguye\u0302\u0303n",
		"2412/QĐ-UBND", "3★ Trà 中国 🍯", "a\u00a0b\u2003c", "\xffx\xc3", "İ\u212a ß", "thach den trang dinh"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Errorf("Fold(%q) = %q, foldSlow = %q", s, got, want)
		}
	})
}

func TestFoldTable(t *testing.T) {
	letters := vietnameseLetters()
	if len(letters) != 134 {
		t.Errorf("%d Vietnamese letters, want 134", len(letters))
	}
	seen := map[rune]bool{}
	for _, r := range letters {
		if seen[r] || r < utf8.RuneSelf {
			t.Errorf("letter %q repeated or ASCII", r)
		}
		seen[r] = true
		if c := foldTable[r]; c < 'a' || c > 'y' {
			t.Errorf("foldTable[%q] = %q", r, c)
		}
	}
}

func TestFoldAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { Fold("thach den trang dinh 12/qd-ubnd") }); n != 0 {
		t.Errorf("folding folded text: %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { Fold("Thạch đen Tràng Định") }); n > 1 {
		t.Errorf("folding Vietnamese: %v allocations, want 1", n)
	}
}

// keyTableRunes returns the runes SortKey has a key piece for.
func keyTableRunes() []rune {
	var rs []rune
	for r := range keyIndex {
		if keyIndex[r] != 0 {
			rs = append(rs, rune(r))
		}
	}
	return rs
}

// TestSortKeyFastIsCollatorKey checks that keys assembled from pieces
// are the collator's keys for every rune and pair of runes in the table:
// a contraction or context-dependent weight would show here.
func TestSortKeyFastIsCollatorKey(t *testing.T) {
	rs := keyTableRunes()
	if len(rs) < 128+134 {
		t.Fatalf("only %d runes in the key table", len(rs))
	}
	for _, r := range append(vietnameseLetters(), keyRunes()...) {
		if keyIndex[r] == 0 {
			t.Errorf("%q not in the key table", r)
		}
	}
	check := func(s string) {
		t.Helper()
		k, ok := sortKeyFast(s)
		if !ok {
			t.Fatalf("sortKeyFast(%q) not handled", s)
		}
		if want := sortKeyCollate(s); !bytes.Equal(k, want) {
			t.Fatalf("sortKeyFast(%q) = % x\ncollator key     % x", s, k, want)
		}
	}
	check("")
	pair := make([]rune, 2)
	for _, a := range rs {
		check(string(a))
		pair[0] = a
		for _, b := range rs {
			pair[1] = b
			check(string(pair))
		}
	}
}

// viNames makes random strings like the names, communes and decision
// numbers in the product list, some with runes the key table lacks.
func viNames(rng *rand.Rand, n int) []string {
	words := []string{"Thạch", "đen", "Tràng", "Định", "HTX", "Nông", "sản", "Đặc", "số", "Mật", "ong", "Hồi", "Lạng", "Sơn",
		"Quýt", "vàng", "Bắc", "Na", "Chi", "Lăng", "Miến", "dong", "Bình", "Liêu", "Trà", "Shan", "tuyết", "Cao", "Lộc",
		"Rượu", "men", "lá", "Mẫu", "Khau", "Phạ", "Ớt", "Ư", "ưu", "ỷ", "Ỵ", "Ổi", "Ơn", "âm", "Ăn", "ăn", "an", "ân", "ĐẶC SẢN",
		"Công ty TNHH", "Cơ sở", "Hộ kinh doanh", "Nguyễn", "Nguyên", "Văn", "Phạm", "Thị", "Hoà", "Hòa", "hoà", "Đoàn", "Kết",
		"Thất", "Khê", "Dương", "đá", "dê", "Yên", "yến", "OCOP", "(OCOP)", "3★", "★★★", "4 sao", "2412/QĐ-UBND", "Số 2",
		"Số 10", "1.5kg", "500g", "0,5 l", "Café", "Crème", "中国", "茶", "🍯", "A-B", "x/y", "“Ngon”", "–", "…", "°C",
		"Nguye\u0302\u0303n", "Ha\u0300", "ß", "Ñ", "\u00a0", "a\tb", "«B»"}
	seps := []string{" ", " ", " ", "  ", "-", "/", ", ", ".", " (", ") ", "\t", ""}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for w := rng.IntN(6); w >= 0; w-- {
			switch rng.IntN(8) {
			case 0:
				b.WriteString(strconv.Itoa(rng.IntN(3000)))
			default:
				b.WriteString(words[rng.IntN(len(words))])
			}
			b.WriteString(seps[rng.IntN(len(seps))])
		}
		s := b.String()
		switch rng.IntN(6) {
		case 0:
			s = strings.ToUpper(s)
		case 1:
			s = strings.ToLower(s)
		}
		out[i] = s
	}
	return out
}

// TestSortKeyMatchesCollator checks that SortKey gives the collator's
// keys for realistic and random text, so its order is the collator's order
// whichever path each key took.
func TestSortKeyMatchesCollator(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	in := viNames(rng, 20000)
	pool := foldPool()
	for range 5000 {
		in = append(in, randomFrom(rng, pool, 12))
	}
	fast := 0
	keys := make([][]byte, len(in))
	want := make([][]byte, len(in))
	for i, s := range in {
		if _, ok := sortKeyFast(s); ok {
			fast++
		}
		keys[i], want[i] = SortKey(s), sortKeyCollate(s)
		if !bytes.Equal(keys[i], want[i]) {
			t.Fatalf("SortKey(%q) = % x\ncollator key   % x", s, keys[i], want[i])
		}
	}
	if fast < len(in)/2 || fast == len(in) {
		t.Errorf("%d of %d keys on the fast path: both paths should be exercised", fast, len(in))
	}
	// The order of every pair in a sample, which the equal keys imply.
	for i := 0; i < 600; i++ {
		for j := 0; j < 600; j++ {
			a, b := rng.IntN(len(in)), rng.IntN(len(in))
			if got, want := bytes.Compare(keys[a], keys[b]), bytes.Compare(want[a], want[b]); got != want {
				t.Fatalf("%q vs %q: %d, collator %d", in[a], in[b], got, want)
			}
		}
	}
}

func FuzzSortKey(f *testing.F) {
	for _, s := range []string{"", "Thạch đen Tràng Định", "HTX Nông sản Đặc sản số 12", "2412/QĐ-UBND", "Số 10 (3★)", "a\u0306b", "…–“”"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := SortKey(s), sortKeyCollate(s); !bytes.Equal(got, want) {
			t.Errorf("SortKey(%q) = % x\ncollator key   % x", s, got, want)
		}
	})
}

// TestSortKeyOrder pins down the Vietnamese order the lists rely on.
func TestSortKeyOrder(t *testing.T) {
	less := [][2]string{
		// Alphabet: ă â after a, đ after d, ê after e, ô ơ after o, ư after u.
		{"a", "ă"}, {"ă", "â"}, {"â", "b"}, {"d", "đ"}, {"đ", "e"}, {"e", "ê"}, {"ê", "g"}, {"o", "ô"}, {"ô", "ơ"}, {"ơ", "p"},
		{"u", "ư"}, {"ư", "v"}, {"x", "y"}, {"Dương", "Đoàn"}, {"Đoàn", "em"},
		// Tones are secondary: none, huyền, hỏi, ngã, sắc, nặng ...
		{"a", "à"}, {"à", "ả"}, {"ả", "ã"}, {"ã", "á"}, {"á", "ạ"}, {"ơ", "ờ"}, {"ờ", "ở"}, {"ở", "ỡ"}, {"ỡ", "ớ"}, {"ớ", "ợ"},
		// ... weaker than any letter: "ạ" < "ă", "é" < "ê", "áb" < "ac".
		{"ạ", "ă"}, {"é", "ê"}, {"ặ", "â"}, {"áb", "ac"}, {"Thác", "Thach"}, {"Thach", "Thạch"},
		// The first difference in tone decides among equal letters.
		{"ab", "ạb"}, {"Nguyên", "Nguyễn"}, {"Trang Dinh", "Tràng Định"},
		// So where the tone is written matters: "Hoà" (new style, tone on
		// a) sorts before "Hòa" (old style, tone on o); they are not equal.
		{"Hoà", "Hòa"}, {"Thuỷ", "Thủy"},
		// Digits before letters, compared digit by digit, not as numbers.
		{"0", "9"}, {"9", "a"}, {"Số 10", "Số 2"}, {"HTX Nông sản Đặc sản số 12", "HTX Nông sản Đặc sản số 2"},
		// Space and punctuation are not ignored; they sort before digits
		// and letters, tab before space.
		{"", " "}, {" ", "a"}, {"a", "a "}, {"a b", "a-b"}, {"a-b", "ab"}, {"a\tb", "a b"}, {"-", "("}, {"/", "1"},
		// Symbols and other scripts sort by the collator too.
		{"★", "1"}, {"3★", "3a"}, {"Trà", "茶"},
	}
	for _, p := range less {
		if c := compareVI(p[0], p[1]); c >= 0 {
			t.Errorf("compareVI(%q, %q) = %d, want < 0", p[0], p[1], c)
		}
	}
	same := [][2]string{
		// Case is ignored: the sort is stable, so rows that differ only
		// in case keep their order.
		{"a", "A"}, {"ă", "Ă"}, {"đ", "Đ"}, {"thạch", "THẠCH"}, {"Ư", "ư"},
		// NFD input and no-break space collate as NFC text and a space.
		{"Nguye\u0302\u0303n", "Nguyễn"}, {"a\u00a0b", "a b"},
	}
	for _, p := range same {
		if c := compareVI(p[0], p[1]); c != 0 {
			t.Errorf("compareVI(%q, %q) = %d, want 0", p[0], p[1], c)
		}
	}
}

func TestFirstLetterCase(t *testing.T) {
	for _, c := range []struct{ in, up, low string }{
		{"", "", ""}, {"đã gộp", "Đã gộp", "đã gộp"}, {"Quý I năm 2026", "Quý I năm 2026", "quý I năm 2026"},
		{"ổ đĩa", "Ổ đĩa", "ổ đĩa"}, {"\xffx", "\xffx", "\xffx"},
	} {
		if got := UpperFirst(c.in); got != c.up {
			t.Errorf("UpperFirst(%q) = %q", c.in, got)
		}
		if got := LowerFirst(c.in); got != c.low {
			t.Errorf("LowerFirst(%q) = %q", c.in, got)
		}
	}
}

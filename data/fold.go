package data

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s in the form used for searching: lower case, without tone
// or vowel marks, đ as d, runs of white space as one space. "Thạch đen
// Tràng Định" and "thach den trang dinh" fold to the same text.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Clean returns s as it should be stored: NFC form (as typed by input
// tools that send combining marks), trimmed, inner white space collapsed.
func Clean(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// MatchesAll reports whether every word of the folded query occurs in the
// folded text. An empty query matches everything.
func MatchesAll(foldedText, foldedQuery string) bool {
	for _, w := range strings.Fields(foldedQuery) {
		if !strings.Contains(foldedText, w) {
			return false
		}
	}
	return true
}

// The collator is not safe for concurrent use; one per call would build
// its tables each time, so share one behind a mutex.
var (
	collMu   sync.Mutex
	collator = collate.New(language.Vietnamese, collate.IgnoreCase)
)

// SortKeyVI returns a byte key whose byte order is Vietnamese order, for
// sorting large lists without taking the lock once per comparison.
func SortKeyVI(s string) []byte {
	collMu.Lock()
	defer collMu.Unlock()
	var buf collate.Buffer
	k := collator.KeyFromString(&buf, s)
	return append([]byte(nil), k...)
}

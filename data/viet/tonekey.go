package viet

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// ToneKey returns s in a form that keeps every letter's marks but not where
// a tone mark was placed: lower case, and each word written as its letters
// without the tone (ă â ê ô ơ ư đ kept) followed by the tone's number. The
// two tone styles, "Phú Thuỷ" and "Phú Thủy", "Hoà" and "Hòa", give the same
// key, while "Văn Lang" and "Văn Lăng", or "Sơn Hà" and "Sơn Hạ", do not. A
// word that is not Vietnamese is kept in lower case as it is.
func ToneKey(s string) string {
	words := strings.Fields(norm.NFC.String(strings.ToLower(s)))
	for i, w := range words {
		plain, tone, _, ok := vnPlain(w)
		if !ok {
			continue
		}
		if tone != vnToneNone {
			plain += string(rune('0' + tone))
		}
		words[i] = plain
	}
	return strings.Join(words, " ")
}

package viet

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Tones in the order of the vnToned rows.
const (
	vnToneNone = iota
	vnToneGrave
	vnToneHook
	vnToneTilde
	vnToneAcute
	vnToneDot
)

// vnToned lists each lower-case Vietnamese vowel with its five tones, in the
// vnTone* order.
var vnToned = map[rune][6]rune{
	'a': {'a', 'à', 'ả', 'ã', 'á', 'ạ'},
	'ă': {'ă', 'ằ', 'ẳ', 'ẵ', 'ắ', 'ặ'},
	'â': {'â', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ'},
	'e': {'e', 'è', 'ẻ', 'ẽ', 'é', 'ẹ'},
	'ê': {'ê', 'ề', 'ể', 'ễ', 'ế', 'ệ'},
	'i': {'i', 'ì', 'ỉ', 'ĩ', 'í', 'ị'},
	'o': {'o', 'ò', 'ỏ', 'õ', 'ó', 'ọ'},
	'ô': {'ô', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ'},
	'ơ': {'ơ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ'},
	'u': {'u', 'ù', 'ủ', 'ũ', 'ú', 'ụ'},
	'ư': {'ư', 'ừ', 'ử', 'ữ', 'ứ', 'ự'},
	'y': {'y', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ'},
}

// vnVowelOf maps every lower-case toned or plain Vietnamese vowel back to its
// toneless vowel and tone.
var vnVowelOf = func() map[rune]vnVowel {
	m := make(map[rune]vnVowel, 72)
	for base, row := range vnToned {
		for tone, r := range row {
			m[r] = vnVowel{base, tone}
		}
	}
	return m
}()

type vnVowel struct {
	base rune
	tone int
}

// Syllable structure for ValidSyllable.
var (
	vnInitials = []string{
		"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
		"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
		// Onsets of ethnic groups' and places' names written in Vietnamese
		// letters: Brâu, Hrê, Mnông, Xtiêng, Krông, Pleiku.
		"bl", "br", "dr", "hr", "kl", "kr", "mn", "pl", "xt",
	}
	// vnFinals holds k besides c for names such as Đắk Lắk.
	vnFinals = []string{"ch", "ng", "nh", "c", "k", "m", "n", "p", "t", "i", "y", "o", "u", ""}
	// vnNuclei gives each toneless vowel nucleus with the finals it takes
	// ("-" for none).
	vnNuclei = map[string]string{
		"a":   "c ch i m n ng nh o p t u y -",
		"ă":   "c m n ng p t",
		"â":   "c m n ng p t u y",
		"e":   "c m n ng o p t -",
		"ê":   "ch m n nh p t u -",
		"i":   "ch m n nh p t u -",
		"o":   "c i m n ng p t -",
		"ô":   "c i m n ng p t -",
		"ơ":   "i m n p t -",
		"u":   "c i m n ng p t -",
		"ư":   "c i m n ng t u -",
		"y":   "-",
		"ia":  "-",
		"iê":  "c m n ng p t u",
		"yê":  "m n ng t u",
		"ua":  "-",
		"uô":  "c i m n ng t",
		"ưa":  "-",
		"ươ":  "c i m n ng p t u",
		"oa":  "c ch i m n ng nh p t y -",
		"oă":  "c m n ng t",
		"oe":  "n o t -",
		"oo":  "c ng",
		"uâ":  "n ng t y",
		"uê":  "ch nh -",
		"uơ":  "-",
		"uy":  "ch nh p t u -",
		"uyê": "n t",
		"uya": "-",
	}
)

// ValidSyllable reports whether w (any case) is a plausible Vietnamese
// syllable: an optional initial consonant, a vowel nucleus with at most one
// tone mark and an optional final; stop finals (c ch p t) only with the
// acute or dot-below tone.
func ValidSyllable(w string) bool {
	t, tone, vowels, ok := vnPlain(w)
	if !ok || vowels == 0 {
		return false
	}
	for _, ini := range vnInitials {
		if !strings.HasPrefix(t, ini) {
			continue
		}
		rest := t[len(ini):]
		for _, fin := range vnFinals {
			if !strings.HasSuffix(rest, fin) || len(rest) == len(fin) {
				continue
			}
			if vnSyllableFits(ini, rest[:len(rest)-len(fin)], fin, tone) {
				return true
			}
		}
	}
	return false
}

// ValidSyllablePrefix reports whether w (any case) is a Vietnamese syllable
// or can become one as typing goes on: letters added at its end, vowel
// marks and đ added to its letters (Telex and VNI let them come later:
// "nguoiwf"), and a tone mark added if it has none. "ngh", "tiê", "thât"
// and "nguoi" can, "ôcp" and "àc" cannot. The built-in typing gives a
// word's keys back as typed when it cannot.
func ValidSyllablePrefix(w string) bool {
	t, tone, _, ok := vnPlain(w)
	if !ok {
		return false
	}
	if t == "" {
		return true
	}
	anyTone := tone == vnToneNone || tone == vnToneAcute || tone == vnToneDot
	for _, p := range vnPrefixes()[vnBare(t)] {
		if (anyTone || p.flags&prefixOpen != 0) && vnCanBecome(t, p.text) {
			return true
		}
	}
	return false
}

// vnPlain returns w in lower case without its tone mark (its vowels keep
// their shape: ă â ê ô ơ ư), with the tone and the number of vowels; ok is
// false if w holds a letter Vietnamese does not write, or two tones.
func vnPlain(w string) (plain string, tone, vowels int, ok bool) {
	w = norm.NFC.String(strings.ToLower(w))
	if len(w) > 40 {
		return "", 0, 0, false
	}
	var b strings.Builder
	tones := 0
	tone = vnToneNone
	for _, r := range w {
		if v, ok := vnVowelOf[r]; ok {
			vowels++
			if v.tone != vnToneNone {
				tones++
				tone = v.tone
			}
			b.WriteRune(v.base)
			continue
		}
		if r == 'đ' || ('a' <= r && r <= 'z' && !strings.ContainsRune("fjwz", r)) {
			b.WriteRune(r)
			continue
		}
		return "", 0, 0, false
	}
	return b.String(), tone, vowels, tones <= 1
}

// Flags of a syllable prefix: some syllable starts with it (prefixAny),
// and one of those ends in a vowel or a final that takes every tone
// (prefixOpen), so that any tone may already be on it.
const (
	prefixAny = 1 << iota
	prefixOpen
)

// A vnPrefix is the start of one or more toneless syllables.
type vnPrefix struct {
	text  string
	flags uint8
}

// vnPrefixes maps the bare form (vnBare) of every start of every toneless
// syllable ValidSyllable accepts, by whole runes, to those starts. About
// 2,000 syllables: built on first use, not at start-up.
var vnPrefixes = sync.OnceValue(func() map[string][]vnPrefix {
	flags := make(map[string]uint8)
	for _, ini := range vnInitials {
		for nucleus, finals := range vnNuclei {
			for _, fin := range strings.Fields(finals + " k") {
				if fin == "-" {
					fin = ""
				}
				if !vnSyllableFits(ini, nucleus, fin, vnToneAcute) {
					continue
				}
				f := uint8(prefixAny)
				switch fin {
				case "c", "ch", "k", "p", "t":
				default:
					f |= prefixOpen
				}
				s := ini + nucleus + fin
				for i := range s {
					if i > 0 {
						flags[s[:i]] |= f
					}
				}
				flags[s] |= f
			}
		}
	}
	m := make(map[string][]vnPrefix)
	for s, f := range flags {
		b := vnBare(s)
		m[b] = append(m[b], vnPrefix{s, f})
	}
	return m
})

// vnBare returns s without vowel marks and with đ as d: "đươ" → "duo".
func vnBare(s string) string {
	return strings.Map(vnBareLetter, s)
}

func vnBareLetter(r rune) rune {
	switch r {
	case 'ă', 'â':
		return 'a'
	case 'ê':
		return 'e'
	case 'ô', 'ơ':
		return 'o'
	case 'ư':
		return 'u'
	case 'đ':
		return 'd'
	}
	return r
}

// vnCanBecome reports whether toneless t can become p (of the same bare
// form) by adding vowel marks and đ: each letter is p's or its bare form.
func vnCanBecome(t, p string) bool {
	pr := []rune(p)
	i := 0
	for _, r := range t {
		if i >= len(pr) || r != pr[i] && r != vnBareLetter(pr[i]) {
			return false
		}
		i++
	}
	return i == len(pr)
}

func vnSyllableFits(ini, nucleus, fin string, tone int) bool {
	finals, ok := vnNuclei[nucleus]
	if !ok {
		return false
	}
	f := fin
	if f == "" {
		f = "-"
	}
	if f == "k" {
		f = "c"
	}
	if !containsField(finals, f) {
		return false
	}
	switch fin {
	case "c", "ch", "k", "p", "t":
		if tone != vnToneAcute && tone != vnToneDot {
			return false
		}
	}
	first, _ := utf8.DecodeRuneInString(nucleus)
	front := first == 'i' || first == 'e' || first == 'ê' || first == 'y'
	switch ini {
	case "k":
		return front
	case "gh", "ngh":
		return front && first != 'y'
	case "c", "ng":
		return !front
	case "g":
		return first != 'e' && first != 'ê' && first != 'y'
	case "qu":
		return first != 'u' && first != 'ư' && first != 'o'
	case "gi":
		return first != 'i' && first != 'y'
	}
	return true
}

func containsField(list, f string) bool {
	for _, x := range strings.Fields(list) {
		if x == f {
			return true
		}
	}
	return false
}

package viet

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Legacy names a pre-Unicode Vietnamese font encoding that text read from an
// old spreadsheet may really be in: the cell holds ordinary Unicode text, but
// every character stands for a byte of the legacy font (shown as its
// Latin-1 / Windows-1252 character).
type Legacy int

const (
	// LegacyNone is ordinary Unicode text: nothing to convert.
	LegacyNone Legacy = iota
	// LegacyTCVN3 is TCVN 5712:1993 VN3, the "ABC" encoding of the
	// .VnTime / .VnArial fonts: one byte per Vietnamese letter.
	LegacyTCVN3
	// LegacyVNI is VNI-Windows (VNI-Times ...): a base letter followed by
	// one marker byte for its diacritics.
	LegacyVNI
)

// String gives the name shown to the user.
func (l Legacy) String() string {
	switch l {
	case LegacyNone:
		return "Unicode"
	case LegacyTCVN3:
		return "TCVN3 (ABC)"
	case LegacyVNI:
		return "VNI"
	}
	return fmt.Sprintf("Legacy(%d)", int(l))
}

// Convert turns text in encoding l into Unicode (NFC). LegacyNone and unknown
// values return s unchanged.
func (l Legacy) Convert(s string) string {
	switch l {
	case LegacyTCVN3:
		return TCVN3ToUnicode(s)
	case LegacyVNI:
		return VNIToUnicode(s)
	}
	return s
}

// tcvn3Table is TCVN 5712:1993 VN3 ("ABC"): lower-case letters with all
// their tones, and the seven capitals Ă Â Ê Ô Ơ Ư Đ. VN3 has no capitals
// with tone marks: those are typed with the lower-case codes in the
// .VnTimeH font. The other bytes 0x80-0xFF (0x80-0xA0, 0xAF-0xB4, 0xBA,
// 0xBF-0xC5, 0xCD, 0xD9-0xDB, 0xE0, 0xF0, 0xFF) are not letters in VN3 and
// are left alone.
var tcvn3Table = [256]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',
	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',
	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',
	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',
	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',
	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',
	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

// legacyByte gives the font byte a character of a legacy cell stands for:
// itself up to U+00FF, or the Windows-1252 byte for '€', '‚', 'ƒ' ... 'Ÿ'.
func legacyByte(r rune) (byte, bool) {
	if r >= 0 && r <= 0xFF {
		return byte(r), true
	}
	return charmap.Windows1252.EncodeRune(r)
}

// TCVN3ToUnicode converts text typed in a TCVN3 (ABC, .VnTime) font into NFC
// Unicode. Characters that are not TCVN3 letter codes are kept.
//
// Tone-marked capitals do not exist in TCVN3, so such letters come out in
// lower case, except in words written in capitals. A word counts as
// written in capitals when it holds no lower-case letter (TCVN3 letter codes
// aside) and either has at least two capitals ("N½NG", "TR\u00adêNG"), or
// the cell has no lower-case letter at all and another word of it has two
// capitals and a letter code (".VnTimeH" headings: "§µ N½NG" → "ĐÀ NẴNG").
// "Hµ" alone stays "Hà", "HTX Lª" stays "HTX Lê".
func TCVN3ToUnicode(s string) string {
	if s == "" {
		return s
	}
	out := make([]rune, 0, len(s))
	// coded[i]: out[i] came from a lower-case TCVN3 letter code.
	coded := make([]bool, 0, len(s))
	changed := false
	for _, r := range s {
		if b, ok := legacyByte(r); ok && tcvn3Table[b] != 0 {
			u := tcvn3Table[b]
			out = append(out, u)
			coded = append(coded, unicode.IsLower(u))
			changed = true
			continue
		}
		out = append(out, r)
		coded = append(coded, false)
	}
	if !changed {
		return norm.NFC.String(string(out))
	}
	tcvn3Capitals(out, coded)
	return norm.NFC.String(string(out))
}

// tcvn3Capitals upper-cases, in place, the converted letters of words that are
// written in capitals (see TCVN3ToUnicode).
func tcvn3Capitals(out []rune, coded []bool) {
	type word struct {
		start, end   int
		upper, lower int
		codes        bool
	}
	var words []word
	cellLower := false
	for i := 0; i < len(out); {
		if !unicode.IsLetter(out[i]) {
			i++
			continue
		}
		w := word{start: i}
		for ; i < len(out) && unicode.IsLetter(out[i]); i++ {
			r := out[i]
			switch {
			case coded[i]:
				w.codes = true
			case unicode.IsUpper(r):
				w.upper++
			case unicode.IsLower(r):
				w.lower++
			}
		}
		w.end = i
		if w.lower > 0 {
			cellLower = true
		}
		words = append(words, w)
	}
	headline := false
	for _, w := range words {
		if w.lower == 0 && w.upper >= 2 && w.codes {
			headline = true
			break
		}
	}
	if !headline {
		return
	}
	for _, w := range words {
		if !w.codes || w.lower > 0 || (w.upper < 2 && cellLower) {
			continue
		}
		for i := w.start; i < w.end; i++ {
			if coded[i] {
				out[i] = unicode.ToUpper(out[i])
			}
		}
	}
}

// VNI-Windows marker bytes (lower-case form; the capital form is 0x20 less
// and follows capital letters).
var (
	// vniTones follow a, e, o, u, y, ơ, ư (and i, leniently).
	vniTones = map[byte]int{
		0xF8: vnToneGrave, // ø
		0xFB: vnToneHook,  // û
		0xF5: vnToneTilde, // õ
		0xF9: vnToneAcute, // ù
		0xEF: vnToneDot,   // ï
	}
	// vniCircumflex follow a, e, o: â ầ ẩ ẫ ấ ậ.
	vniCircumflex = map[byte]int{
		0xE2: vnToneNone,  // â
		0xE0: vnToneGrave, // à
		0xE5: vnToneHook,  // å
		0xE3: vnToneTilde, // ã
		0xE1: vnToneAcute, // á
		0xE4: vnToneDot,   // ä
	}
	// vniBreve follow a: ă ằ ẳ ẵ ắ ặ.
	vniBreve = map[byte]int{
		0xEA: vnToneNone,  // ê
		0xE8: vnToneGrave, // è
		0xFA: vnToneHook,  // ú
		0xFC: vnToneTilde, // ü
		0xE9: vnToneAcute, // é
		0xEB: vnToneDot,   // ë
	}
	// vniLetters are the letters VNI writes as one byte, lower and upper case.
	vniLetters = map[byte]rune{
		0xF1: 'đ', 0xD1: 'Đ', // ñ Ñ
		0xF4: 'ơ', 0xD4: 'Ơ', // ô Ô
		0xF6: 'ư', 0xD6: 'Ư', // ö Ö
		0xEC: 'ì', 0xCC: 'Ì', // ì Ì
		0xED: 'í', 0xCD: 'Í', // í Í
		0xE6: 'ỉ', 0xC6: 'Ỉ', // æ Æ
		0xF3: 'ĩ', 0xD3: 'Ĩ', // ó Ó
		0xF2: 'ị', 0xD2: 'Ị', // ò Ò
		0xEE: 'ỵ', 0xCE: 'Ỵ', // î Î
	}
)

// vniMarker folds a marker character to its lower-case byte.
func vniMarker(r rune) (byte, bool) {
	b, ok := legacyByte(r)
	if !ok || b < 0xC0 {
		return 0, false
	}
	if b <= 0xDE && b != 0xD7 {
		b += 0x20
	}
	return b, true
}

// vniBase reports whether r can carry VNI markers, with its lower-case
// toneless vowel.
func vniBase(r rune) (base rune, upper, ok bool) {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return r, false, true
	case 'A', 'E', 'I', 'O', 'U', 'Y':
		return unicode.ToLower(r), true, true
	case 0xF4: // ô: ơ
		return 'ơ', false, true
	case 0xD4:
		return 'ơ', true, true
	case 0xF6: // ö: ư
		return 'ư', false, true
	case 0xD6:
		return 'ư', true, true
	}
	return 0, false, false
}

// VNIToUnicode converts text typed in a VNI-Windows font (VNI-Times ...) into
// NFC Unicode. Markers are accepted in either case after a letter of either
// case; the letter decides the case of the result. Characters that are not
// VNI codes, and markers that do not follow a letter that can carry them, are
// kept.
func VNIToUnicode(s string) string {
	if s == "" {
		return s
	}
	rs := []rune(s) // invalid UTF-8 becomes U+FFFD
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	for i := 0; i < len(rs); {
		r := rs[i]
		if base, upper, ok := vniBase(r); ok {
			shape, tone, j := base, vnToneNone, i+1
			if j < len(rs) {
				if m, ok := vniMarker(rs[j]); ok {
					if t, ok := vniCircumflex[m]; ok && (base == 'a' || base == 'e' || base == 'o') {
						shape, tone, j = vnCircumflexOf(base), t, j+1
					} else if t, ok := vniBreve[m]; ok && base == 'a' {
						shape, tone, j = 'ă', t, j+1
					} else if t, ok := vniTones[m]; ok {
						tone, j = t, j+1
					}
					// A bare circumflex or breve may still be followed by a
					// tone marker ("aâù").
					if shape != base && tone == vnToneNone && j < len(rs) {
						if m, ok := vniMarker(rs[j]); ok {
							if t, ok := vniTones[m]; ok {
								tone, j = t, j+1
							}
						}
					}
				}
			}
			if j == i+1 && shape == base && base != 'ơ' && base != 'ư' {
				sb.WriteRune(r) // a plain letter
				i++
				continue
			}
			v := vnToned[shape][tone]
			if upper {
				v = unicode.ToUpper(v)
			}
			sb.WriteRune(v)
			i = j
			continue
		}
		if b, ok := legacyByte(r); ok {
			if v, ok := vniLetters[b]; ok {
				sb.WriteRune(v)
				i++
				continue
			}
		}
		sb.WriteRune(r)
		i++
	}
	return norm.NFC.String(sb.String())
}

func vnCircumflexOf(base rune) rune {
	switch base {
	case 'a':
		return 'â'
	case 'e':
		return 'ê'
	}
	return 'ô'
}

// DetectLegacy decides whether cell texts (a column, a sheet) are TCVN3, VNI
// or ordinary Unicode.
//
// The texts are cut into words (runs of ASCII letters, characters
// U+00A1-U+00FF and other Unicode letters). Only "marked" words count: those
// with at least one ASCII letter and at least one character beyond ASCII.
// For each reading (as is, TCVN3, VNI) the marked words are converted and
// the ones that become a valid Vietnamese syllable are counted. Besides,
// "native" words are marked words that are valid syllables as they stand and
// hold a Vietnamese letter beyond U+00FF (ạ, đ, ư, ...): letters no legacy
// cell can contain. A legacy encoding is chosen when its reading gains at
// least 2 valid words over the text as is, the gain is at least a quarter of
// the marked words, at least half of the marked words are valid in that
// reading, the gain exceeds the native words, and the other legacy reading
// does not score as well.
func DetectLegacy(samples []string) Legacy {
	var marked, native int
	var valid [3]int // by Legacy
	for _, s := range samples {
		forEachLegacyWord(s, func(w string) {
			marked++
			as := ValidSyllable(w)
			if as {
				valid[LegacyNone]++
				if vnHasNativeLetter(w) {
					native++
				}
			}
			if ValidSyllable(TCVN3ToUnicode(w)) {
				valid[LegacyTCVN3]++
			}
			if ValidSyllable(VNIToUnicode(w)) {
				valid[LegacyVNI]++
			}
		})
	}
	best := LegacyTCVN3
	if valid[LegacyVNI] > valid[LegacyTCVN3] {
		best = LegacyVNI
	} else if valid[LegacyVNI] == valid[LegacyTCVN3] {
		return LegacyNone // no reading stands out (or nothing to read)
	}
	gain := valid[best] - valid[LegacyNone]
	if gain >= 2 && 4*gain >= marked && 2*valid[best] >= marked && gain > native {
		return best
	}
	return LegacyNone
}

// forEachLegacyWord calls f with each marked word of s (see DetectLegacy).
func forEachLegacyWord(s string, f func(string)) {
	start := -1
	ascii, beyond := false, false
	flush := func(end int) {
		if start >= 0 && ascii && beyond {
			f(s[start:end])
		}
		start, ascii, beyond = -1, false, false
	}
	for i, r := range s {
		isASCII := r < 0x80 && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
		in := isASCII ||
			(r >= 0xA1 && r <= 0xFF) ||
			(r > 0xFF && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)))
		if !in {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
		if isASCII {
			ascii = true
		} else {
			beyond = true
		}
	}
	flush(len(s))
}

// vnHasNativeLetter reports whether w holds a Vietnamese letter beyond U+00FF.
func vnHasNativeLetter(w string) bool {
	for _, r := range w {
		if r <= 0xFF {
			continue
		}
		r = unicode.ToLower(r)
		if r == 'đ' {
			return true
		}
		if _, ok := vnVowelOf[r]; ok {
			return true
		}
	}
	return false
}

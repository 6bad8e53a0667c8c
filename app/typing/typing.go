// Package typing is OCOP Desk's built-in Vietnamese typing (bộ gõ): Telex
// and VNI, as Unikey types them, for PCs without an input tool and for
// Linux, where Fyne has no input-method support. It knows nothing of Fyne:
// the GUI hands it the word before the cursor and each key typed, and keeps
// a Word per text field. Whether a word can be Vietnamese is data/viet's
// syllable check, the same one that detects TCVN3 and VNI text.
package typing

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/ocopdesk/ocop/data/viet"
)

// Method is a typing method.
type Method int

// Typing methods.
const (
	Off Method = iota
	Telex
	VNI
)

// String names the method as the settings show it.
func (m Method) String() string {
	switch m {
	case Telex:
		return "Telex"
	case VNI:
		return "VNI"
	}
	return "Tắt"
}

// Style is where a tone goes on oa, oe, uy without a final consonant.
type Style int

// Tone placement styles.
const (
	NewStyle Style = iota // hoà, khoẻ, thuỷ (the 1980s reform, Unikey's default)
	OldStyle              // hòa, khỏe, thủy
)

// Tones, in Unicode's combining marks.
const (
	noTone = 0
	huyen  = '\u0300'
	sac    = '\u0301'
	nga    = '\u0303'
	hoi    = '\u0309'
	nang   = '\u0323'
)

// Word is the word being typed in one text field. It remembers the keys
// typed for the word, so that a word that cannot be Vietnamese ("OCOP",
// "VietGAP", an e-mail address) reads as it was typed rather than as
// "ÔCP". The zero Word is ready; keep one per text field.
type Word struct {
	typed string // the word as the keys make it, Vietnamese or not
	keys  string // the keys as typed, with only dd made đ
	shown string // what Type last returned
	// strayed is set once the word was shown as typed because it could
	// not be Vietnamese.
	strayed bool
}

// Type returns the word after key is typed at its end, under method m.
// word is the text from the start of the word (see WordStart) to the
// cursor. When it is not what Type last returned (the cursor moved, a
// letter was deleted, a new word began) the keys recorded so far are
// forgotten and word is taken as it stands. When the key is not a typing
// key for the word it is simply appended.
//
// The word is shown as the keys make it while it is, or can still become,
// a Vietnamese syllable (or the last key undid a mark: "ass" gives "as");
// otherwise it is shown as the keys were typed, with dd still made đ:
// "OCOP", "HACCP", "QĐ".
func (w *Word) Type(m Method, style Style, word string, key rune) string {
	if m == Off || !unicode.IsLetter(key) && (m != VNI || key < '0' || key > '9') {
		// A space, a digit, "/", "-", "@", "." end the word. One that was
		// not Vietnamese on the way and still is not ("Expres" went
		// "Exp", "Ếp", then "Êps") reads as typed.
		ended := word
		if word == w.shown && w.strayed && !viet.ValidSyllable(word) {
			ended = w.keys
		}
		*w = Word{}
		return ended + string(key)
	}
	if word != w.shown {
		*w = Word{typed: word, keys: word}
	}
	// An undo counts when the user saw the mark it takes off: "as" from
	// "ass", but "Express" as typed, not "Êps".
	sawTyped := w.shown == w.typed
	var undone bool
	w.typed, undone = typeKey(m, style, w.typed, key)
	if m == Telex && unicode.ToLower(key) == 'd' || m == VNI && key == '9' {
		w.keys = keysD(w.keys, key)
	} else {
		w.keys += string(key)
	}
	w.shown = w.keys
	if undone && sawTyped || viet.ValidSyllablePrefix(w.typed) {
		w.shown = w.typed
	} else {
		w.strayed = true
	}
	return w.shown
}

// keysD is the đ rule on a word shown as typed: d (or d9) right after d
// makes đ, right after đ gives dd back.
func keysD(keys string, key rune) string {
	r := []rune(keys)
	if n := len(r); n > 0 {
		switch r[n-1] {
		case 'd':
			return string(r[:n-1]) + "đ"
		case 'D':
			return string(r[:n-1]) + "Đ"
		case 'đ':
			return string(r[:n-1]) + "d" + string(key)
		case 'Đ':
			return string(r[:n-1]) + "D" + string(key)
		}
	}
	return keys + string(key)
}

// typeKey returns the word after key is typed at its end, and whether the
// key undid a mark it repeats ("ass" gives "as").
func typeKey(m Method, style Style, word string, key rune) (string, bool) {
	lower := unicode.ToLower(key)
	if m == Telex {
		switch lower {
		case 's':
			return tone(word, sac, key, style)
		case 'f':
			return tone(word, huyen, key, style)
		case 'r':
			return tone(word, hoi, key, style)
		case 'x':
			return tone(word, nga, key, style)
		case 'j':
			return tone(word, nang, key, style)
		case 'z':
			return tone(word, noTone, key, style)
		case 'a', 'e', 'o':
			return mark(word, key, circumflex, lower, style)
		case 'w':
			return markW(word, key, style)
		case 'd':
			return markD(word, key)
		}
		return word + string(key), false
	}
	switch key {
	case '1':
		return tone(word, sac, key, style)
	case '2':
		return tone(word, huyen, key, style)
	case '3':
		return tone(word, hoi, key, style)
	case '4':
		return tone(word, nga, key, style)
	case '5':
		return tone(word, nang, key, style)
	case '0':
		return tone(word, noTone, key, style)
	case '6':
		return mark(word, key, circumflex, 0, style)
	case '7':
		return mark(word, key, horn, 0, style)
	case '8':
		return mark(word, key, breve, 0, style)
	case '9':
		return markD(word, key)
	}
	return word + string(key), false
}

// letter is one letter of a word: its base (a, ă, â, …) and its tone.
type letter struct {
	base rune // lower case, with its shape mark but no tone
	up   bool
	tone rune
}

// split cuts word into letters, separating tones from the letters.
func split(word string) []letter {
	var out []letter
	for _, r := range []rune(norm.NFC.String(word)) {
		d := []rune(norm.NFD.String(string(r)))
		l := letter{base: unicode.ToLower(d[0]), up: unicode.IsUpper(d[0])}
		for _, m := range d[1:] {
			switch m {
			case huyen, sac, nga, hoi, nang:
				l.tone = m
			default:
				l.base = []rune(norm.NFC.String(string(l.base) + string(m)))[0]
			}
		}
		out = append(out, l)
	}
	return out
}

func join(ls []letter) string {
	var b strings.Builder
	for _, l := range ls {
		s := string(l.base)
		if l.tone != noTone {
			s = norm.NFC.String(s + string(l.tone))
		}
		if l.up {
			s = strings.ToUpper(s)
		}
		b.WriteString(s)
	}
	return b.String()
}

func isVowel(r rune) bool { return strings.ContainsRune("aăâeêioôơuưy", r) }

// vowels returns the indexes of the word's vowel cluster, leaving out the
// u of "qu" and the i of "gi" when a vowel follows.
func vowels(ls []letter) []int {
	var idx []int
	for i, l := range ls {
		if !isVowel(l.base) {
			if len(idx) > 0 {
				break // the cluster ended
			}
			continue
		}
		if i == 1 && ((l.base == 'u' && ls[0].base == 'q') || (l.base == 'i' && ls[0].base == 'g')) &&
			i+1 < len(ls) && isVowel(ls[i+1].base) {
			continue
		}
		idx = append(idx, i)
	}
	return idx
}

// tonePlace is where the tone goes in the word.
func tonePlace(ls []letter, style Style) int {
	v := vowels(ls)
	if len(v) == 0 {
		return -1
	}
	for _, i := range v {
		if ls[i].base == 'ê' || ls[i].base == 'ơ' {
			return i
		}
	}
	if len(v) == 1 {
		return v[0]
	}
	last := v[len(v)-1]
	final := last+1 < len(ls)
	if final {
		return last
	}
	if len(v) >= 3 {
		return v[1]
	}
	pair := string([]rune{ls[v[0]].base, ls[v[1]].base})
	if style == NewStyle && (pair == "oa" || pair == "oe" || pair == "uy") {
		return v[1]
	}
	return v[0]
}

// tone puts tone t on the word, or, when the word already has that tone
// (or has no vowel to carry it), gives up the key as a plain letter: typing
// "ass" gives "as", as input tools do.
func tone(word string, t rune, key rune, style Style) (string, bool) {
	ls := split(word)
	at := tonePlace(ls, style)
	if at < 0 {
		return word + string(key), false
	}
	current := rune(noTone)
	for _, l := range ls {
		if l.tone != noTone {
			current = l.tone
		}
	}
	if t == noTone && current == noTone {
		return word + string(key), false
	}
	for i := range ls {
		ls[i].tone = noTone
	}
	if current == t {
		return join(ls) + string(key), true // repeated: undo the tone, keep the letter
	}
	if t != noTone {
		ls[at].tone = t
	}
	return join(ls), false
}

// Shape marks.
const (
	circumflex = iota
	horn
	breve
)

var shapes = map[int]map[rune]rune{
	circumflex: {'a': 'â', 'e': 'ê', 'o': 'ô'},
	horn:       {'o': 'ơ', 'u': 'ư'},
	breve:      {'a': 'ă'},
}

// mark puts a shape mark on the last vowel of the cluster that can take it
// (for Telex's aa/ee/oo only the same letter), or removes it when the
// vowel already has it, giving up the key as a letter. It then moves the
// tone where it belongs in the changed word.
func mark(word string, key rune, shape int, only rune, style Style) (string, bool) {
	ls := split(word)
	v := vowels(ls)
	for k := len(v) - 1; k >= 0; k-- {
		i := v[k]
		plain := plainOf(ls[i].base)
		if only != 0 && plain != only {
			continue
		}
		to, ok := shapes[shape][plain]
		if !ok {
			continue
		}
		if ls[i].base == to { // repeated: undo
			ls[i].base = plain
			return retone(ls, style) + string(key), true
		}
		ls[i].base = to
		// "uo" + horn makes both: ươ.
		if shape == horn && plain == 'o' && k > 0 && ls[v[k-1]].base == 'u' {
			ls[v[k-1]].base = 'ư'
		}
		return retone(ls, style), false
	}
	return word + string(key), false
}

// markW is Telex's w: ư/ơ/ă on the cluster, or ư alone after a consonant.
func markW(word string, key rune, style Style) (string, bool) {
	ls := split(word)
	v := vowels(ls)
	for k := len(v) - 1; k >= 0; k-- {
		i := v[k]
		switch ls[i].base {
		case 'u', 'o':
			return mark(word, key, horn, 0, style)
		case 'a':
			return mark(word, key, breve, 0, style)
		case 'ư', 'ơ':
			return mark(word, key, horn, 0, style)
		case 'ă':
			return mark(word, key, breve, 0, style)
		}
	}
	if len(v) == 0 && (len(ls) == 0 || !isVowel(ls[len(ls)-1].base)) {
		u := 'ư'
		if unicode.IsUpper(key) {
			u = 'Ư'
		}
		return word + string(u), false
	}
	return word + string(key), false
}

// markD makes dd (or d9) into đ wherever the d stands ("dd", "QDD" → "QĐ",
// "DDT" → "ĐT"), or a word's starting d when the key comes later ("dod" →
// "đo"); the key after such a đ gives dd back.
func markD(word string, key rune) (string, bool) {
	ls := split(word)
	n := len(ls)
	for _, i := range []int{n - 1, 0} {
		if i < 0 {
			break
		}
		switch ls[i].base {
		case 'đ':
			ls[i].base = 'd'
			return join(ls) + string(key), true
		case 'd':
			ls[i].base = 'đ'
			return join(ls), false
		}
	}
	return word + string(key), false
}

func plainOf(r rune) rune {
	switch r {
	case 'â', 'ă':
		return 'a'
	case 'ê':
		return 'e'
	case 'ô', 'ơ':
		return 'o'
	case 'ư':
		return 'u'
	}
	return r
}

// retone moves the word's tone to where it belongs after a change of shape.
func retone(ls []letter, style Style) string {
	t := rune(noTone)
	for i := range ls {
		if ls[i].tone != noTone {
			t = ls[i].tone
			ls[i].tone = noTone
		}
	}
	if t != noTone {
		if at := tonePlace(ls, style); at >= 0 {
			ls[at].tone = t
		}
	}
	return join(ls)
}

// WordStart returns where the word ending at the end of text begins: the
// engine only ever changes that word.
func WordStart(text string) int {
	r := []rune(text)
	i := len(r)
	for i > 0 && (unicode.IsLetter(r[i-1]) || unicode.Is(unicode.Mn, r[i-1])) {
		i--
	}
	return len(string(r[:i]))
}

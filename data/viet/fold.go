package viet

import (
	"encoding/binary"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s in the form used for searching: lower case, without tone
// or vowel marks, đ as d, runs of white space as one space. "Thạch đen
// Tràng Định" and "thach den trang dinh" fold to the same text.
//
// Text made of ASCII and precomposed Latin letters (all of Vietnamese) is
// folded byte by byte through foldTable; anything else (combining marks,
// other scripts, symbols, invalid UTF-8) goes through foldSlow, which
// defines the result.
func Fold(s string) string {
	// Most folded text, and queries typed in lower case without marks, is
	// its own fold: return it as is. While the bytes are ASCII, not upper
	// case, not white space other than single spaces between such bytes,
	// the fold so far is s[:i].
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; !foldKeeps(c) && (c != ' ' || i == 0 || i+1 == len(s) || !foldKeeps(s[i+1])) {
			break
		}
	}
	if i == len(s) {
		return s
	}
	var stack [64]byte
	b := stack[:0]
	if len(s) > len(stack) {
		b = make([]byte, 0, len(s))
	}
	b = append(b, s[:i]...)
	space := false // s[i-1], if any, is not white space
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			} else if asciiSpace[c] {
				space = len(b) > 0
				continue
			}
		} else {
			r, size := decodeShort(s, i)
			if r >= rune(len(foldTable)) || foldTable[r] == 0 {
				return foldSlow(s)
			}
			i += size
			if c = foldTable[r]; c == ' ' {
				space = len(b) > 0
				continue
			}
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	return string(b)
}

// foldKeeps reports whether Fold keeps the byte c as it is: ASCII, not
// upper case, not white space.
func foldKeeps(c byte) bool {
	return c < utf8.RuneSelf && !('A' <= c && c <= 'Z') && !asciiSpace[c]
}

// decodeShort decodes the 2- or 3-byte UTF-8 sequence at s[i] if it
// encodes a rune in U+0080–U+07FF, U+1000–U+CFFF or U+E000–U+FFFF (lead
// bytes C2–DF, E1–EC, EE–EF, which have no overlong forms or surrogates),
// the ranges that hold the runes foldTable and keyIndex cover. Otherwise
// it returns utf8.RuneError, which neither table holds, and size 0.
func decodeShort(s string, i int) (rune, int) {
	c := s[i]
	switch {
	case 0xC2 <= c && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	case 0xE1 <= c && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
		return rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.RuneError, 0
}

// foldSlow is the definition of Fold for any text: NFD, drop the
// non-spacing marks, đ as d, lower case, white space collapsed.
func foldSlow(s string) string {
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

// asciiSpace marks the ASCII bytes unicode.IsSpace reports as space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// foldTable[r] is what a non-ASCII rune r folds to when that does not
// depend on its neighbours: ' ' for white space, or the one ASCII byte
// foldSlow gives r alone ('ạ', 'Ặ' and 'ế' fold to 'a', 'a' and 'e').
// 0 means Fold must use foldSlow. It covers Latin-1, Latin Extended-A/B
// and Latin Extended Additional, which hold all Vietnamese letters.
var foldTable [0x1F00]byte

func init() {
	for r := rune(utf8.RuneSelf); r < rune(len(foldTable)); r++ {
		if (r >= 0x250 && r < 0x1E00) && !unicode.IsSpace(r) {
			continue // other scripts: not worth the start-up time
		}
		foldTable[r] = foldsAlone(r)
	}
}

// foldsAlone returns the foldTable entry for r. A rune folds the same
// wherever it stands when its decomposition starts with a starter (canonical
// reordering then never moves marks across it) and everything after that
// starter is dropped: foldSlow(a+b) is then foldSlow(a)+foldSlow(b).
func foldsAlone(r rune) byte {
	d := norm.NFD.String(string(r))
	if unicode.IsSpace(r) {
		for _, x := range d {
			if !unicode.IsSpace(x) {
				return 0
			}
		}
		return ' '
	}
	if norm.NFD.PropertiesString(d).CCC() != 0 {
		return 0
	}
	f := foldSlow(string(r))
	if len(f) != 1 || f[0] >= utf8.RuneSelf || asciiSpace[f[0]] || f[0] == 0 {
		return 0
	}
	return f[0]
}

// Clean returns s as it should be stored: NFC form (as typed by input
// tools that send combining marks), trimmed, inner white space collapsed.
func Clean(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// UpperFirst and LowerFirst change the case of a text's first letter:
// "không phải…" starting a message, "Quý I năm 2026" inside a sentence.
func UpperFirst(s string) string { return mapFirst(s, unicode.ToUpper) }
func LowerFirst(s string) string { return mapFirst(s, unicode.ToLower) }

func mapFirst(s string, to func(rune) rune) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s // empty, or not UTF-8: left as it is
	}
	return string(to(r)) + s[n:]
}

// MatchesAll reports whether every word of the folded query occurs in the
// folded text. An empty query matches everything.
func MatchesAll(foldedText, foldedQuery string) bool {
	for w := range strings.FieldsSeq(foldedQuery) { // no allocation per row
		if !strings.Contains(foldedText, w) {
			return false
		}
	}
	return true
}

// The collator is not safe for concurrent use; one per call would build
// its tables each time, so share one (and its key buffer, 4 KB that would
// otherwise be allocated per call) behind a mutex.
var (
	collMu   sync.Mutex
	collator = collate.New(language.Vietnamese, collate.IgnoreCase)
	collBuf  collate.Buffer
)

// SortKey returns a byte key whose byte order is Vietnamese order, for
// sorting large lists without taking the lock once per comparison.
//
// The key is always the collator's key, byte for byte. For text made only
// of the runes in keyIndex (ASCII, Vietnamese letters, common typographic
// punctuation) it is assembled from per-rune pieces without the collator;
// see keyPieces for why that gives the same bytes.
func SortKey(s string) []byte {
	if k, ok := sortKeyFast(s); ok {
		return k
	}
	return sortKeyCollate(s)
}

// sortKeyCollate returns the collator's key for s.
func sortKeyCollate(s string) []byte {
	collMu.Lock()
	defer collMu.Unlock()
	collBuf.Reset()
	k := collator.KeyFromString(&collBuf, s)
	return append([]byte(nil), k...)
}

// A keyPiece is what one rune contributes to a collation key: its primary
// weights (2 or 3 bytes each) and its secondary weights (2 bytes each),
// np and ns bytes of them (at most 8 each), packed big-endian from the top
// of primary and secondary so that one 8-byte store writes them.
type keyPiece struct {
	primary, secondary uint64
	np, ns             uint8
}

// With collate.IgnoreCase and the Vietnamese table (non-ignorable: spaces
// and punctuation have primary weights) a key is the primary weights of
// all collation elements, 00 00, then their secondary weights; there is no
// tertiary level. For runes that map to the same collation elements
// wherever they stand (no contractions with their neighbours; precomposed
// letters and ASCII all start with a starter, so normalisation does not
// reorder across them) the key of a string is therefore the primaries of
// its runes in order, 00 00, and the secondaries of its runes in order.
// The pieces are cut from the collator's own single-rune keys at start-up,
// so fast keys and collator keys are the same bytes and may be mixed in
// one sort. TestSortKeyFastIsCollatorKey checks every pair of table
// runes against the collator, which would catch a contraction.
var (
	keyPieces []keyPiece
	keyIndex  [0x2700]uint16 // rune -> 1 + index in keyPieces; 0 = use the collator
)

// keyRunes lists the runes besides ASCII that SortKey handles without
// the collator: the Vietnamese letters and typographic marks common in
// names pasted from word processors (– — ‘ ’ “ ” … ° NBSP ★ ☆).
func keyRunes() []rune {
	rs := vietnameseLetters()
	return append(rs, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B0, 0x00A0, 0x2605, 0x2606)
}

// vietnameseLetters returns the 134 precomposed Vietnamese letters that are
// not ASCII: the 12 vowels with no tone or one of the 5 tones, and đ, in
// both cases.
func vietnameseLetters() []rune {
	var rs []rune
	for _, v := range []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"} {
		for _, tone := range []string{"", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"} {
			r, _ := utf8.DecodeRuneInString(norm.NFC.String(v + tone))
			if r >= utf8.RuneSelf {
				rs = append(rs, r, unicode.ToUpper(r))
			}
		}
	}
	return append(rs, 'đ', 'Đ')
}

func init() {
	rs := keyRunes()
	for r := rune(0); r < utf8.RuneSelf; r++ {
		rs = append(rs, r)
	}
	for _, r := range rs {
		if p, ok := cutKey(sortKeyCollate(string(r))); ok && int(r) < len(keyIndex) {
			keyPieces = append(keyPieces, p)
			keyIndex[r] = uint16(len(keyPieces))
		}
	}
}

// cutKey splits a collator key into its primary and secondary parts, and
// reports false if the key is not of the expected form or a part is too
// long for a keyPiece.
func cutKey(k []byte) (keyPiece, bool) {
	i := 0
	for i+1 < len(k) && (k[i] != 0 || k[i+1] != 0) {
		if k[i]&0x80 != 0 {
			i += 3
		} else {
			i += 2
		}
	}
	if i+1 >= len(k) || (len(k)-i)%2 != 0 || i > 8 || len(k)-i-2 > 8 {
		return keyPiece{}, false
	}
	var p, s [8]byte
	copy(p[:], k[:i])
	copy(s[:], k[i+2:])
	return keyPiece{binary.BigEndian.Uint64(p[:]), binary.BigEndian.Uint64(s[:]), uint8(i), uint8(len(k) - i - 2)}, true
}

// sortKeyFast returns the collator's key for s, assembled from keyPieces,
// or false if s holds a rune outside keyIndex (or invalid UTF-8).
func sortKeyFast(s string) ([]byte, bool) {
	var stack [64]uint16
	pieces := stack[:0] // indexes in keyPieces
	if len(s) > len(stack) {
		pieces = make([]uint16, 0, len(s))
	}
	np, ns := 0, 0
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = decodeShort(s, i)
		}
		if r >= rune(len(keyIndex)) || keyIndex[r] == 0 {
			return nil, false
		}
		j := keyIndex[r] - 1
		pieces = append(pieces, j)
		p := &keyPieces[j]
		np += int(p.np)
		ns += int(p.ns)
		i += size
	}
	// Each piece is stored as 8 bytes, of which the bytes past its length
	// are overwritten by the next piece, the 00 00 or the 8 spare bytes.
	n := np + 2 + ns
	k := make([]byte, n+8)
	at := 0
	for _, j := range pieces {
		p := &keyPieces[j]
		binary.BigEndian.PutUint64(k[at:], p.primary)
		at += int(p.np)
	}
	k[at], k[at+1] = 0, 0
	at += 2
	for _, j := range pieces {
		p := &keyPieces[j]
		binary.BigEndian.PutUint64(k[at:], p.secondary)
		at += int(p.ns)
	}
	return k[:n:n], true
}

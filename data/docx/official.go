package docx

import (
	"strings"
	"time"
	"unicode"

	"github.com/ocopdesk/ocop/data/viet"
)

// Issuer is the office a document comes from.
type Issuer struct {
	// Parent is the body above the office (cơ quan chủ quản), printed in
	// capitals above its name; a commune's People's Committee has none.
	Parent string
	// Name is the office's name, "Ủy ban nhân dân xã Thất Khê", printed in
	// bold capitals; a newline in it breaks the line where it falls, and
	// "Ủy ban nhân dân" goes on a line of its own when none is given.
	Name string
	// Symbol is the office's abbreviation in a document's number: "UBND"
	// gives "Số: 12/BC-UBND".
	Symbol string
	// Place is the place name of the date line (địa danh): "Thất Khê".
	Place string
}

// Signer is who signs: Authority is the line above the title when signing
// for the body or for its head ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"; a
// newline gives both), Title the signer's post ("CHỦ TỊCH", "PHÓ CHỦ
// TỊCH"), Name the full name under the space to sign.
type Signer struct {
	Authority, Title, Name string
}

// PlaceDate is the dated line of an official document (Decree 30): days 1-9
// and months 1-2 take a leading zero, months 3-12 do not: "Thất Khê, ngày 05
// tháng 02 năm 2026". A zero day leaves dots for the clerk to date it when
// it is signed.
func PlaceDate(place string, day time.Time) string {
	if place == "" {
		place = "……………"
	}
	if day.IsZero() {
		return place + ", ngày …… tháng …… năm ……"
	}
	return viet.PlaceDateLine(place, day)
}

// dmy is a date as tables and running text write it: 05/02/2026; dots
// when unknown.
func dmy(day time.Time) string {
	if day.IsZero() {
		return "…/…/……"
	}
	return day.Format("02/01/2006")
}

// orDots is s, or the dotted blank of a form when s is empty.
func orDots(s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return "……………………"
	}
	return s
}

// upper is s in capitals, Vietnamese letters included.
func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// Sizes in points: the body at 14, the header's left block and the
// national name at 13, "Nơi nhận" at 12 and its list at 11 (Decree 30,
// Phụ lục I, within the ranges it gives).
const (
	sizeHeader = 13
	sizeMotto  = 14
	sizeCopies = 11
)

// Header columns: the office's block on the left, the national name's on
// the right, wide enough for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in bold at
// 13 points on one line.
var (
	headerLeft  = Mm(62)
	headerRight = TextWidth - headerLeft
)

// officeLines splits the office's name into the lines of the header.
func officeLines(name string) []string {
	name = upper(name)
	if name == "" {
		return []string{"……………………"}
	}
	if strings.Contains(name, "\n") {
		return strings.Split(name, "\n")
	}
	const ubnd = "ỦY BAN NHÂN DÂN "
	if strings.HasPrefix(name, ubnd) {
		return []string{strings.TrimSpace(ubnd), name[len(ubnd):]}
	}
	return []string{name}
}

// centred is a centred paragraph of one run.
func centred(r Run) *Paragraph { return &Paragraph{Align: Center, Runs: []Run{r}} }

// rule is a thin paragraph drawing a centred line width twips long across
// a space room twips wide, a point under the line above.
func rule(width, room int) *Paragraph {
	side := max(0, (room-width)/2)
	return &Paragraph{Rule: true, Exact: 1, Before: 2, Left: side, Right: side}
}

// cellMargins is what a cell's left and right margins take from its width.
const cellMargins = 140

// headerTable is the top of an official document as a borderless two
// column table: parent body and office with a short rule under it, then
// the number line and the subject line ("V/v …") of a letter, on the left;
// the national name and motto with a rule as long as the motto, then the
// place-date line, on the right. The number line and the date line share a
// row so that they stand level.
func headerTable(iss Issuer, number, kind string, day time.Time, subject string) *Table {
	var left []Block
	if p := upper(iss.Parent); p != "" {
		left = append(left, centred(Run{Text: p, Size: sizeHeader}))
	}
	lines := officeLines(iss.Name)
	for _, l := range lines {
		left = append(left, centred(Run{Text: l, Size: sizeHeader, Bold: true}))
	}
	longest := 0
	for _, l := range lines {
		longest = max(longest, textWidth(l, sizeHeader, true))
	}
	// The office's rule is a third to a half of its name (Phụ lục I).
	left = append(left, rule(min(longest, headerLeft)*2/5, headerLeft-cellMargins))
	const nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	const motto = "Độc lập - Tự do - Hạnh phúc"
	right := []Block{
		centred(Run{Text: nation, Size: sizeHeader, Bold: true}),
		centred(Run{Text: motto, Size: sizeMotto, Bold: true}),
		rule(textWidth(motto, sizeMotto, true), headerRight-cellMargins),
	}
	num := strings.TrimSpace(number)
	if num == "" {
		num = "……"
	}
	symbol := strings.TrimSpace(iss.Symbol)
	if symbol == "" {
		symbol = "……"
	}
	if kind != "" {
		symbol = kind + "-" + symbol
	}
	second := []Block{&Paragraph{Align: Center, Before: 6, Runs: []Run{{Text: "Số: " + num + "/" + symbol, Size: sizeHeader}}}}
	if subject != "" {
		second = append(second, &Paragraph{Align: Center, Before: 6, Runs: []Run{{Text: "V/v " + subject, Size: sizeHeader - 1}}})
	}
	return &Table{
		Widths: []int{headerLeft, headerRight},
		Rows: []Row{
			{Cells: []Cell{{Blocks: left}, {Blocks: right}}},
			{Cells: []Cell{{Blocks: second}, {Blocks: []Block{
				&Paragraph{Align: Center, Before: 6, Runs: []Run{{Text: PlaceDate(iss.Place, day), Italic: true}}},
			}}}},
		},
	}
}

// title is the document's name in bold capitals and the line saying what
// it is about (trích yếu) in bold under it.
func title(name, about string) []Block {
	bs := []Block{&Paragraph{Align: Center, Before: 24, KeepNext: true, Runs: []Run{{Text: name, Bold: true}}}}
	if about != "" {
		bs = append(bs, &Paragraph{Align: Center, KeepNext: true, Runs: []Run{{Text: about, Bold: true}}})
	}
	return bs
}

// addressee is the "Kính gửi:" line, centred, with a full stop after the
// recipient unless it has one.
func addressee(to string) *Paragraph {
	to = strings.TrimSpace(to)
	if !strings.HasSuffix(to, ".") {
		to += "."
	}
	return &Paragraph{Align: Center, Before: 12, After: 6, KeepNext: true, Runs: []Run{{Text: "Kính gửi: " + to}}}
}

// para is a paragraph of running text: justified, its first line indented,
// 6 points above (Decree 30: một khoảng cách tối thiểu 6pt).
func para(runs ...Run) *Paragraph {
	return &Paragraph{Align: Justify, FirstLine: Mm(10), Before: 6, Line: 1.1, Runs: runs}
}

// paras is typed text, one paragraph for each of its lines; blank lines
// are dropped.
func paras(text string, lead ...Run) []Block {
	var out []Block
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" && !(i == 0 && len(lead) > 0) {
			continue
		}
		var runs []Run
		if i == 0 {
			runs = append(runs, lead...)
		}
		out = append(out, para(append(runs, Run{Text: l})...))
	}
	if len(out) == 0 {
		out = append(out, para(lead...))
	}
	return out
}

// ending adds the mark Decree 30 ends a document's body with, "./.".
func ending(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), ".;,")
	return s + "./."
}

// signature is the bottom of a document as a borderless two-column table:
// "Nơi nhận:" in bold italics and its list bottom left, one recipient a
// line ending with ";" and the last with "."; the signer bottom right: the
// authority, the title, room to sign and stamp, the name. The block stays
// on one page with the paragraph before it.
func signature(s Signer, copies []string) *Table {
	if strings.TrimSpace(s.Authority+s.Title) == "" {
		// The commune's documents are signed for its People's Committee.
		s.Authority, s.Title = "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
	}
	var right []Block
	for _, a := range strings.Split(upper(s.Authority), "\n") {
		if a = strings.TrimSpace(a); a != "" {
			right = append(right, centred(Run{Text: a, Bold: true}))
		}
	}
	right = append(right, centred(Run{Text: upper(s.Title), Bold: true}))
	name := strings.TrimSpace(s.Name)
	right = append(right, &Paragraph{Align: Center, Before: 66, Runs: []Run{{Text: name, Bold: true}}})
	var left []Block
	if len(copies) > 0 {
		left = append(left, &Paragraph{Runs: []Run{{Text: "Nơi nhận:", Bold: true, Italic: true, Size: 12}}})
		for i, c := range copies {
			c = strings.TrimRight(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c), "-")), ".;")
			mark := ";"
			if i == len(copies)-1 {
				mark = "."
			}
			// A recipient that wraps goes on under its text, not under the dash.
			left = append(left, &Paragraph{Left: Mm(2.5), Hanging: Mm(2.5), Runs: []Run{{Text: "- " + strings.TrimSpace(c) + mark, Size: sizeCopies}}})
		}
	}
	return &Table{
		Indent: -cellMargins / 2, // "Nơi nhận" stands on the margin, as the body's text does
		Widths: []int{headerLeft + Mm(8), headerRight - Mm(8)},
		Rows:   []Row{{Cells: []Cell{{Blocks: left}, {Blocks: right}}}},
	}
}

// spacer is an empty paragraph of the given height in points.
func spacer(pt float64) *Paragraph { return &Paragraph{Exact: pt} }

// keepWithNext marks the last paragraph of bs to stay on the page of what
// follows (the signature block, a table), a little apart from it.
func keepWithNext(bs []Block) {
	if len(bs) == 0 {
		return
	}
	if p, ok := bs[len(bs)-1].(*Paragraph); ok {
		p.KeepNext = true
		p.After = max(p.After, 12)
	}
}

// textWidth estimates the width in twips of s in Times New Roman at size
// points, from the font's advance widths (per 1000 em) for the letters the
// header uses; a Vietnamese letter is as wide as its base letter.
func textWidth(s string, size float64, bold bool) int {
	table := timesRoman
	if bold {
		table = timesBold
	}
	total := 0
	for _, r := range s {
		base := baseLetter(r)
		w, ok := table[base]
		switch {
		case ok:
		case unicode.IsUpper(base):
			w = 722
		default:
			w = 500
		}
		total += w
	}
	return int(float64(total) * size * 20 / 1000)
}

// baseLetter is r without its Vietnamese marks, near enough for widths.
func baseLetter(r rune) rune {
	if r < 0x80 {
		return r
	}
	for base, marked := range vietnameseLetters {
		if strings.ContainsRune(marked, r) {
			return base
		}
	}
	return r
}

var vietnameseLetters = map[rune]string{
	'a': "àáảãạăằắẳẵặâầấẩẫậ", 'A': "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ",
	'e': "èéẻẽẹêềếểễệ", 'E': "ÈÉẺẼẸÊỀẾỂỄỆ",
	'i': "ìíỉĩị", 'I': "ÌÍỈĨỊ",
	'o': "òóỏõọôồốổỗộơờớởỡợ", 'O': "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ",
	'u': "ùúủũụưừứửữự", 'U': "ÙÚỦŨỤƯỪỨỬỮỰ",
	'y': "ỳýỷỹỵ", 'Y': "ỲÝỶỸỴ",
	'd': "đ", 'D': "Đ",
}

// Advance widths of Times (Adobe's metrics, which Times New Roman and
// Liberation Serif share for these letters).
var timesRoman = map[rune]int{
	' ': 250, '-': 333, '.': 250, ',': 250, ':': 278, '/': 278,
	'a': 444, 'b': 500, 'c': 444, 'd': 500, 'e': 444, 'f': 333, 'g': 500, 'h': 500, 'i': 278, 'j': 278,
	'k': 500, 'l': 278, 'm': 778, 'n': 500, 'o': 500, 'p': 500, 'q': 500, 'r': 333, 's': 389, 't': 278,
	'u': 500, 'v': 500, 'w': 722, 'x': 500, 'y': 500, 'z': 444,
	'A': 722, 'B': 667, 'C': 667, 'D': 722, 'E': 611, 'F': 556, 'G': 722, 'H': 722, 'I': 333, 'J': 389,
	'K': 722, 'L': 611, 'M': 889, 'N': 722, 'O': 722, 'P': 556, 'Q': 722, 'R': 667, 'S': 556, 'T': 611,
	'U': 722, 'V': 722, 'W': 944, 'X': 722, 'Y': 722, 'Z': 611,
}

var timesBold = map[rune]int{
	' ': 250, '-': 333, '.': 250, ',': 250, ':': 333, '/': 278,
	'a': 500, 'b': 556, 'c': 444, 'd': 556, 'e': 444, 'f': 333, 'g': 500, 'h': 556, 'i': 278, 'j': 333,
	'k': 556, 'l': 278, 'm': 833, 'n': 556, 'o': 500, 'p': 556, 'q': 556, 'r': 444, 's': 389, 't': 333,
	'u': 556, 'v': 500, 'w': 722, 'x': 500, 'y': 500, 'z': 444,
	'A': 722, 'B': 667, 'C': 722, 'D': 722, 'E': 667, 'F': 611, 'G': 778, 'H': 778, 'I': 389, 'J': 500,
	'K': 778, 'L': 667, 'M': 944, 'N': 722, 'O': 778, 'P': 611, 'Q': 778, 'R': 722, 'S': 556, 'T': 667,
	'U': 722, 'V': 722, 'W': 1000, 'X': 722, 'Y': 722, 'Z': 667,
}

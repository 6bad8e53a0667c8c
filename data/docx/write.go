package docx

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Page geometry: A4 upright with the margins of Decree 30/2020/NĐ-CP
// (Phụ lục I: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm), the
// smallest of each so that the header's two blocks have room.
var (
	pageWidth, pageHeight                        = 11906, 16838 // A4 in twips
	marginTop, marginBottom, marginLeft, marginR = Mm(20), Mm(20), Mm(30), Mm(15)
	// TextWidth is the width between the margins, in twips.
	TextWidth = pageWidth - marginLeft - marginR
)

const (
	fontName = "Times New Roman"
	nsW      = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// xmlWriter builds one XML part. Element and attribute names are the
// package's own; only text goes through escape.
type xmlWriter struct{ b bytes.Buffer }

func (w *xmlWriter) header() { w.b.WriteString(xml.Header) }

// open writes a start tag with attributes given as name, value pairs.
func (w *xmlWriter) open(name string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteByte('>')
}

// empty writes an element with no content.
func (w *xmlWriter) empty(name string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteString("/>")
}

func (w *xmlWriter) tag(name string, attrs []string) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.b.WriteByte(' ')
		w.b.WriteString(attrs[i])
		w.b.WriteString(`="`)
		w.escape(attrs[i+1])
		w.b.WriteByte('"')
	}
}

func (w *xmlWriter) close(name string) {
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

// element writes <name>text</name>.
func (w *xmlWriter) element(name, text string) {
	w.open(name)
	w.escape(text)
	w.close(name)
}

// escape writes s as XML character data: encoding/xml escapes the markup
// characters (& < > " ') and the characters XML 1.0 does not allow at all
// (most C0 controls, U+FFFE, U+FFFF, broken UTF-8) are dropped first, so
// that Word does not refuse the file.
func (w *xmlWriter) escape(s string) {
	xml.EscapeText(&w.b, []byte(clean(s)))
}

// clean drops from s the characters XML 1.0 forbids, keeping tab, newline
// and carriage return.
func clean(s string) string {
	ok := true
	for i, r := range s {
		if !xmlChar(r) || r == utf8.RuneError && isBroken(s[i:]) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if xmlChar(r) && !(r == utf8.RuneError && isBroken(s[i:])) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBroken says whether s starts with a byte that is not UTF-8 (rather
// than a real U+FFFD).
func isBroken(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	return size == 1
}

// xmlChar is the Char production of XML 1.0.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func itoa(n int) string { return strconv.Itoa(n) }

// halfPoints is a font size as Word stores it.
func halfPoints(pt float64) string { return itoa(int(pt*2 + 0.5)) }

// twipsOf is a length in points as twips.
func twipsOf(pt float64) string { return itoa(int(pt*20 + 0.5)) }

// body writes the blocks of a body or a cell.
func (w *xmlWriter) blocks(bs []Block, size float64) {
	for _, b := range bs {
		switch b := b.(type) {
		case *Paragraph:
			w.paragraph(b, size)
		case *Table:
			w.table(b, size)
		}
	}
}

// paragraph writes p; the properties go in the order of the schema
// (CT_PPr, CT_RPr), which Word checks.
func (w *xmlWriter) paragraph(p *Paragraph, size float64) {
	w.open("w:p")
	w.open("w:pPr")
	if p.KeepNext {
		w.empty("w:keepNext")
	}
	if p.KeepLines {
		w.empty("w:keepLines")
	}
	if p.PageBreakBefore {
		w.empty("w:pageBreakBefore")
	}
	if p.Rule {
		w.open("w:pBdr")
		w.empty("w:bottom", "w:val", "single", "w:sz", "6", "w:space", "1", "w:color", "000000")
		w.close("w:pBdr")
	}
	if len(p.Tabs) > 0 {
		w.open("w:tabs")
		for _, t := range p.Tabs {
			align := t.Align
			if align == "" {
				align = Left
			}
			attrs := []string{"w:val", string(align), "w:pos", itoa(t.Pos)}
			if t.Dotted {
				attrs = append(attrs, "w:leader", "dot")
			}
			w.empty("w:tab", attrs...)
		}
		w.close("w:tabs")
	}
	spacing := []string{"w:before", twipsOf(p.Before), "w:after", twipsOf(p.After)}
	switch {
	case p.Exact > 0:
		spacing = append(spacing, "w:line", twipsOf(p.Exact), "w:lineRule", "exact")
	case p.Line > 0:
		spacing = append(spacing, "w:line", itoa(int(p.Line*240+0.5)), "w:lineRule", "auto")
	}
	w.empty("w:spacing", spacing...)
	if p.Left != 0 || p.Right != 0 || p.FirstLine != 0 || p.Hanging != 0 {
		ind := []string{"w:left", itoa(p.Left), "w:right", itoa(p.Right)}
		if p.Hanging != 0 {
			ind = append(ind, "w:hanging", itoa(p.Hanging))
		} else if p.FirstLine != 0 {
			ind = append(ind, "w:firstLine", itoa(p.FirstLine))
		}
		w.empty("w:ind", ind...)
	}
	if p.Align != "" {
		w.empty("w:jc", "w:val", string(p.Align))
	}
	if p.Exact > 0 {
		// The empty paragraph's mark sets its height: keep it small.
		w.open("w:rPr")
		w.empty("w:sz", "w:val", halfPoints(p.Exact))
		w.empty("w:szCs", "w:val", halfPoints(p.Exact))
		w.close("w:rPr")
	}
	w.close("w:pPr")
	for _, r := range p.Runs {
		w.run(r, size)
	}
	w.close("w:p")
}

func (w *xmlWriter) runProps(r Run, size float64) {
	w.open("w:rPr")
	if r.Bold {
		w.empty("w:b")
		w.empty("w:bCs")
	}
	if r.Italic {
		w.empty("w:i")
		w.empty("w:iCs")
	}
	if r.Size > 0 && r.Size != size {
		w.empty("w:sz", "w:val", halfPoints(r.Size))
		w.empty("w:szCs", "w:val", halfPoints(r.Size))
	}
	if r.Underline {
		w.empty("w:u", "w:val", "single")
	}
	if r.Superscript {
		w.empty("w:vertAlign", "w:val", "superscript")
	}
	w.close("w:rPr")
}

// run writes r, turning tabs and newlines into Word's own elements.
func (w *xmlWriter) run(r Run, size float64) {
	w.open("w:r")
	w.runProps(r, size)
	if r.PageNumber {
		w.empty("w:fldChar", "w:fldCharType", "begin")
		w.close("w:r")
		w.open("w:r")
		w.runProps(r, size)
		w.open("w:instrText", "xml:space", "preserve")
		w.b.WriteString(" PAGE ")
		w.close("w:instrText")
		w.close("w:r")
		w.open("w:r")
		w.runProps(r, size)
		w.empty("w:fldChar", "w:fldCharType", "separate")
		w.element("w:t", "2")
		w.empty("w:fldChar", "w:fldCharType", "end")
		w.close("w:r")
		return
	}
	text := strings.ReplaceAll(clean(r.Text), "\r\n", "\n")
	start := 0
	flush := func(end int) {
		if end > start {
			w.open("w:t", "xml:space", "preserve")
			w.escape(text[start:end])
			w.close("w:t")
		}
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\t':
			flush(i)
			w.empty("w:tab")
			start = i + 1
		case '\n', '\r':
			flush(i)
			w.empty("w:br")
			start = i + 1
		}
	}
	flush(len(text))
	if r.PageBreak {
		w.empty("w:br", "w:type", "page")
	}
	w.close("w:r")
}

// table writes t; properties in the order of CT_TblPr and CT_TcPr.
func (w *xmlWriter) table(t *Table, size float64) {
	total := 0
	for _, c := range t.Widths {
		total += c
	}
	w.open("w:tbl")
	w.open("w:tblPr")
	w.empty("w:tblW", "w:w", itoa(total), "w:type", "dxa")
	if t.Indent != 0 {
		w.empty("w:tblInd", "w:w", itoa(t.Indent), "w:type", "dxa")
	}
	w.open("w:tblBorders")
	for _, side := range []string{"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"} {
		if t.Borders {
			w.empty(side, "w:val", "single", "w:sz", "4", "w:space", "0", "w:color", "000000")
		} else {
			w.empty(side, "w:val", "nil")
		}
	}
	w.close("w:tblBorders")
	w.empty("w:tblLayout", "w:type", "fixed")
	w.open("w:tblCellMar")
	w.empty("w:left", "w:w", "70", "w:type", "dxa")
	w.empty("w:right", "w:w", "70", "w:type", "dxa")
	w.close("w:tblCellMar")
	w.empty("w:tblLook", "w:val", "0000", "w:firstRow", "0", "w:lastRow", "0", "w:firstColumn", "0", "w:lastColumn", "0", "w:noHBand", "1", "w:noVBand", "1")
	w.close("w:tblPr")
	w.open("w:tblGrid")
	for _, c := range t.Widths {
		w.empty("w:gridCol", "w:w", itoa(c))
	}
	w.close("w:tblGrid")
	for _, row := range t.Rows {
		w.open("w:tr")
		w.open("w:trPr")
		if !row.Split {
			w.empty("w:cantSplit")
		}
		if row.Header {
			w.empty("w:tblHeader")
		}
		w.close("w:trPr")
		col := 0
		for _, c := range row.Cells {
			span := max(1, c.Span)
			width := 0
			for i := col; i < col+span && i < len(t.Widths); i++ {
				width += t.Widths[i]
			}
			col += span
			w.open("w:tc")
			w.open("w:tcPr")
			w.empty("w:tcW", "w:w", itoa(width), "w:type", "dxa")
			if span > 1 {
				w.empty("w:gridSpan", "w:val", itoa(span))
			}
			switch c.Merge {
			case MergeStart:
				w.empty("w:vMerge", "w:val", "restart")
			case MergeContinue:
				w.empty("w:vMerge")
			}
			if c.Shade != "" {
				w.empty("w:shd", "w:val", "clear", "w:color", "auto", "w:fill", c.Shade)
			}
			if c.Middle {
				w.empty("w:vAlign", "w:val", "center")
			}
			w.close("w:tcPr")
			blocks := c.Blocks
			if len(blocks) == 0 {
				blocks = []Block{&Paragraph{}}
			}
			w.blocks(blocks, size)
			if _, last := blocks[len(blocks)-1].(*Table); last {
				w.paragraph(&Paragraph{}, size) // a cell ends with a paragraph
			}
			w.close("w:tc")
		}
		w.close("w:tr")
	}
	w.close("w:tbl")
}

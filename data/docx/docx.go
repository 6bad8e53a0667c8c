// Package docx writes the Word documents an OCOP office sends (.docx, opened
// by Word and LibreOffice Writer): the Mẫu 01 registration form, the Mẫu 03
// report, the commune's letter to the province and the re-ranking notice, in
// the layout of Decree 30/2020/NĐ-CP. It never imports Fyne and knows
// nothing of the store: the dossier code fills the plain structs of
// registration.go, assessment.go, request.go and notice.go.
//
// The writer is a small one on encoding/xml and archive/zip. MIT-licensed
// Go libraries exist (gomutex/godocx and its fork ubavic/godocx;
// mmonterroca/docxgo, in beta; unioffice is commercial), but these
// documents need a narrow part of WordprocessingML that the layout depends
// on (borderless fixed-width tables, paragraph borders drawn as the short
// rules, exact line heights, keep-with-next, a page-number header from the
// second page), which is a few hundred lines here, tested against
// LibreOffice, with no dependency to follow.
package docx

import "math"

// Document is a Word document being built: A4 pages with the margins of
// Decree 30, Times New Roman in black, and a body of paragraphs and tables.
type Document struct {
	Title   string // the file's title property (Word's File > Info)
	Subject string
	Author  string  // the office; the file's author property
	Size    float64 // body text size in points; 14 when 0
	// PageNumbers puts the page number centred in the top margin from the
	// second page on, as Decree 30 asks of documents longer than a page.
	PageNumbers bool
	Body        []Block
}

// Block is a paragraph or a table in a document's body or a table's cell.
type Block interface{ block() }

// Align is a paragraph's horizontal alignment.
type Align string

// The alignments Word knows by these names.
const (
	Left    Align = "left"
	Center  Align = "center"
	Right   Align = "right"
	Justify Align = "both"
)

// Paragraph is a paragraph: its runs of text and how it sits on the page.
// Lengths are in twips (1/20 point; Mm converts).
type Paragraph struct {
	Runs  []Run
	Align Align
	// Left and Right indent the paragraph from the margins (or the cell's
	// edges); FirstLine indents its first line, Hanging pulls it back.
	Left, Right, FirstLine, Hanging int
	Before, After                   float64 // space in points above and below
	Line                            float64 // line spacing as a multiple of single (1.15); single when 0
	Tabs                            []Tab
	KeepNext                        bool // on the same page as the next paragraph
	KeepLines                       bool // not split across pages
	PageBreakBefore                 bool
	// Rule draws a thin line under the paragraph, between its indents:
	// the short rules under a header's lines.
	Rule bool
	// Exact fixes the line height in points (the thin paragraph carrying a
	// rule); the default is the font's own.
	Exact float64
}

func (*Paragraph) block() {}

// Tab is a tab stop at Pos twips from the paragraph's left edge.
type Tab struct {
	Pos    int
	Align  Align // Left, Center or Right
	Dotted bool  // a leader of dots up to the stop
}

// Run is text in one style. A tab in Text moves to the next tab stop and a
// newline breaks the line; characters XML 1.0 forbids are dropped, and
// everything else is text, never markup.
type Run struct {
	Text                    string
	Bold, Italic, Underline bool
	Superscript             bool
	Size                    float64 // points; the paragraph's default when 0
	PageBreak               bool    // a page break after the text
	PageNumber              bool    // the current page's number (a field) instead of Text
}

// Table is a table. Widths gives each grid column in twips; a cell spans
// several with Span.
type Table struct {
	Widths  []int
	Borders bool // single black lines around and between every cell
	Rows    []Row
	// Indent moves the table from the left margin (negative into it).
	Indent int
}

func (*Table) block() {}

// Row is a table row.
type Row struct {
	Cells []Cell
	// Header repeats the row at the top of each page the table runs onto.
	Header bool
	// Split lets the row break across pages; rows are kept whole otherwise.
	Split bool
}

// Merge says how a cell joins the cell above it.
type Merge int

const (
	NoMerge       Merge = iota
	MergeStart          // first of cells merged downwards
	MergeContinue       // continues the merge of the cell above
)

// Cell is a table cell. A cell with no blocks gets an empty paragraph, as
// Word requires.
type Cell struct {
	Blocks []Block
	Span   int // grid columns it covers; 1 when 0
	Merge  Merge
	Middle bool   // centred vertically; at the top otherwise
	Shade  string // background as hex RGB ("E7EEF7"), none when empty
}

// Mm converts millimetres to twips.
func Mm(mm float64) int { return int(math.Round(mm * 1440 / 25.4)) }

// Text is a paragraph of plain text in one run.
func Text(s string) *Paragraph { return &Paragraph{Runs: []Run{{Text: s}}} }

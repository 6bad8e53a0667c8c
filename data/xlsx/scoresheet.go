package xlsx

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// ScoreSheetName is the name of the filled criteria sheet's worksheet.
const ScoreSheetName = "Phiếu đánh giá"

// WriteScoreSheet writes sheet, filled against set, as the set's "phiếu
// đánh giá" to path: an A4 upright workbook in the Decree 30 layout with
// one row per part, section and criterion (bold with their subtotals for
// parts and sections) and under each criterion its options, the chosen one
// ticked; the total, the result line of res and the rejection grounds,
// ticked where they apply; then the signature block. day dates the sheet
// (today when zero); product names the product in the subtitle.
func WriteScoreSheet(st data.Settings, set *data.CriteriaSet, sheet *data.Sheet, res data.SheetResult, product, path string, day time.Time) error {
	if day.IsZero() {
		day = time.Now()
	}
	d, err := newDocument()
	if err != nil {
		return err
	}
	defer d.f.Close()
	optText, _ := d.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11}, Border: cellBorder,
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true, Indent: 1}})
	cols := []column{{"STT", 7, d.textCenter}, {"Tiêu chí, nội dung đánh giá", 52, d.text}, {"Điểm tối đa", 9, d.score},
		{"Điểm chấm", 9, d.score}, {"Ghi chú", 18, d.text}}
	subtitle := fmt.Sprintf("(Bộ tiêu chí số %d: %s, theo %s)", set.No, set.Name, set.Source)
	if product != "" {
		subtitle = "Sản phẩm: " + product + "\n" + subtitle
	}
	t, err := newScoreTable(d, st, sheetLayout{name: ScoreSheetName, title: "PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP",
		subtitle: subtitle, columns: cols, day: day, portrait: true})
	if err != nil {
		return err
	}
	parts := map[string]data.PartScore{}
	for _, p := range res.Parts {
		parts[p.Code] = p
	}
	line := t.line
	bold := t.bold
	plain := []int{d.textCenter, d.text, d.score, d.score, d.text}
	option := []int{d.textCenter, optText, d.score, d.textCenter, d.text}
	for _, p := range set.Parts {
		line([]any{p.Code, "PHẦN " + p.Code + ": " + p.Name, p.Points.Float(), parts[p.Code].Points.Float(), ""}, bold, 12)
		for _, sec := range p.Sections {
			var got data.Score
			for _, c := range sec.Items {
				if c.Index >= 0 {
					got += chosenPoints(sheet, c)
				}
			}
			line([]any{sec.No, sec.Name, sec.Points.Float(), got.Float(), ""}, bold, 12)
			for _, c := range sec.Items {
				if c.Index < 0 { // a heading over sub-criteria
					line([]any{c.No, c.Name, c.Points.Float(), "", ""}, plain, 12)
					continue
				}
				if c.Shape != "section" {
					var got any = ""
					if sheet.Chosen(c) != nil {
						got = chosenPoints(sheet, c).Float()
					}
					note := ""
					if e := strings.TrimSpace(sheet.Evidence[c.Index]); e != "" {
						note = "Minh chứng: " + e
					}
					line([]any{c.No, c.Name, c.Points.Float(), got, note}, plain, 12)
				} else if e := strings.TrimSpace(sheet.Evidence[c.Index]); e != "" {
					line([]any{"", "Minh chứng: " + e, "", "", ""}, plain, 12)
				}
				chosen := sheet.Chosen(c)
				for i := range c.Options {
					o := &c.Options[i]
					mark, got := "□", ""
					if chosen == o {
						mark, got = "☒", "x"
					}
					text := mark + " " + o.Text
					if o.Case != "" && (i == 0 || c.Options[i-1].Case != o.Case) {
						line([]any{"", o.Case, "", "", ""}, []int{d.textCenter, optText, d.score, d.textCenter, d.text}, 11)
					}
					note := ""
					if o.MinStars > 0 {
						note = fmt.Sprintf("%s (tối thiểu %d sao)", strings.Repeat("*", o.MinStars), o.MinStars)
					}
					line([]any{"", text, o.Points.Float(), got, note}, option, 11)
				}
			}
		}
	}
	line([]any{"", "TỔNG ĐIỂM", set.Points().Float(), res.Total.Float(), ""}, bold, 12)
	t.result("Kết quả: " + res.Summary())
	if len(set.Grounds) > 0 {
		d.w.setHeight(t.row, 20)
		d.w.merge(t.row, 1, len(cols), "Hồ sơ bị loại khi:", t.boldText)
		t.row++
		for i, g := range set.Grounds {
			mark := "□"
			if i < len(sheet.Grounds) && sheet.Grounds[i] {
				mark = "☒"
			}
			d.w.setHeight(t.row, rowHeight([]column{{width: 95}}, []string{g.Text}))
			d.w.merge(t.row, 1, len(cols), mark+" "+g.Text, d.text)
			t.row++
		}
	}
	return t.finish(st, path)
}

// scoreTable writes the rows of a scored sheet's table under its
// document's header, one after the other, and its signature.
type scoreTable struct {
	d                    *document
	cols                 []column
	row                  int
	boldText, boldCenter int
	bold                 []int // a part's or section's row: bold, points centred
}

func newScoreTable(d *document, st data.Settings, l sheetLayout) (*scoreTable, error) {
	t := &scoreTable{d: d, cols: l.columns}
	t.boldText, _ = d.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: font, Size: 12, Bold: true}, Border: cellBorder,
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	t.boldCenter, _ = d.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: font, Size: 12, Bold: true}, Border: cellBorder,
		NumFmt: 2, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	t.bold = []int{t.boldCenter, t.boldText, t.boldCenter, t.boldCenter, t.boldText}
	var err error
	t.row, err = d.officialSheet(st, l)
	return t, err
}

// line writes one row of vals in styles, as high as its text needs (a
// little less in a font under 12 points).
func (t *scoreTable) line(vals []any, styles []int, fontSize float64) {
	texts := make([]string, len(vals))
	for i, v := range vals {
		if s, ok := v.(string); ok {
			texts[i] = s
		}
	}
	h := rowHeight(t.cols, texts)
	if fontSize < 12 {
		h = max(18, h*0.92)
	}
	t.d.w.setHeight(t.row, h)
	for i, v := range vals {
		t.d.w.set(t.row, i+1, v, styles[i])
	}
	t.row++
}

// result writes the result line under the total, across the table.
func (t *scoreTable) result(text string) {
	t.d.w.setHeight(t.row, rowHeight(t.cols[:2], []string{"", text})*1.2)
	t.d.w.set(t.row, 1, "", t.boldText)
	t.d.w.merge(t.row, 2, len(t.cols), text, t.boldText)
	t.row++
}

// finish signs the table for st's signer, kept on the page of its last
// rows, and saves the workbook to path.
func (t *scoreTable) finish(st data.Settings, path string) error {
	d := t.d
	end := d.signature(st, t.row+1, len(t.cols))
	if err := d.keepWithSignature(d.layout.headRow()+1, t.row-1, end); err != nil {
		return err
	}
	if err := d.w.close(); err != nil {
		return err
	}
	return d.save(path)
}

func chosenPoints(sheet *data.Sheet, c *data.Criterion) data.Score {
	if o := sheet.Chosen(c); o != nil {
		return o.Points
	}
	return 0
}

var cellBorder = []excelize.Border{
	{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
	{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
}

// PartIIISheetName is the name of the producer's Phần III worksheet.
const PartIIISheetName = "Phần III"

// PartIII names who the producer's Phần III is from.
type PartIII struct {
	Product        string
	Producer       string // the producer's name, at the head of the page
	Representative string // who signs for the producer
}

// WritePartIII writes sheet as the producer's Phần III of Mẫu số 02
// ("Đánh giá kết quả thực hiện theo Bộ tiêu chí sản phẩm OCOP", Phụ lục III
// of Decision 26/2026/QĐ-TTg): an A4 upright workbook headed by the
// producer, one row per part, section and criterion with the points the
// producer gives themself and, beside each criterion, the option chosen and
// the evidence described; the total and the stars it can reach; signed by
// the producer's representative. The office prints it for a producer it
// helps, to be signed and filed with the dossier.
func WritePartIII(st data.Settings, who PartIII, set *data.CriteriaSet, sheet *data.Sheet, res data.SheetResult, path string, day time.Time) error {
	if day.IsZero() {
		day = time.Now()
	}
	d, err := newDocument()
	if err != nil {
		return err
	}
	defer d.f.Close()
	// The producer heads and signs its own report.
	head := st
	head.ParentBody, head.OfficeName = "", who.Producer
	head.SignerAuthority, head.SignerTitle, head.SignerName = "", "Đại diện chủ thể", who.Representative
	cols := []column{{"TT", 6, d.textCenter}, {"Tiêu chí", 34, d.text}, {"Điểm tối đa", 8, d.score},
		{"Điểm tự đánh giá", 10, d.score}, {"Mô tả, tài liệu minh chứng", 38, d.text}}
	subtitle := "(Kèm theo Báo cáo tự đánh giá sản phẩm OCOP, Mẫu số 02 Phụ lục III " + set.Source + ")\n" +
		"Sản phẩm: " + who.Product + "\n" + fmt.Sprintf("Bộ tiêu chí số %d: %s", set.No, set.Name)
	t, err := newScoreTable(d, head, sheetLayout{name: PartIIISheetName, title: "PHẦN III. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN THEO BỘ TIÊU CHÍ SẢN PHẨM OCOP",
		subtitle: subtitle, columns: cols, day: day, portrait: true})
	if err != nil {
		return err
	}
	line := func(vals []any, styles []int) { t.line(vals, styles, 12) }
	bold, plain := t.bold, []int{d.textCenter, d.text, d.score, d.score, d.text}
	for pi, p := range set.Parts {
		line([]any{p.Code, "PHẦN " + p.Code + ": " + p.Name, p.Points.Float(), res.Parts[pi].Points.Float(), ""}, bold)
		for _, sec := range p.Sections {
			var got data.Score
			for _, c := range sec.Items {
				if c.Index >= 0 {
					got += chosenPoints(sheet, c)
				}
			}
			// A section scored as one criterion says its choice on its own row.
			said := func(c *data.Criterion) string {
				var out []string
				if o := sheet.Chosen(c); o != nil {
					out = append(out, o.Text)
				}
				if e := strings.TrimSpace(sheet.Evidence[c.Index]); e != "" {
					out = append(out, "Minh chứng: "+e)
				}
				return strings.Join(out, "\n")
			}
			note := ""
			if len(sec.Items) == 1 && sec.Items[0].Shape == "section" {
				note = said(sec.Items[0])
			}
			line([]any{sec.No, sec.Name, sec.Points.Float(), got.Float(), note}, []int{t.boldCenter, t.boldText, t.boldCenter, t.boldCenter, d.text})
			for _, c := range sec.Items {
				switch {
				case c.Index < 0: // a heading over sub-criteria
					line([]any{c.No, c.Name, c.Points.Float(), "", ""}, plain)
				case c.Shape != "section":
					var got any = ""
					if o := sheet.Chosen(c); o != nil {
						got = o.Points.Float()
					}
					line([]any{c.No, c.Name, c.Points.Float(), got, said(c)}, plain)
				}
			}
		}
	}
	line([]any{"", "TỔNG ĐIỂM TỰ ĐÁNH GIÁ", set.Points().Float(), res.Total.Float(), ""}, bold)
	t.result("Chủ thể tự đánh giá: " + res.Summary())
	return t.finish(head, path)
}

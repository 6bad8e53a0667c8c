package xlsx

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

// The reports a workbook can hold, one sheet each.
const (
	ReportProducts = "products"
	ReportSummary  = "summary"
	ReportExpiring = "expiring"
	ReportTraining = "training"
	ReportDossiers = "dossiers"
)

// Reports lists the report names in workbook order.
var Reports = []string{ReportProducts, ReportSummary, ReportExpiring, ReportTraining, ReportDossiers}

// ReportOptions say what the reports cover.
type ReportOptions struct {
	Period       data.Period
	Day          time.Time // of the place-date line; the period's end when zero
	ValidOnly    bool      // products: only certificates in force
	ExpiringDays int       // expiring: the window; the settings' when 0
	Number       string    // the reports' number ("15" of "Số: 15/BC-PKT"); dots to fill in by hand when empty
}

func (o ReportOptions) subtitle() string {
	if o.Period.From.Equal(o.Period.To) {
		return fmt.Sprintf("(Tính đến ngày %s)", data.VNDate(o.Period.To))
	}
	return fmt.Sprintf("(Kỳ báo cáo: %s; số liệu tính đến ngày %s)", viet.LowerFirst(o.Period.Label()), data.VNDate(o.Period.To))
}

// ParseReports reads report names separated by commas ("summary,expiring").
func ParseReports(list string) ([]string, error) {
	var out []string
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(strings.ToLower(n))
		found := false
		for _, r := range Reports {
			if n == r {
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("không có báo cáo %q: chọn trong %s", n, strings.Join(Reports, ", "))
		}
		out = append(out, n)
	}
	return out, nil
}

// WriteReports writes the named reports into one workbook at path, one
// sheet each, and returns how many rows each lists (for the summary, the
// number of certified products; for the dossiers, the number of dossiers).
func WriteReports(ctx context.Context, store *data.Store, path string, names []string, opt ReportOptions) (map[string]int, error) {
	if err := opt.Period.Validate(); err != nil {
		return nil, err
	}
	if opt.Day.IsZero() {
		opt.Day = opt.Period.To
	}
	st, err := store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	if opt.ExpiringDays == 0 {
		opt.ExpiringDays = st.ExpiryWindowDays
	}
	d, err := newDocument()
	if err != nil {
		return nil, err
	}
	defer d.f.Close()
	// The products as they stood at the end of the period, read once for every sheet.
	if d.rows, err = store.ProductsAt(ctx, opt.Period.To); err != nil {
		return nil, err
	}
	// The period's dossiers, for their sheet and the data part.
	dossiers, err := store.PeriodDossiers(ctx, opt.Period)
	if err != nil {
		return nil, err
	}
	// The summary's and the expiring list's reads of the store run beside
	// the product list's writing (a quarter of a second at 100,000
	// products), for their sheets to take when they come.
	if slices.Contains(names, ReportSummary) {
		ch := make(chan summaryRead, 1)
		go func() {
			sum, err := store.SummaryOf(ctx, opt.Period, d.rows)
			ch <- summaryRead{sum, err}
		}()
		d.summary = ch
	}
	if slices.Contains(names, ReportExpiring) {
		ch := make(chan expiringRead, 1)
		go func() {
			rows, err := store.ExpiringOf(ctx, d.rows, opt.Period.To, opt.ExpiringDays)
			ch <- expiringRead{rows, err}
		}()
		d.expiring = ch
	}
	// The data part's products are written beside the sheets.
	rd, err := d.startReportData(ctx, store, st, opt, dossiers)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, n := range names {
		var c int
		switch n {
		case ReportProducts:
			c, err = d.productsSheet(ctx, store, st, opt)
		case ReportSummary:
			c, err = d.summarySheet(ctx, store, st, opt)
		case ReportExpiring:
			c, err = d.expiringSheet(ctx, store, st, opt)
		case ReportTraining:
			c, err = d.trainingSheet(ctx, store, st, opt)
		case ReportDossiers:
			c, err = d.dossiersSheet(st, opt, dossiers)
		default:
			err = fmt.Errorf("không có báo cáo %q", n)
		}
		if err != nil {
			return nil, err
		}
		counts[n] = c
	}
	if err := d.finishReportData(ctx, store, opt, names, rd); err != nil {
		return nil, err
	}
	if err := d.save(path); err != nil {
		return nil, err
	}
	return counts, nil
}

// summaryRead and expiringRead are the store's answers read ahead.
type summaryRead struct {
	sum data.ReportSummary
	err error
}

type expiringRead struct {
	rows []data.ExpiringRow
	err  error
}

// section writes a bold section title across the table's width at row.
func (d *document) section(row, cols int, text string) {
	d.w.setHeight(row, 24)
	d.w.merge(row, 1, cols, text, d.plain(true, false, 12, "left"))
}

// headRow writes a table's heading row.
func (d *document) headRow(row int, titles []string) {
	d.w.setHeight(row, 32)
	for i, t := range titles {
		d.w.set(row, i+1, t, d.head)
	}
}

// starsTable writes lines of counts by stars (below 3, 3, 4, 5, total) and
// a totals row, from row on; it returns the row after the table.
func (d *document) starsTable(row int, cols []column, lines []data.NamedCount) int {
	var total data.StarCounts
	for i, l := range lines {
		vals := []any{i + 1, l.Name, l.Stars[1] + l.Stars[2], l.Stars[3], l.Stars[4], l.Stars[5], l.Stars.Total()}
		d.writeRow(cols, row+i, vals, 0)
		for k := range total {
			total[k] += l.Stars[k]
		}
	}
	d.totalsRow(cols, row+len(lines), []any{"", "Tổng cộng", total[1] + total[2], total[3], total[4], total[5], total.Total()})
	return row + len(lines) + 1
}

// totalsRow writes a bold totals row.
func (d *document) totalsRow(cols []column, row int, vals []any) {
	style, _ := d.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: font, Size: 12, Bold: true}, Border: borders,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	bold := make([]column, len(cols))
	for i, c := range cols {
		bold[i] = column{c.title, c.width, style}
	}
	d.writeRow(bold, row, vals, 0)
}

var borders = []excelize.Border{
	{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
	{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
}

// summarySheet writes the summary report (Tổng hợp): counts by group and
// stars, by commune, by producer type, certificate status and the
// decisions of the period, with charts of stars by commune and decisions
// by year. It returns the number of certified products.
func (d *document) summarySheet(ctx context.Context, store *data.Store, st data.Settings, opt ReportOptions) (int, error) {
	var sum data.ReportSummary
	var err error
	if d.summary != nil {
		r := <-d.summary
		sum, err, d.summary = r.sum, r.err, nil
	} else {
		sum, err = store.SummaryOf(ctx, opt.Period, d.rows)
	}
	if err != nil {
		return 0, err
	}
	cols := []column{{"STT", 6, d.number}, {"Ngành", 40, d.text}, {"Dưới 3 sao", 11, d.number}, {"3 sao", 10, d.number},
		{"4 sao", 10, d.number}, {"5 sao", 10, d.number}, {"Tổng số", 11, d.number}}
	const sh = "Tổng hợp"
	row, err := d.officialSheet(st, sheetLayout{name: sh, title: "BÁO CÁO TỔNG HỢP SẢN PHẨM OCOP", subtitle: opt.subtitle(),
		columns: cols, day: opt.Day, noList: true, addressed: true, number: opt.Number})
	if err != nil {
		return 0, err
	}
	// The layout's heading row heads table I. Each table keeps to one page.
	d.section(row-2, len(cols), "I. SẢN PHẨM ĐƯỢC CÔNG NHẬN THEO NGÀNH VÀ HẠNG SAO")
	row = d.starsTable(row, cols, sum.ByGroup)
	spans := []rowSpan{{1, row - 1}}

	spans = append(spans, rowSpan{row + 1, 0})
	d.section(row+1, len(cols), "II. THEO XÃ, PHƯỜNG")
	d.headRow(row+2, []string{"STT", "Xã, phường", "Dưới 3 sao", "3 sao", "4 sao", "5 sao", "Tổng số"})
	communeFirst := row + 3
	row = d.starsTable(communeFirst, cols, sum.ByCommune)
	communeLast := row - 2

	spans[len(spans)-1].to = row
	spans = append(spans, rowSpan{row + 1, 0})
	d.section(row+1, len(cols), "III. THEO LOẠI HÌNH CHỦ THỂ")
	d.headRow(row+2, []string{"STT", "Loại hình chủ thể", "Dưới 3 sao", "3 sao", "4 sao", "5 sao", "Tổng số"})
	row = d.starsTable(row+3, cols, sum.ByType)

	spans[len(spans)-1].to = row
	spans = append(spans, rowSpan{row + 1, 0})
	d.section(row+1, len(cols), "IV. TÌNH TRẠNG GIẤY CHỨNG NHẬN")
	statusCols := []column{cols[0], cols[1], {"", 11, d.number}}
	d.headRow(row+2, []string{"STT", "Tình trạng", "Số sản phẩm"})
	lines := []struct {
		name string
		n    int
	}{
		{"Còn hiệu lực", sum.Valid},
		{"   trong đó: sắp hết hạn (trong " + fmt.Sprint(st.ExpiryWindowDays) + " ngày)", sum.Expiring},
		{"Đã hết hạn", sum.Expired},
		{"Chưa được công nhận", sum.Uncertified},
	}
	for i, l := range lines {
		stt := any(i + 1)
		if i == 1 {
			stt = ""
		}
		d.writeRow(statusCols, row+3+i, []any{stt, l.name, l.n}, 0)
	}
	d.totalsRow(statusCols, row+3+len(lines), []any{"", "Tổng số sản phẩm", sum.Products})
	row += 4 + len(lines)

	spans[len(spans)-1].to = row
	spans = append(spans, rowSpan{row + 1, 0})
	d.section(row+1, len(cols), "V. SẢN PHẨM ĐƯỢC CÔNG NHẬN MỚI HOẶC CÔNG NHẬN LẠI TRONG KỲ")
	d.headRow(row+2, []string{"STT", "Nội dung", "Dưới 3 sao", "3 sao", "4 sao", "5 sao", "Tổng số"})
	row = d.starsTable(row+3, cols, []data.NamedCount{{Name: "Quyết định công nhận trong kỳ", Stars: sum.New}})

	spans[len(spans)-1].to = row - 1

	// Decisions by year, for the second chart, to the right of the tables and
	// outside the print area: the chart prints, not its figures.
	years := sum.Years()
	yearCol, countCol := "I", "J"
	d.f.SetColWidth(sh, yearCol, countCol, 12)
	d.f.SetCellStr(sh, yearCol+"1", "Năm")
	d.f.SetCellStr(sh, countCol+"1", "Số quyết định")
	d.f.SetCellStyle(sh, yearCol+"1", countCol+"1", d.head)
	for i, y := range years {
		d.f.SetCellInt(sh, fmt.Sprintf("%s%d", yearCol, 2+i), int64(y))
		d.f.SetCellInt(sh, fmt.Sprintf("%s%d", countCol, 2+i), int64(sum.ByYear[y]))
		d.f.SetCellStyle(sh, fmt.Sprintf("%s%d", yearCol, 2+i), fmt.Sprintf("%s%d", countCol, 2+i), d.number)
	}
	if err := d.summaryCharts(sh, communeFirst, communeLast, len(years), row+1); err != nil {
		return 0, err
	}
	// The charts take 300 pixels (225 points) from row+1; the signature follows.
	chartRows := int(math.Ceil(225/defaultRowHeight)) + 1
	end := d.signature(st, row+1+chartRows, len(cols))
	spans = append(spans, rowSpan{row + 1, end})
	if err := d.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$G$%d", sh, end), Scope: sh}); err != nil {
		return 0, err
	}
	if err := d.paginate(spans); err != nil {
		return 0, err
	}
	return sum.Certified, d.w.close()
}

// summaryCharts adds native Excel charts: stars by commune (stacked
// columns from table II) and decisions by year, below the tables at row.
func (d *document) summaryCharts(sh string, communeFirst, communeLast, years, row int) error {
	ref := func(col string, a, b int) string { return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sh, col, a, col, b) }
	axisFont := excelize.Font{Family: font, Size: 10}
	if communeLast >= communeFirst {
		var series []excelize.ChartSeries
		for i, col := range []string{"D", "E", "F"} {
			series = append(series, excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$%s$%d", sh, col, communeFirst-1),
				Categories: ref("B", communeFirst, communeLast), Values: ref(col, communeFirst, communeLast),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{[]string{"A5D6A7", "43A047", "1B5E20"}[i]}}})
		}
		err := d.f.AddChart(sh, fmt.Sprintf("A%d", row), &excelize.Chart{
			Type: excelize.ColStacked, Series: series, Format: excelize.GraphicOptions{OffsetY: 4},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Sản phẩm theo xã, phường và hạng sao", Font: &excelize.Font{Family: font, Size: 12, Bold: true}}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			XAxis:     excelize.ChartAxis{Font: axisFont},
			YAxis:     excelize.ChartAxis{Font: axisFont, MajorGridLines: true},
			Dimension: excelize.ChartDimension{Width: 410, Height: 300},
		})
		if err != nil {
			return err
		}
	}
	if years > 0 {
		// Beside the first, within the table's width (columns A-G, 728
		// pixels; column D starts at 417).
		err := d.f.AddChart(sh, fmt.Sprintf("D%d", row), &excelize.Chart{
			Type: excelize.Col, Format: excelize.GraphicOptions{OffsetX: 8, OffsetY: 4},
			Series: []excelize.ChartSeries{{Name: fmt.Sprintf("'%s'!$J$1", sh), Categories: ref("I", 2, 1+years), Values: ref("J", 2, 1+years),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1B5E20"}}}},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Quyết định công nhận theo năm", Font: &excelize.Font{Family: font, Size: 12, Bold: true}}}},
			Legend:    excelize.ChartLegend{Position: "none"},
			XAxis:     excelize.ChartAxis{Font: axisFont},
			YAxis:     excelize.ChartAxis{Font: axisFont, MajorGridLines: true},
			Dimension: excelize.ChartDimension{Width: 300, Height: 300},
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// expiringSheet writes the certificates expired or ending within the
// window, soonest first, with producers' contacts.
func (d *document) expiringSheet(ctx context.Context, store *data.Store, st data.Settings, opt ReportOptions) (int, error) {
	var rows []data.ExpiringRow
	var err error
	if d.expiring != nil {
		r := <-d.expiring
		rows, err, d.expiring = r.rows, r.err, nil
	} else {
		rows, err = store.ExpiringOf(ctx, d.rows, opt.Period.To, opt.ExpiringDays)
	}
	if err != nil {
		return 0, err
	}
	cols := []column{{"STT", 6, d.number}, {"Tên sản phẩm", 28, d.text}, {"Chủ thể", 28, d.text}, {"Người đại diện", 18, d.text},
		{"Điện thoại", 14, d.textCenter}, {"Địa chỉ", 30, d.text}, {"Hạng sao", 8, d.number}, {"Số quyết định", 16, d.textCenter},
		{"Ngày quyết định", 13, d.date}, {"Ngày hết hạn", 13, d.date}, {"Tình trạng", 16, d.textCenter}}
	const sh = "Sắp hết hạn"
	first, err := d.officialSheet(st, sheetLayout{name: sh, title: "DANH SÁCH SẢN PHẨM OCOP HẾT HẠN HOẶC SẮP HẾT HẠN CÔNG NHẬN",
		subtitle: fmt.Sprintf("(Hết hạn trước ngày %s hoặc trong %d ngày tiếp theo)", data.VNDate(opt.Period.To), opt.ExpiringDays),
		columns:  cols, day: opt.Day, stream: true, addressed: true, number: opt.Number})
	if err != nil {
		return 0, err
	}
	for i, r := range rows {
		state := "Đã hết hạn"
		if left := int(r.ValidUntil.Sub(data.DateOf(opt.Period.To)).Hours() / 24); left >= 0 {
			state = fmt.Sprintf("Còn %d ngày", left)
		}
		d.writeRow(cols, first+i, []any{i + 1, r.Name, r.Producer, r.Representative, r.Phone, r.Address, r.Stars,
			r.DecisionNo, r.DecisionDate, r.ValidUntil, state}, 0)
	}
	last := first + len(rows) - 1
	if err := d.autoFilter(first, last, len(cols)); err != nil {
		return 0, err
	}
	end := d.signature(st, max(last, first)+2, len(cols))
	if err := d.keepWithSignature(first, max(last, first), end); err != nil {
		return 0, err
	}
	return len(rows), d.w.close()
}

// trainingSheet writes the courses of the period and the training
// statistics: courses, participant-times, people, by role, gender and
// ethnicity.
func (d *document) trainingSheet(ctx context.Context, store *data.Store, st data.Settings, opt ReportOptions) (int, error) {
	tr, err := d.periodTraining(ctx, store, opt.Period)
	if err != nil {
		return 0, err
	}
	courses, stats := tr.courses, tr.stats
	cols := []column{{"STT", 6, d.number}, {"Tên lớp tập huấn", 40, d.text}, {"Từ ngày", 13, d.date}, {"Đến ngày", 13, d.date},
		{"Địa điểm", 28, d.text}, {"Số buổi", 9, d.number}, {"Số học viên", 11, d.number}, {"Có mặt", 10, d.number}}
	const sh = "Tập huấn"
	first, err := d.officialSheet(st, sheetLayout{name: sh, title: "BÁO CÁO KẾT QUẢ TẬP HUẤN OCOP", subtitle: opt.subtitle(),
		columns: cols, day: opt.Day, noList: true, addressed: true, number: opt.Number})
	if err != nil {
		return 0, err
	}
	d.section(first-2, len(cols), "I. CÁC LỚP TẬP HUẤN TRONG KỲ")
	enrolled, attended := 0, 0
	for i, c := range courses {
		d.writeRow(cols, first+i, []any{i + 1, c.Title, c.Start, c.End, c.Location, c.Sessions, c.Enrolled, c.Attended}, 0)
		enrolled += c.Enrolled
		attended += c.Attended
	}
	row := first + len(courses)
	d.totalsRow(cols, row, []any{"", "Tổng cộng", "", "", "", "", enrolled, attended})

	two := []column{cols[0], cols[1], {"", 11, d.number}}
	d.section(row+2, len(cols), "II. KẾT QUẢ")
	d.headRow(row+3, []string{"STT", "Chỉ tiêu", "Số lượng"})
	lines := [][2]any{{"Số lớp tập huấn", stats.Courses}, {"Số lượt người tham gia (có mặt ít nhất một buổi)", stats.ParticipantTimes},
		{"Số người được tập huấn", stats.People}}
	lines = append(lines, [2]any{"Theo vai trò:", ""})
	for _, r := range data.Roles {
		lines = append(lines, [2]any{"   " + r.Name, stats.ByRole[r.Code]})
	}
	lines = append(lines, [2]any{"Theo giới tính:", ""}, [2]any{"   Nam", stats.ByGender[data.GenderMale]},
		[2]any{"   Nữ", stats.ByGender[data.GenderFemale]})
	if n := stats.ByGender[""]; n > 0 {
		lines = append(lines, [2]any{"   Chưa rõ", n})
	}
	lines = append(lines, [2]any{"Theo dân tộc:", ""})
	groups, err := store.EthnicGroups(ctx)
	if err != nil {
		return 0, err
	}
	for _, g := range append(groups, "") {
		if n := stats.ByEthnicity[g]; n > 0 {
			name := g
			if name == "" {
				name = "Chưa rõ"
			}
			lines = append(lines, [2]any{"   " + name, n})
		}
	}
	stt := 0
	for i, l := range lines {
		num := any("")
		if !strings.HasPrefix(l[0].(string), "   ") {
			stt++
			num = stt
		}
		d.writeRow(two, row+4+i, []any{num, l[0], l[1]}, 0)
	}
	last := row + 4 + len(lines)
	end := d.signature(st, last+1, len(cols))
	// Table I with the header, table II (most often short) with the signature.
	if err := d.paginate([]rowSpan{{1, min(row, first+2)}, {row + 2, end}}); err != nil {
		return 0, err
	}
	return len(courses), d.w.close()
}

package xlsx

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

// The provincial workbook: the offices' reports combined
// (data.CombineOfficeReports), in the same official layout as an office's
// reports, headed and signed with the settings of the province's own
// database.

// Sheet names of the provincial workbook.
const (
	ProvinceProductsSheet = "Danh sách sản phẩm"
	ProvinceSummarySheet  = "Tổng hợp"
	ProvinceTrainingSheet = "Tập huấn"
	ProvinceDossiersSheet = "Hồ sơ OCOP"
	ProvinceSourcesSheet  = "Nguồn số liệu"
)

// ProvinceOptions say how the provincial workbook is dated.
type ProvinceOptions struct {
	Day    time.Time // of the place-date line; the period's end when zero
	Number string    // the report's number; dots to fill in by hand when empty
}

// CombineOfficeFiles combines files read with ReadOfficeReports, naming
// groups and producer types from store's reference lists.
func CombineOfficeFiles(ctx context.Context, store *data.Store, files []data.OfficeFile) (data.Province, error) {
	classes, err := store.Classification(ctx)
	if err != nil {
		return data.Province{}, err
	}
	types, err := store.ProducerTypes(ctx)
	if err != nil {
		return data.Province{}, err
	}
	return data.CombineOfficeReports(files, classes, types), nil
}

// WriteProvince writes the provincial workbook at path: every product with
// its office, the summary tables (by office, stars, group, commune and
// producer type), the training by office, the dossiers by office (kind,
// status and result), and the list of files with what was done with each. It fails when no file could be combined.
func WriteProvince(ctx context.Context, store *data.Store, path string, prov data.Province, opt ProvinceOptions) error {
	if len(prov.Included) == 0 {
		return fmt.Errorf("không có báo cáo nào gộp được: không ghi tệp %s", path)
	}
	st, err := store.Settings(ctx)
	if err != nil {
		return err
	}
	if opt.Day.IsZero() {
		opt.Day = prov.Period.To
	}
	d, err := newDocument()
	if err != nil {
		return err
	}
	defer d.f.Close()
	ro := ReportOptions{Period: prov.Period, Day: opt.Day, Number: opt.Number}
	// The Sở reports to the province's People's Committee unless it says otherwise.
	if st.Recipient == "" {
		st.Recipient = "Ủy ban nhân dân " + st.ProvinceTitle()
	}
	subtitle := fmt.Sprintf("%s\n(Tổng hợp từ báo cáo của %d đơn vị)", ro.subtitle(), len(prov.Included))
	for _, write := range []func(data.Settings, data.Province, ReportOptions, string) error{
		d.provinceProducts, d.provinceSummary, d.provinceTraining, d.provinceDossiers, d.provinceSources,
	} {
		if err := write(st, prov, ro, subtitle); err != nil {
			return err
		}
	}
	d.f.SetActiveSheet(0)
	return d.save(path)
}

func (d *document) provinceProducts(st data.Settings, prov data.Province, opt ReportOptions, subtitle string) error {
	cols := []column{
		{"STT", 6, d.number}, {"Đơn vị báo cáo", 22, d.text}, {"Tên sản phẩm", 24, d.text}, {"Chủ thể", 22, d.text},
		{"Loại hình", 13, d.textCenter}, {"Xã, phường", 13, d.text}, {"Bộ sản phẩm", 18, d.text}, {"Điểm", 8, d.score},
		{"Hạng sao", 7, d.number}, {"Số quyết định", 14, d.textCenter}, {"Ngày quyết định", 12, d.date},
		{"Ngày hết hạn", 12, d.date}, {"Tình trạng", 14, d.textCenter}, {"Ghi chú", 26, d.text},
	}
	first, err := d.officialSheet(st, sheetLayout{name: ProvinceProductsSheet, title: "DANH SÁCH SẢN PHẨM OCOP TOÀN TỈNH",
		subtitle: subtitle, columns: cols, day: opt.Day, stream: true, addressed: true, number: opt.Number})
	if err != nil {
		return err
	}
	for i, p := range prov.Products {
		set := p.SetCode
		if p.SetName != "" {
			set += " " + p.SetName
		}
		note := ""
		if len(p.Also) > 0 {
			note = "Cũng có trong báo cáo của " + strings.Join(p.Also, "; ")
		}
		vals := []any{i + 1, p.Office, p.Name, p.Producer, p.ProducerTypeName, p.Commune, set, nil, nil, p.DecisionNo, nil, nil,
			p.Status.Label(), note}
		if s, ok := p.ScoreValue(); ok {
			vals[7] = s.Float()
		}
		if p.Certified {
			vals[8] = p.Stars
			vals[10] = p.DecisionDate
			vals[11] = p.ValidUntil
		}
		if err := d.writeRow(cols, first+i, vals, 0); err != nil {
			return err
		}
	}
	last := first + len(prov.Products) - 1
	if err := d.autoFilter(first, last, len(cols)); err != nil {
		return err
	}
	end := d.signature(st, max(last, first)+2, len(cols))
	if err := d.keepWithSignature(first, max(last, first), end); err != nil {
		return err
	}
	return d.w.close()
}

func (d *document) provinceSummary(st data.Settings, prov data.Province, opt ReportOptions, subtitle string) error {
	cols := []column{{"STT", 6, d.number}, {"Đơn vị báo cáo", 44, d.text}, {"Dưới 3 sao", 11, d.number}, {"3 sao", 10, d.number},
		{"4 sao", 10, d.number}, {"5 sao", 10, d.number}, {"Tổng số", 11, d.number}}
	row, err := d.officialSheet(st, sheetLayout{name: ProvinceSummarySheet, title: "BÁO CÁO TỔNG HỢP SẢN PHẨM OCOP TOÀN TỈNH",
		subtitle: subtitle, columns: cols, day: opt.Day, noList: true, addressed: true, number: opt.Number})
	if err != nil {
		return err
	}
	d.section(row-2, len(cols), "I. SẢN PHẨM ĐƯỢC CÔNG NHẬN THEO ĐƠN VỊ BÁO CÁO VÀ HẠNG SAO")
	row = d.starsTable(row, cols, prov.ByOffice)

	blocks := []int{row + 1}
	d.section(row+1, len(cols), "II. THEO HẠNG SAO VÀ TÌNH TRẠNG GIẤY CHỨNG NHẬN")
	d.headRow(row+2, []string{"STT", "Hạng sao", "Số sản phẩm", "Còn hiệu lực", "Đã hết hạn"})
	starCols := cols[:5]
	var certified, valid, expired int
	for i, l := range prov.ByStars {
		d.writeRow(starCols, row+3+i, []any{i + 1, l.Name, l.Certified, l.Valid, l.Expired}, 0)
		certified += l.Certified
		valid += l.Valid
		expired += l.Expired
	}
	row += 3 + len(prov.ByStars)
	d.totalsRow(starCols, row, []any{"", "Tổng cộng", certified, valid, expired})
	if n := prov.Total - certified; n > 0 {
		d.writeRow(starCols, row+1, []any{"", "Sản phẩm chưa được công nhận (không tính ở trên)", n, "", ""}, 0)
		row++
	}
	row++

	blocks = append(blocks, row+1)
	d.section(row+1, len(cols), "III. THEO NGÀNH")
	d.headRow(row+2, []string{"STT", "Ngành", "Dưới 3 sao", "3 sao", "4 sao", "5 sao", "Tổng số"})
	row = d.starsTable(row+3, cols, prov.ByGroup)

	blocks = append(blocks, row+1)
	d.section(row+1, len(cols), "IV. THEO XÃ, PHƯỜNG")
	d.headRow(row+2, []string{"STT", "Xã, phường", "Dưới 3 sao", "3 sao", "4 sao", "5 sao", "Tổng số"})
	row = d.starsTable(row+3, cols, prov.ByCommune)

	blocks = append(blocks, row+1)
	d.section(row+1, len(cols), "V. THEO LOẠI HÌNH CHỦ THỂ")
	d.headRow(row+2, []string{"STT", "Loại hình chủ thể", "Dưới 3 sao", "3 sao", "4 sao", "5 sao", "Tổng số"})
	row = d.starsTable(row+3, cols, prov.ByType)

	end := d.signature(st, row+1, len(cols))
	if err := d.keepTogether(blocks, end); err != nil {
		return err
	}
	return d.w.close()
}

func (d *document) provinceTraining(st data.Settings, prov data.Province, opt ReportOptions, subtitle string) error {
	cols := []column{{"STT", 6, d.number}, {"Đơn vị báo cáo", 30, d.text}, {"Số lớp", 7, d.number},
		{"Lượt người tham gia", 10, d.number}, {"Số người được tập huấn", 10, d.number}}
	for _, r := range data.Roles {
		cols = append(cols, column{r.Name, 10, d.number})
	}
	cols = append(cols, column{"Nam", 7, d.number}, column{"Nữ", 7, d.number})
	unknownGender := prov.TrainingTotal.ByGender[""] > 0
	if unknownGender {
		cols = append(cols, column{"Chưa rõ giới tính", 9, d.number})
	}
	row, err := d.officialSheet(st, sheetLayout{name: ProvinceTrainingSheet, title: "BÁO CÁO KẾT QUẢ TẬP HUẤN OCOP TOÀN TỈNH",
		subtitle: subtitle, columns: cols, day: opt.Day, noList: true, addressed: true, number: opt.Number})
	if err != nil {
		return err
	}
	d.w.setHeight(row-1, 52) // three lines of heading
	d.section(row-2, len(cols), "I. KẾT QUẢ TẬP HUẤN THEO ĐƠN VỊ BÁO CÁO")
	line := func(stt any, name string, s data.TrainingStats) []any {
		vals := []any{stt, name, s.Courses, s.ParticipantTimes, s.People}
		for _, r := range data.Roles {
			vals = append(vals, s.ByRole[r.Code])
		}
		vals = append(vals, s.ByGender[data.GenderMale], s.ByGender[data.GenderFemale])
		if unknownGender {
			vals = append(vals, s.ByGender[""])
		}
		return vals
	}
	for i, t := range prov.Training {
		d.writeRow(cols, row+i, line(i+1, t.Office, t.TrainingStats), 0)
	}
	row += len(prov.Training)
	d.totalsRow(cols, row, line("", "Tổng cộng", prov.TrainingTotal))
	row++

	two := []column{cols[0], cols[1], {"", 11, d.number}}
	var blocks []int
	for _, part := range []struct {
		title, head string
		counts      map[string]int
		unknown     string
	}{
		{"II. SỐ NGƯỜI ĐƯỢC TẬP HUẤN THEO DÂN TỘC", "Dân tộc", prov.TrainingTotal.ByEthnicity, "Chưa rõ"},
		{"III. SỐ NGƯỜI ĐƯỢC TẬP HUẤN THEO XÃ, PHƯỜNG", "Xã, phường", prov.TrainingTotal.ByCommune, "(chưa rõ xã)"},
	} {
		blocks = append(blocks, row+1)
		d.section(row+1, len(cols), part.title)
		d.headRow(row+2, []string{"STT", part.head, "Số người"})
		row += 3
		sum := 0
		for i, k := range data.SortedKeys(part.counts) {
			name := k
			if k == "" {
				name = part.unknown
			}
			d.writeRow(two, row, []any{i + 1, name, part.counts[k]}, 0)
			sum += part.counts[k]
			row++
		}
		d.totalsRow(two, row, []any{"", "Tổng cộng", sum})
		row++
	}
	d.w.setHeight(row+1, 20)
	d.w.merge(row+1, 1, len(cols), "Ghi chú: số người được tập huấn là tổng số của các đơn vị; một người học ở hai đơn vị được tính ở cả hai.",
		d.plain(false, true, 11, "left"))
	end := d.signature(st, row+3, len(cols))
	if err := d.keepTogether(blocks, end); err != nil {
		return err
	}
	return d.w.close()
}

// provinceDossiers writes the dossiers of the period by office: by kind
// and by status at the end of the period, then the province's results by
// stars. An office whose report predates dossiers has a line saying so,
// not zeros, and is left out of the totals.
func (d *document) provinceDossiers(st data.Settings, prov data.Province, opt ReportOptions, subtitle string) error {
	cols := []column{{"STT", 6, d.number}, {"Đơn vị báo cáo", 36, d.text}, {"Số hồ sơ", 8, d.number}}
	for _, k := range data.DossierKinds {
		cols = append(cols, column{k.Label(), 9, d.number})
	}
	for _, s := range data.DossierStatuses {
		cols = append(cols, column{s.Label(), 9, d.number})
	}
	row, err := d.officialSheet(st, sheetLayout{name: ProvinceDossiersSheet, title: "BÁO CÁO TÌNH HÌNH HỒ SƠ OCOP TOÀN TỈNH",
		subtitle: subtitle, columns: cols, day: opt.Day, noList: true, addressed: true, number: opt.Number})
	if err != nil {
		return err
	}
	d.w.setHeight(row-1, 52) // three lines of heading
	d.section(row-2, len(cols), "I. HỒ SƠ THEO ĐƠN VỊ BÁO CÁO, LOẠI HỒ SƠ VÀ TÌNH TRẠNG CUỐI KỲ")
	line := func(stt any, name string, c data.DossierCounts) []any {
		vals := []any{stt, name, c.Total()}
		for _, k := range data.DossierKinds {
			vals = append(vals, c.Kind(k))
		}
		for _, s := range data.DossierStatuses {
			vals = append(vals, c.Status(s))
		}
		return vals
	}
	unknown := d.plain(false, true, 11, "center")
	for i, l := range prov.Dossiers {
		if !l.Known {
			d.writeRow(cols[:2], row+i, []any{i + 1, l.Office}, 0)
			d.w.merge(row+i, 3, len(cols), "Chưa có số liệu hồ sơ (báo cáo xuất bằng phiên bản OCOP Desk cũ)", unknown)
			for c := 4; c <= len(cols); c++ { // the merged cells' borders
				d.w.set(row+i, c, nil, d.text)
			}
			continue
		}
		d.writeRow(cols, row+i, line(i+1, l.Office, l.DossierCounts), 0)
	}
	row += len(prov.Dossiers)
	d.totalsRow(cols, row, line("", "Tổng cộng", prov.DossierTotal))
	row++
	if prov.NoDossiers > 0 {
		d.w.setHeight(row, 20)
		d.w.merge(row, 1, len(cols), fmt.Sprintf("Ghi chú: %d đơn vị gửi báo cáo xuất bằng phiên bản cũ, chưa có số liệu hồ sơ; dòng tổng cộng không tính các đơn vị này.",
			prov.NoDossiers), d.plain(false, true, 11, "left"))
		row++
	}

	blocks := []int{row + 1}
	d.section(row+1, len(cols), "II. KẾT QUẢ ĐÁNH GIÁ, PHÂN HẠNG CỦA TỈNH THEO ĐƠN VỊ BÁO CÁO")
	d.headRow(row+2, []string{"STT", "Đơn vị báo cáo", "Đạt 3 sao", "Đạt 4 sao", "Đạt 5 sao", "Tổng số đạt", "Không đạt"})
	results := cols[:7]
	result := func(stt any, name string, c data.DossierCounts) []any {
		var stars data.StarCounts
		for _, p := range c.Passed {
			for i := range stars {
				stars[i] += p[i]
			}
		}
		return []any{stt, name, stars[3], stars[4], stars[5], c.Status(data.DossierPassed), c.Status(data.DossierFailed)}
	}
	row += 3
	n := 0
	for _, l := range prov.Dossiers {
		if l.Known {
			n++
			d.writeRow(results, row, result(n, l.Office, l.DossierCounts), 0)
			row++
		}
	}
	d.totalsRow(results, row, result("", "Tổng cộng", prov.DossierTotal))
	end := d.signature(st, row+2, len(cols))
	if err := d.keepTogether(blocks, end); err != nil {
		return err
	}
	return d.w.close()
}

func (d *document) provinceSources(st data.Settings, prov data.Province, opt ReportOptions, subtitle string) error {
	cols := []column{{"STT", 6, d.number}, {"Tệp", 28, d.text}, {"Đơn vị báo cáo", 30, d.text}, {"Kỳ báo cáo", 18, d.textCenter},
		{"Ngày xuất", 12, d.date}, {"Số sản phẩm", 10, d.number}, {"Số lớp tập huấn", 10, d.number}, {"Kết quả", 50, d.text}}
	first, err := d.officialSheet(st, sheetLayout{name: ProvinceSourcesSheet, title: "CÁC BÁO CÁO ĐƯỢC TỔNG HỢP",
		subtitle: subtitle, columns: cols, day: opt.Day, addressed: true, number: opt.Number})
	if err != nil {
		return err
	}
	for i, f := range prov.Files {
		vals := []any{i + 1, f.Name(), "", "", nil, nil, nil, ""}
		if r := f.Report; r != nil {
			vals[2] = f.OfficeLabel()
			vals[3] = r.Period().Label()
			vals[4] = data.DateOf(r.Exported.Local())
			vals[5] = len(r.Products)
			vals[6] = r.Training.CourseCount
		}
		result := []string{"Đã gộp"}
		if f.LeftOut() {
			result = []string{"KHÔNG GỘP"}
		}
		shared := 0
		for _, p := range f.Problems {
			if p.Kind == data.ProblemSharedProduct {
				shared++ // each is noted beside the product in the list
				continue
			}
			result = append(result, "- "+viet.UpperFirst(p.Message))
		}
		if shared > 0 {
			result = append(result, fmt.Sprintf("- %d sản phẩm cũng có trong báo cáo của đơn vị khác, chỉ tính một lần (xem cột Ghi chú ở trang «%s»)", shared, ProvinceProductsSheet))
		}
		vals[7] = strings.Join(result, "\n")
		lines := 0
		for _, l := range result {
			lines += wrappedLines(l, int(cols[7].width*1.05)-1)
		}
		d.writeRow(cols, first+i, vals, min(float64(lines)*16+4, 409)) // Excel's tallest row
	}
	last := first + len(prov.Files) - 1
	end := d.signature(st, max(last, first)+2, len(cols))
	if err := d.keepWithSignature(first, max(last, first), end); err != nil {
		return err
	}
	return d.w.close()
}

// keepTogether paginates a sheet of several tables, starting at the rows
// starts, the last one running to the signature block's end: no table is
// cut from its heading or totals row when it fits on a page, and the
// signature stays with the last table. The header goes with the first.
func (d *document) keepTogether(starts []int, end int) error {
	spans := []rowSpan{{1, starts[0] - 1}}
	for i, from := range starts {
		to := end
		if i+1 < len(starts) {
			to = starts[i+1] - 1
		}
		spans = append(spans, rowSpan{from, to})
	}
	return d.paginate(spans)
}

package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// DossiersSheet is the name of the dossier report's sheet.
const DossiersSheet = "Hồ sơ OCOP"

// dossiersSheet writes the dossier report (Hồ sơ OCOP) of rows, the
// period's dossiers as Store.PeriodDossiers gives them: a table by status
// and kind, one of the province's results by stars and kind, then the list
// with each dossier's result. It returns the number of dossiers.
func (d *document) dossiersSheet(st data.Settings, opt ReportOptions, rows []data.DossierRow) (int, error) {
	cols := []column{{"STT", 6, d.number}, {"Số phiếu tiếp nhận", 20, d.textCenter}, {"Tên sản phẩm", 24, d.text},
		{"Chủ thể", 22, d.text}, {"Xã, phường", 13, d.text}, {"Loại hồ sơ", 11, d.textCenter}, {"Ngày tiếp nhận", 11, d.date},
		{"Tình trạng", 13, d.textCenter}, {"Đợt của tỉnh", 9, d.textCenter}, {"Hạng sao", 7, d.number}, {"Điểm", 8, d.score},
		{"Quyết định, thông báo kết quả", 18, d.textCenter}}
	subtitle := opt.subtitle() + fmt.Sprintf("\n(Hồ sơ tiếp nhận trong kỳ và hồ sơ kỳ trước chuyển sang; tình trạng tại ngày %s)",
		data.VNDate(opt.Period.To))
	row, err := d.officialSheet(st, sheetLayout{name: DossiersSheet, title: "BÁO CÁO TÌNH HÌNH TIẾP NHẬN, ĐÁNH GIÁ HỒ SƠ OCOP",
		subtitle: subtitle, columns: cols, day: opt.Day, noList: true, addressed: true, number: opt.Number})
	if err != nil {
		return 0, err
	}
	counts := data.CountDossiers(rows, opt.Period)
	// The layout's heading row heads table I, narrower than the list: the
	// list's titles there are written over, the cells beyond left blank.
	kinds := data.DossierKinds
	table := []column{{"", cols[0].width, d.number}, {"", cols[1].width, d.text}}
	heading := []string{"STT", "Tình trạng"}
	for i, k := range kinds {
		table = append(table, column{"", cols[2+i].width, d.number})
		heading = append(heading, k.Label())
	}
	table = append(table, column{"", cols[2+len(kinds)].width, d.number})
	heading = append(heading, "Tổng số")
	d.headRow(row-1, heading)
	blank := d.plain(false, false, 12, "left")
	for c := len(table) + 1; c <= len(cols); c++ {
		d.w.set(row-1, c, "", blank)
	}
	d.section(row-2, len(cols), "I. HỒ SƠ THEO TÌNH TRẠNG VÀ LOẠI HỒ SƠ")
	line := func(stt any, name string, n func(k data.DossierKind) int) []any {
		vals := []any{stt, name}
		total := 0
		for _, k := range kinds {
			vals = append(vals, n(k))
			total += n(k)
		}
		return append(vals, total)
	}
	for i, s := range data.DossierStatuses {
		d.writeRow(table, row+i, line(i+1, s.Label(), func(k data.DossierKind) int { return counts.ByKind[k][s] }), 0)
	}
	row += len(data.DossierStatuses)
	d.totalsRow(table, row, line("", "Tổng cộng", counts.Kind))
	d.writeRow(table, row+1, line("", "Trong đó: tiếp nhận trong kỳ", func(k data.DossierKind) int { return counts.Received[k] }), 0)
	row += 2
	spans := []rowSpan{{1, row - 1}}

	spans = append(spans, rowSpan{row + 1, 0})
	d.section(row+1, len(cols), "II. KẾT QUẢ ĐÁNH GIÁ, PHÂN HẠNG CỦA TỈNH")
	d.headRow(row+2, append([]string{"STT", "Kết quả"}, heading[2:]...))
	row += 3
	for stars := 3; stars <= 5; stars++ {
		d.writeRow(table, row, line(stars-2, fmt.Sprintf("Đạt %d sao", stars), func(k data.DossierKind) int { return counts.Passed[k][stars] }), 0)
		row++
	}
	d.writeRow(table, row, line(4, data.DossierFailed.Label(), func(k data.DossierKind) int { return counts.ByKind[k][data.DossierFailed] }), 0)
	d.totalsRow(table, row+1, line("", "Tổng cộng", func(k data.DossierKind) int {
		return counts.Passed[k].Total() + counts.ByKind[k][data.DossierFailed]
	}))
	row += 2
	spans[len(spans)-1].to = row - 1

	// III: the list, its section and heading kept with its first rows.
	d.section(row+1, len(cols), "III. DANH SÁCH HỒ SƠ")
	listHead := row + 2
	d.w.setHeight(listHead, d.w.rowHeight(d.layout.headRow()))
	for i, c := range cols {
		d.w.set(listHead, i+1, c.title, d.head)
	}
	first := listHead + 1
	for i, r := range rows {
		vals := []any{i + 1, r.Receipt.String(), r.Product, r.Producer, r.Commune, r.Kind.Label(), r.Received, r.Status.Label(),
			roundText(r.Round), nil, nil, resultText(r)}
		if r.Status == data.DossierPassed && r.Result.Stars > 0 {
			vals[9] = r.Result.Stars
		}
		if r.Result.HasScore {
			vals[10] = r.Result.Score.Float()
		}
		d.writeRow(cols, first+i, vals, 0)
	}
	last := first + len(rows) - 1
	if len(rows) == 0 {
		d.w.setHeight(first, 20)
		d.w.merge(first, 1, len(cols), "(Không có hồ sơ nào trong kỳ)", d.plain(false, true, 12, "center"))
		last = first
	}
	end := d.signature(st, last+2, len(cols))
	// The list's first rows go with its heading, its last three with the
	// signature: one span when the list is short.
	if keep := max(first, last-2); keep <= first+2 {
		spans = append(spans, rowSpan{row + 1, end})
	} else {
		spans = append(spans, rowSpan{row + 1, first + 1}, rowSpan{keep, end})
	}
	// The list's heading, as tall as the layout's heading row, repeats at
	// the top of each page the list runs on to; paginate counts it there.
	if err := d.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", DossiersSheet, listHead, listHead), Scope: DossiersSheet}); err != nil {
		return 0, err
	}
	d.layout.noList = false
	if err := d.paginate(spans); err != nil {
		return 0, err
	}
	return len(rows), d.w.close()
}

// roundText writes a round as the list's narrow column does: "2/2026".
func roundText(r data.Round) string {
	if r.Year == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", r.No, r.Year)
}

// resultText is the decision (Đạt) or the notice (Không đạt) of a dossier
// with its result: "1203/QĐ-UBND ngày 07/07/2026".
func resultText(r data.DossierRow) string {
	if r.Status != data.DossierPassed && r.Status != data.DossierFailed {
		return ""
	}
	day := ""
	if !r.Result.DecisionDate.IsZero() {
		day = "ngày " + data.VNDate(r.Result.DecisionDate)
	}
	switch {
	case r.Result.DecisionNo == "":
		return day
	case day == "":
		return r.Result.DecisionNo
	}
	return r.Result.DecisionNo + " " + day
}

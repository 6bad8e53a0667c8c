package xlsx

import (
	"context"
	"fmt"
	"time"

	"github.com/ocopdesk/ocop/data"
)

// RoundListSheet is the name of the round list's sheet.
const RoundListSheet = "Danh sách hồ sơ"

// WriteRoundList writes the list of round's dossiers for the province (the
// dossiers of its letter: assessed by the commune or sent, as
// data.Store.RoundDossiers gives them) to path, one workbook with one sheet
// in the Decree 30 layout: STT, receipt number, product, producer, address,
// kind, day received, status and the day the commune assessed it. It
// returns how many dossiers it lists; a *data.RoundError when the round has
// none. day dates the sheet (today when zero).
func WriteRoundList(ctx context.Context, store *data.Store, round data.Round, path string, day time.Time) (int, error) {
	rows, err := store.RoundDossiers(ctx, round)
	if err != nil {
		return 0, err
	}
	if len(rows) == 0 {
		return 0, &data.RoundError{Msg: fmt.Sprintf("%s không có hồ sơ nào đã đánh giá cấp xã hoặc đã gửi tỉnh", round.Label())}
	}
	st, err := store.Settings(ctx)
	if err != nil {
		return 0, err
	}
	if day.IsZero() {
		day = time.Now()
	}
	d, err := newDocument()
	if err != nil {
		return 0, err
	}
	defer d.f.Close()
	cols := []column{{"STT", 6, d.number}, {"Số phiếu tiếp nhận", 22, d.textCenter}, {"Tên sản phẩm", 28, d.text},
		{"Chủ thể", 28, d.text}, {"Địa chỉ", 30, d.text}, {"Loại hồ sơ", 13, d.textCenter}, {"Ngày tiếp nhận", 13, d.date},
		{"Tình trạng", 16, d.textCenter}, {"Ngày xã đánh giá", 13, d.date}}
	first, err := d.officialSheet(st, sheetLayout{name: RoundListSheet,
		title:    "DANH SÁCH HỒ SƠ ĐỀ NGHỊ ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP",
		subtitle: fmt.Sprintf("(%s; kèm theo công văn đề nghị của %s)", round.Label(), st.OfficeName),
		columns:  cols, day: day, stream: true, addressed: true,
		recipient: "Ủy ban nhân dân " + st.ProvinceTitle()})
	if err != nil {
		return 0, err
	}
	for i, r := range rows {
		address, err := store.DossierAddress(ctx, r.Dossier)
		if err != nil {
			return 0, err
		}
		var assessed any = ""
		if !r.Assessment.AssessedOn.IsZero() {
			assessed = r.Assessment.AssessedOn
		}
		d.writeRow(cols, first+i, []any{i + 1, r.Receipt.String(), r.Product, r.Producer, address, r.Kind.Label(),
			r.Received, r.Status.Label(), assessed}, 0)
	}
	last := first + len(rows) - 1
	end := d.signature(st, last+2, len(cols))
	if err := d.keepWithSignature(first, last, end); err != nil {
		return 0, err
	}
	if err := d.w.close(); err != nil {
		return 0, err
	}
	if err := d.save(path); err != nil {
		return 0, err
	}
	return len(rows), nil
}

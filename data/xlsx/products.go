package xlsx

import (
	"context"
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// ExportProducts writes the list of products with their latest
// certification (Danh sách sản phẩm OCOP) to path, status as of day, and
// returns how many products it holds.
func ExportProducts(ctx context.Context, store *data.Store, path string, day time.Time) (int, error) {
	st, err := store.Settings(ctx)
	if err != nil {
		return 0, err
	}
	rows, err := store.Products(ctx, data.ProductQuery{AsOf: day})
	if err != nil {
		return 0, err
	}
	types, err := store.ProducerTypes(ctx)
	if err != nil {
		return 0, err
	}
	classes, err := store.Classification(ctx)
	if err != nil {
		return 0, err
	}
	typeName := map[string]string{}
	for _, t := range types {
		typeName[t.Code] = t.Name
	}
	className := map[string]string{}
	for _, c := range classes {
		className[c.Code] = c.Name
	}
	d, err := newDocument()
	if err != nil {
		return 0, err
	}
	defer d.f.Close()
	cols := []column{
		{"STT", 6, d.number}, {"Tên sản phẩm", 30, d.text}, {"Chủ thể", 30, d.text}, {"Loại hình", 14, d.textCenter},
		{"Xã, phường", 14, d.text}, {"Bộ sản phẩm", 24, d.text}, {"Điểm", 9, d.score}, {"Hạng sao", 8, d.number},
		{"Số quyết định", 16, d.textCenter}, {"Ngày quyết định", 13, d.date}, {"Ngày hết hạn", 13, d.date}, {"Tình trạng", 14, d.textCenter},
	}
	const sh = "Danh sách sản phẩm"
	first, err := d.officialSheet(st, sheetLayout{
		name: sh, title: "DANH SÁCH SẢN PHẨM OCOP",
		subtitle: fmt.Sprintf("(Tính đến ngày %s)", data.VNDate(data.DateOf(day))),
		columns:  cols, day: day,
	})
	if err != nil {
		return 0, err
	}
	f := d.f
	for i, r := range rows {
		n := first + i
		set := r.SetCode
		if name := className[r.SetCode]; name != "" {
			set = r.SetCode + " " + name
		}
		vals := []any{i + 1, r.Name, r.Producer, typeName[r.ProducerType], r.Commune, set, nil, nil, r.DecisionNo, nil, nil, r.Status.Label()}
		if r.HasScore {
			vals[6] = r.Score.Float()
		}
		if r.Certified {
			vals[7] = r.Stars
			vals[9] = r.DecisionDate
			vals[10] = r.ValidUntil
		}
		d.writeRow(sh, cols, n, vals, 0)
	}
	last := first + len(rows) - 1
	lastCol, _ := excelize.ColumnNumberToName(len(cols))
	if len(rows) > 0 {
		if err := f.AutoFilter(sh, fmt.Sprintf("A%d:%s%d", first-1, lastCol, last), nil); err != nil {
			return 0, err
		}
	}
	if err := d.fitToWidth(sh); err != nil {
		return 0, err
	}
	d.signature(sh, st, max(last, first)+2, len(cols))
	if err := d.save(path); err != nil {
		return 0, err
	}
	return len(rows), nil
}

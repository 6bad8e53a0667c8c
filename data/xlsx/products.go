package xlsx

import (
	"context"
	"time"

	"github.com/ocopdesk/ocop/data"
)

// ExportProducts writes the list of products with their latest
// certification (Danh sách sản phẩm OCOP) to path, status as of day, and
// returns how many products it holds.
func ExportProducts(ctx context.Context, store *data.Store, path string, day time.Time) (int, error) {
	counts, err := WriteReports(ctx, store, path, []string{ReportProducts}, ReportOptions{Period: data.Span(day, day), Day: day})
	return counts[ReportProducts], err
}

// productsSheet writes the product list of a report.
func (d *document) productsSheet(ctx context.Context, store *data.Store, st data.Settings, opt ReportOptions) (int, error) {
	rows := d.rows
	if opt.ValidOnly {
		var kept []data.ProductRow
		for _, r := range rows {
			if r.Status == data.StatusValid || r.Status == data.StatusExpiring {
				kept = append(kept, r)
			}
		}
		rows = kept
	}
	typeName, className, err := referenceNames(ctx, store)
	if err != nil {
		return 0, err
	}
	cols := []column{
		{"STT", 6, d.number}, {"Tên sản phẩm", 30, d.text}, {"Chủ thể", 30, d.text}, {"Loại hình", 14, d.textCenter},
		{"Xã, phường", 14, d.text}, {"Bộ sản phẩm", 24, d.text}, {"Điểm", 9, d.score}, {"Hạng sao", 8, d.number},
		{"Số quyết định", 16, d.textCenter}, {"Ngày quyết định", 13, d.date}, {"Ngày hết hạn", 13, d.date}, {"Tình trạng", 14, d.textCenter},
	}
	const sh = "Danh sách sản phẩm"
	title := "DANH SÁCH SẢN PHẨM OCOP"
	if opt.ValidOnly {
		title = "DANH SÁCH SẢN PHẨM OCOP CÒN HIỆU LỰC"
	}
	first, err := d.officialSheet(st, sheetLayout{name: sh, title: title, subtitle: opt.subtitle(), columns: cols, day: opt.Day, stream: true,
		addressed: true, number: opt.Number})
	if err != nil {
		return 0, err
	}
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
		if err := d.writeRow(cols, n, vals, 0); err != nil {
			return 0, err
		}
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

// referenceNames names the producer types and product sets by code.
func referenceNames(ctx context.Context, store *data.Store) (typeName, className map[string]string, err error) {
	types, err := store.ProducerTypes(ctx)
	if err != nil {
		return nil, nil, err
	}
	classes, err := store.Classification(ctx)
	if err != nil {
		return nil, nil, err
	}
	typeName = map[string]string{}
	for _, t := range types {
		typeName[t.Code] = t.Name
	}
	className = map[string]string{}
	for _, c := range classes {
		className[c.Code] = c.Name
	}
	return typeName, className, nil
}

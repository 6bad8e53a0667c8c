package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// province combines the offices' report workbooks into one provincial
// workbook: ocop province --out TỈNH.xlsx IN1.xlsx IN2.xlsx ... It prints
// each input's office, period and problems, writes what could be combined,
// and fails (exit 1) when any input was left out, or nothing was usable.
func province(ctx context.Context, store *data.Store, args []string, stdout io.Writer) error {
	var out string
	var inputs []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--out" || a == "-out":
			if i+1 >= len(args) {
				return errUsage
			}
			out = args[i+1]
			i++
		case strings.HasPrefix(a, "--out=") || strings.HasPrefix(a, "-out="):
			_, out, _ = strings.Cut(a, "=")
		case strings.HasPrefix(a, "-") && a != "-":
			return errUsage
		default:
			inputs = append(inputs, a)
		}
	}
	if out == "" || len(inputs) == 0 {
		return errUsage
	}
	for _, in := range inputs {
		if abs(in) == abs(out) {
			return fmt.Errorf("tệp kết quả %s trùng với một tệp đầu vào", out)
		}
	}
	files := xlsx.ReadOfficeReports(ctx, inputs, nil)
	prov, err := xlsx.CombineOfficeFiles(ctx, store, files)
	if err != nil {
		return err
	}
	for _, f := range prov.Files {
		if r := f.Report; r != nil {
			fmt.Fprintf(stdout, "Tệp %s: %s (%s), %s, %d sản phẩm, %d lớp tập huấn", f.Name(), f.OfficeLabel(), r.Office.Province,
				r.Period().Label(), len(r.Products), r.Training.CourseCount)
		} else {
			fmt.Fprintf(stdout, "Tệp %s", f.Name())
		}
		if f.LeftOut() {
			fmt.Fprintln(stdout, ": KHÔNG GỘP.")
		} else {
			fmt.Fprintln(stdout, ".")
		}
		for _, p := range f.Problems {
			word := "Lưu ý"
			if p.LeftOut {
				word = "Lỗi"
			}
			fmt.Fprintf(stdout, "  %s: %s\n", word, p.Message)
		}
	}
	if len(prov.Included) == 0 {
		return fmt.Errorf("không có báo cáo nào gộp được: chưa ghi tệp %s", out)
	}
	if err := xlsx.WriteProvince(ctx, store, out, prov, xlsx.ProvinceOptions{}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã ghi báo cáo tổng hợp %s của %d đơn vị (%d sản phẩm, %d sản phẩm được công nhận, %d lớp tập huấn) ra %s.\n",
		viet.LowerFirst(prov.Period.Label()), len(prov.Included), len(prov.Products), prov.Stars.Total(),
		prov.TrainingTotal.Courses, out)
	if n := prov.LeftOut(); n > 0 {
		return fmt.Errorf("%d tệp không được gộp (xem các lỗi ở trên); báo cáo tổng hợp chỉ gồm %d đơn vị", n, len(prov.Included))
	}
	return nil
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

package xlsx

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// BenchmarkReportWorkbook writes the full report workbook (all four sheets,
// reading the store) for a store of n products, and, in the same run, a
// bare excelize StreamWriter writing the cells of its two lists (products
// and expiring) without styles from rows already in memory: the floor the
// aim (within 1.3× of it) is measured against. n is 100,000 unless
// OCOP_BENCH_PRODUCTS says otherwise.
func BenchmarkReportWorkbook(b *testing.B) {
	n := 100000
	if v := os.Getenv("OCOP_BENCH_PRODUCTS"); v != "" {
		fmt.Sscan(v, &n)
	}
	dir := b.TempDir()
	s, err := data.Open(filepath.Join(dir, "large.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.FillLarge(ctx, n, 3); err != nil {
		b.Fatal(err)
	}
	period := data.Year(2026)
	rows, _ := s.ProductsAt(ctx, period.To)
	st, _ := s.Settings(ctx)
	expiring, _ := s.ExpiringOf(ctx, rows, period.To, st.ExpiryWindowDays)
	// Another program's edit of a product before each workbook (a second
	// window, the command line): the store reads again what changed and
	// the decisions by day, as for the first report after a change.
	other, err := data.Open(filepath.Join(dir, "large.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer other.Close()
	changed := 0
	change := func() {
		changed++
		p, err := other.Product(ctx, rows[(changed*7919)%len(rows)].ID)
		if err != nil {
			b.Fatal(err)
		}
		p.Name += " mới"
		if err := other.UpdateProduct(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
	var ours, floor, reads time.Duration
	// One round first, not counted, so that each side is measured warm
	// (the workbook's first run also sets up what every later one reuses).
	for i := -1; i < b.N; i++ {
		if i == 0 {
			ours, floor, reads = 0, 0, 0
			b.ResetTimer()
		}
		change()
		start := time.Now()
		if _, err := WriteReports(ctx, s, filepath.Join(dir, "BaoCao.xlsx"), Reports, ReportOptions{Period: period}); err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)

		// The store reads the workbook needs, alone.
		change()
		start = time.Now()
		got, _ := s.ProductsAt(ctx, period.To)
		s.SummaryOf(ctx, period, got)
		s.ExpiringOf(ctx, got, period.To, st.ExpiryWindowDays)
		s.Courses(ctx, data.CourseQuery{})
		s.Training(ctx, period.From, period.To)
		reads += time.Since(start)

		start = time.Now()
		f := excelize.NewFile()
		sw, _ := f.NewStreamWriter("Sheet1")
		for k, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, k+1)
			sw.SetRow(cell, []any{k + 1, r.Name, r.Producer, r.ProducerType, r.Commune, r.SetCode, r.Score.Float(), r.Stars,
				r.DecisionNo, r.DecisionDate, r.ValidUntil, r.Status.Label()})
		}
		sw.Flush()
		// The expiring list's cells too: the floor writes what the workbook's lists hold.
		f.NewSheet("Sheet2")
		sw2, _ := f.NewStreamWriter("Sheet2")
		for k, r := range expiring {
			cell, _ := excelize.CoordinatesToCellName(1, k+1)
			sw2.SetRow(cell, []any{k + 1, r.Name, r.Producer, r.Representative, r.Phone, r.Address, r.Stars,
				r.DecisionNo, r.DecisionDate, r.ValidUntil, r.Status.Label()})
		}
		sw2.Flush()
		f.SaveAs(filepath.Join(dir, "floor.xlsx"))
		f.Close()
		floor += time.Since(start)
	}
	b.ReportMetric(ours.Seconds()/float64(b.N), "s-workbook")
	b.ReportMetric(floor.Seconds()/float64(b.N), "s-floor")
	b.ReportMetric(float64(ours)/float64(floor), "x-floor")
	b.ReportMetric(reads.Seconds()/float64(b.N), "s-reads")
	b.ReportMetric(float64(ours-reads)/float64(floor), "x-floor-writing")
	aim("report-workbook", float64(ours)/float64(floor), 1.3, "x")
}

// BenchmarkImportProducts imports a product list of n rows (written by the
// export, 100,000 unless OCOP_BENCH_PRODUCTS says otherwise) into an empty
// database: read, preview, commit. In the same run it times excelize
// alone reading the same file's rows, the floor of the aim (within 1.5×).
func BenchmarkImportProducts(b *testing.B) {
	n := 100000
	if v := os.Getenv("OCOP_BENCH_PRODUCTS"); v != "" {
		fmt.Sscan(v, &n)
	}
	dir := b.TempDir()
	src, err := data.Open(filepath.Join(dir, "src.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	ctx := context.Background()
	if err := src.FillLarge(ctx, n, 1); err != nil {
		b.Fatal(err)
	}
	list := filepath.Join(dir, "DanhSach.xlsx")
	if _, err := ExportProducts(ctx, src, list, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
		b.Fatal(err)
	}
	var ours, floor time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dst, err := data.Open(filepath.Join(dir, fmt.Sprintf("dst%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		ref, err := ReferenceOf(ctx, dst) // the whole country's communes, old names included
		if err != nil {
			b.Fatal(err)
		}
		rows, problems, _, err := ReadProducts(list, ref)
		if err != nil || len(problems) > 0 || len(rows) != n {
			b.Fatalf("%d rows, %d problems, %v", len(rows), len(problems), err)
		}
		plan, err := dst.PreviewImport(ctx, rows, true)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := dst.CommitImport(ctx, "DanhSach.xlsx", plan); err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)
		dst.Close()

		start = time.Now()
		f, err := excelize.OpenFile(list)
		if err != nil {
			b.Fatal(err)
		}
		if got, _ := f.GetRows(f.GetSheetName(0)); len(got) < n {
			b.Fatalf("excelize read %d rows", len(got))
		}
		f.Close()
		floor += time.Since(start)
	}
	b.ReportMetric(ours.Seconds()/float64(b.N), "s-import")
	b.ReportMetric(floor.Seconds()/float64(b.N), "s-floor")
	b.ReportMetric(float64(ours)/float64(floor), "x-floor")
	aim("import", float64(ours)/float64(floor), 1.5, "x")
}

// aim prints one line of `make bench`'s verdict: "AIM name measured aim
// ok" or "FAIL" (the Makefile keeps each name's last line).
func aim(name string, measured, limit float64, unit string) {
	verdict := "ok"
	if measured > limit {
		verdict = "FAIL"
	}
	fmt.Printf("AIM %s %.2f%s ≤%g%s %s\n", name, measured, unit, limit, unit, verdict)
}

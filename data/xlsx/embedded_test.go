package xlsx

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// The data part is one JSON document, as a single Marshal of the report
// writes it, though its products are written apart from the rest: a
// reader gets every product, the training and the totals, whatever the
// number of products.
func TestReportDataIsOneJSON(t *testing.T) {
	for _, n := range []int{0, 1, 2500} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			ctx := context.Background()
			s, err := data.Open(filepath.Join(t.TempDir(), "o.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if n > 0 {
				if err := s.FillLarge(ctx, n, 1); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(t.TempDir(), "r.xlsx")
			if _, err := WriteReports(ctx, s, path, Reports, ReportOptions{Period: testPeriod}); err != nil {
				t.Fatal(err)
			}
			of := ReadOfficeReport(path)
			if of.Report == nil || len(of.Problems) > 0 || len(of.Report.Products) != n {
				t.Fatalf("%v; want %d products and no problem", of.Problems, n)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			get := func(cell string) string { v, _ := f.GetCellValue(dataSheet, cell); return v }
			pieces, _ := strconv.Atoi(get("A2"))
			var b strings.Builder
			for i := range pieces {
				b.WriteString(get(fmt.Sprintf("A%d", i+3)))
			}
			raw, err := unpack(get("C1"), b.String())
			if err != nil {
				t.Fatal(err)
			}
			again, _ := json.Marshal(of.Report)
			if !bytes.Equal(raw, again) {
				t.Errorf("data part is not the report's JSON:\n%.300s\nwant\n%.300s", raw, again)
			}
		})
	}
}

func TestSplitRunes(t *testing.T) {
	for _, s := range []string{"", "a", "Thạch đen Tràng Định", strings.Repeat("ượ", 1000) + "x"} {
		for _, n := range []int{1, 2, 3, 7, 1000, 5000} {
			parts := splitRunes(s, n)
			if strings.Join(parts, "") != s {
				t.Fatalf("%q by %d: pieces do not join back", s, n)
			}
			for i, p := range parts {
				c := utf8.RuneCountInString(p)
				if c > n || c == 0 || !utf8.ValidString(p) || (i < len(parts)-1 && c != n) {
					t.Fatalf("%q by %d: piece %d has %d characters", s, n, i, c)
				}
			}
		}
	}
}

package xlsx

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// phoneCells are phone numbers as offices' lists hold them: typed as text,
// or typed as numbers so that Excel dropped the leading 0.
var phoneCells = []struct {
	cell      any
	want      string
	wantProbl string // the problem's text, "" for none
}{
	{"0912 345 601", "0912345601", ""},
	{912345602, "0912345602", ""},
	{9.12345603e8, "0912345603", ""},
	{"+84 912 345 604", "0912345604", ""},
	{"84912345605", "0912345605", ""},
	{"0912.345.606", "0912345606", ""},
	{"0912-345-607", "0912345607", ""},
	{2633822123, "02633822123", ""},
	{"12345", "12345", `cột "Điện thoại", giá trị "12345": không phải số điện thoại Việt Nam (di động 10 chữ số, cố định 11 chữ số, bắt đầu bằng 0); giữ nguyên như đã ghi`},
}

// writePhoneList writes a sheet with heading and one row per phone cell,
// first gives a row its other cells.
func writePhoneList(t *testing.T, heading []any, first func(i int) []any) string {
	t.Helper()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetRow(sh, "A1", &heading)
	for i, c := range phoneCells {
		row := append(first(i), c.cell)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow(sh, cell, &row)
	}
	path := filepath.Join(t.TempDir(), "DanhSach.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func problemOnRow(problems []Problem, row int) string {
	for _, p := range problems {
		if p.Row == row {
			return strings.TrimPrefix(p.String(), fmt.Sprintf("Trang %q, dòng %d, ", "Sheet1", row))
		}
	}
	return ""
}

func TestImportedPhonesNormalised(t *testing.T) {
	people, problems, err := ReadParticipants(writePhoneList(t, []any{"Họ và tên", "Điện thoại"},
		func(i int) []any { return []any{"Học viên " + string(rune('A'+i))} }), nil)
	if err != nil {
		t.Fatal(err)
	}
	rows, pproblems, _, err := ReadProducts(writePhoneList(t, []any{"Tên sản phẩm", "Chủ thể", "Điện thoại"},
		func(i int) []any { return []any{"Sản phẩm " + string(rune('A'+i)), "HTX " + string(rune('A'+i))} }), Reference{})
	if err != nil {
		t.Fatal(err)
	}
	if len(people) != len(phoneCells) || len(rows) != len(phoneCells) {
		t.Fatalf("read %d people and %d products, want %d each", len(people), len(rows), len(phoneCells))
	}
	for i, c := range phoneCells {
		if people[i].Phone != c.want {
			t.Errorf("participant's phone %v stored as %q, want %q", c.cell, people[i].Phone, c.want)
		}
		if rows[i].Phone != c.want {
			t.Errorf("representative's phone %v stored as %q, want %q", c.cell, rows[i].Phone, c.want)
		}
		if got := problemOnRow(problems, i+2); got != c.wantProbl {
			t.Errorf("participant's phone %v: problem %q, want %q", c.cell, got, c.wantProbl)
		}
		if got := problemOnRow(pproblems, i+2); got != c.wantProbl {
			t.Errorf("representative's phone %v: problem %q, want %q", c.cell, got, c.wantProbl)
		}
	}
}

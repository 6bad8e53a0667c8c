package xlsx

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A workbook refused on opening is refused in Vietnamese, with the limit
// in MB.
func TestOpenRefusalsInVietnamese(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "DanhSach.xlsx")
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "Tên sản phẩm")
	for r := 2; r < 5000; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		f.SetCellStr("Sheet1", cell, fmt.Sprint(r, strings.Repeat(" Chè Shan tuyết", 20)))
	}
	if err := f.SaveAs(big); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "Hong.xlsx")
	os.WriteFile(broken, []byte("không phải tệp Excel"), 0o644)
	defer func(a, b int64) { unzipLimit, unzipXMLLimit = a, b }(unzipLimit, unzipXMLLimit)
	unzipLimit, unzipXMLLimit = 1<<20, 1<<20 // 1 MB; the sheet unzips to more
	for _, c := range []struct{ path, want string }{
		{big, "tệp DanhSach.xlsx quá lớn: nội dung giải nén vượt giới hạn 1 MB"},
		{broken, "tệp Hong.xlsx không đọc được như một tệp Excel (.xlsx): không phải tệp Excel hoặc tệp đã hỏng"},
	} {
		_, err := ReadTables(c.path)
		if err == nil || err.Error() != c.want {
			t.Errorf("ReadTables(%s): %v\nwant %s", filepath.Base(c.path), err, c.want)
		}
		of := ReadOfficeReport(c.path)
		if len(of.Problems) != 1 || of.Problems[0].Message != "không đọc được tệp: "+c.want+": không gộp" {
			t.Errorf("ReadOfficeReport(%s): %+v", filepath.Base(c.path), of.Problems)
		}
	}
}

package data

import (
	"context"
	"errors"
	"os"
	"testing"
)

// An import with no row to write is not recorded: no import, no backup.
func TestImportOfNothingNotRecorded(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		do      func() error
		wantErr string
	}{
		{"products", func() error { _, err := s.CommitImport(ctx, "DanhSach.xlsx", ImportPreview{}); return err },
			"tệp DanhSach.xlsx: không có dòng sản phẩm nào để nhập; chưa ghi gì vào cơ sở dữ liệu"},
		{"participants", func() error { _, err := s.EnrollImported(ctx, 1, nil); return err },
			"không có học viên nào để nhập; chưa ghi gì vào cơ sở dữ liệu"},
	} {
		err := c.do()
		if !errors.Is(err, ErrNothingImported) || err.Error() != c.wantErr {
			t.Errorf("%s: %v, want %s", c.name, err, c.wantErr)
		}
		var n int
		if err := s.db.QueryRow("SELECT count(*) FROM imports").Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d imports recorded (%v)", c.name, n, err)
		}
		if backups, _ := os.ReadDir(BackupDir(s.Path())); len(backups) != 0 {
			t.Errorf("%s: %d backups made", c.name, len(backups))
		}
	}
}

func TestNothingImportedSaysWhy(t *testing.T) {
	for _, c := range []struct {
		problems []ImportProblem
		want     string
	}{
		{nil, "tệp DS.xlsx: không có dòng sản phẩm nào dưới dòng tiêu đề; chưa ghi gì vào cơ sở dữ liệu"},
		{[]ImportProblem{{Sheet: "S", Row: 3, Reason: "thiếu tên chủ thể"}, {Sheet: "S", Row: 4, Column: "Loại hình"}, {Sheet: "S", Row: 4, Column: "Hạng sao"}},
			"tệp DS.xlsx: không nhập được dòng sản phẩm nào, vì cả 2 dòng đều có lỗi (xem các lỗi ở trên); chưa ghi gì vào cơ sở dữ liệu"},
	} {
		err := NothingImported("DS.xlsx", "sản phẩm", c.problems)
		if !errors.Is(err, ErrNothingImported) || err.Error() != c.want {
			t.Errorf("%v: %v\nwant %s", c.problems, err, c.want)
		}
	}
}

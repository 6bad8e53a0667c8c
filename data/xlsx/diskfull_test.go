package xlsx

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/internal/disktest"
)

// TestExportOnAFullOrReadOnlyDisk: a report that does not fit on the disk,
// or goes to a folder that may not be written, is refused with a message
// that says so and where; no partial file is left and a report already
// there keeps its content.
func TestExportOnAFullOrReadOnlyDisk(t *testing.T) {
	s, _ := demoStore(t)
	ctx := context.Background()
	opt := ReportOptions{Period: data.Year(2025)}

	full := disktest.Small(t, 1<<20)
	out := filepath.Join(full, "BaoCao_OCOP_2025.xlsx")
	if _, err := WriteReports(ctx, s, out, Reports, opt); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(out)
	disktest.Fill(t, full, 8<<10)
	_, err := WriteReports(ctx, s, out, Reports, opt)
	if !errors.Is(err, data.ErrDiskFull) || !strings.Contains(err.Error(), "không xuất tệp Excel được vào "+full+": ổ đĩa đã đầy") {
		t.Errorf("export on a full disk: %v", err)
	}
	entries, _ := os.ReadDir(full)
	for _, e := range entries {
		if e.Name() != "filler" && e.Name() != filepath.Base(out) {
			t.Errorf("left on the full disk: %s", e.Name())
		}
	}
	if now, _ := os.ReadFile(out); string(now) != string(old) {
		t.Error("the report already there was changed")
	}

	ro := disktest.Small(t, 1<<20)
	disktest.ReadOnly(t, ro)
	_, err = WriteReports(ctx, s, filepath.Join(ro, "BaoCao.xlsx"), Reports, opt)
	if !errors.Is(err, data.ErrNoWriteAccess) || !strings.Contains(err.Error(), "không có quyền ghi") {
		t.Errorf("export into a read-only folder: %v", err)
	}
	if entries, _ := os.ReadDir(ro); len(entries) != 0 {
		t.Errorf("left in the read-only folder: %d files", len(entries))
	}
}

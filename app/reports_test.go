package app

import (
	"strings"
	"testing"

	"github.com/ocopdesk/ocop/data/xlsx"
)

func TestReportsScreenPreview(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.show(screenReports) })
	r := u.reports
	// Default: the current quarter (IV of 2026), every report.
	eventually(t, "preview", func() bool { return strings.Contains(r.preview.Text, "Danh sách: 25 sản phẩm") })
	if !strings.HasPrefix(r.preview.Text, "Kỳ: Quý IV năm 2026 (01/10/2026 – 31/12/2026)") || !strings.Contains(r.preview.Text, "Tập huấn: 1 lớp") {
		t.Errorf("preview %q", r.preview.Text)
	}
	onUI(func() {
		r.kind.SetSelectedIndex(periodYear)
		r.validOnly.SetChecked(true)
	})
	eventually(t, "year preview", func() bool {
		return strings.HasPrefix(r.preview.Text, "Kỳ: Năm 2026") && strings.Contains(r.preview.Text, "Tập huấn: 3 lớp, 16 lượt người, 14 người")
	})
	// Nothing chosen, or a span ending before it starts: told why, nothing to save.
	onUI(func() {
		for _, n := range xlsx.Reports {
			r.checks[n].SetChecked(false)
		}
		if r.preview.Text != "Chọn ít nhất một báo cáo." || !r.saveBtn.Disabled() {
			t.Errorf("no report chosen: %q, save disabled %v", r.preview.Text, r.saveBtn.Disabled())
		}
		r.checks[xlsx.ReportSummary].SetChecked(true)
		r.kind.SetSelectedIndex(periodSpan)
		r.from.entry.SetText("31/03/2026")
		r.to.entry.SetText("01/01/2026")
		if !strings.Contains(r.preview.Text, "trước ngày bắt đầu") || !r.saveBtn.Disabled() {
			t.Errorf("reversed span: %q", r.preview.Text)
		}
	})
}

// Every report the workbook can hold has its named choice on the screen
// (the dossiers' showed an empty box).
func TestEveryReportHasAChoice(t *testing.T) {
	u := newTestUI(t, true)
	for _, n := range xlsx.Reports {
		if c := u.reports.checks[n]; c == nil || c.Text == "" {
			t.Errorf("report %q has no named choice", n)
		}
	}
}

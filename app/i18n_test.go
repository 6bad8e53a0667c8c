package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"github.com/ocopdesk/ocop/assets"
	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// Every string the GUI shows must be in both translation files: a key
// missing from vi.json makes Fyne log an error, one missing from en.json
// leaves Vietnamese in the English interface.
func TestTranslationsCoverEveryString(t *testing.T) {
	keys := map[string]string{}
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`(?:lang\.L|\btr|\bcount)\(("(?:[^"\\]|\\.)*")`)
	for _, f := range files {
		src, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			k, err := strconv.Unquote(m[1])
			if err != nil {
				t.Fatal(err)
			}
			keys[k] = f
		}
	}
	for _, s := range data.Statuses {
		keys[s.Label()] = "data.Status"
	}
	for _, l := range data.IssuingLevels {
		keys[l.Name] = "data.IssuingLevels"
	}
	for _, f := range xlsx.ProductFields {
		keys[f.Name] = "xlsx.ProductFields"
	}
	for _, f := range xlsx.ParticipantFields {
		keys[f.Name] = "xlsx.ParticipantFields"
	}
	for a := data.ImportNew; a <= data.ImportSkipped; a++ {
		keys[a.Label()] = "data.ImportAction"
	}
	for _, a := range []string{data.ActionAdd, data.ActionEdit, data.ActionDelete, data.ActionRestore} {
		keys[data.ActionLabel(a)] = "data.ActionLabel"
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d keys: the scan is broken", len(keys))
	}
	for _, name := range []string{"vi.json", "en.json"} {
		raw, err := assets.Translations.ReadFile("translations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, where := range keys {
			if _, ok := m[k]; !ok {
				t.Errorf("%s lacks %q (used in %s)", name, k, where)
			}
		}
		// Fyne's own strings, weekdays included.
		for _, k := range []string{"OK", "Cancel", "Yes", "No", "Save", "Open", "File", "Folder", "Copy", "Paste", "Cut", "Select all", "Undo", "Redo", "Error", "Enter filename", "Create Folder", "New Folder", "Show Hidden Files", "file.name", "monday", "monday.short", "sunday.short"} {
			if _, ok := m[k]; !ok {
				t.Errorf("%s lacks Fyne's %q", name, k)
			}
		}
	}
}

func TestSetLanguage(t *testing.T) {
	test.NewTempApp(t)
	setLanguage("vi")
	tests := map[string]string{"Cancel": "Hủy", "Yes": "Có", "OK": "Đồng ý", "Sản phẩm": "Sản phẩm", "Save": "Lưu"}
	for k, want := range tests {
		if got := lang.L(k); got != want {
			t.Errorf("vi: %q -> %q, want %q", k, got, want)
		}
	}
	if got := lang.X("monday.short", "Mon"); got != "T2" {
		t.Errorf("vi: monday.short -> %q", got)
	}
	setLanguage("en")
	if got := lang.L("Sản phẩm"); got != "Products" {
		t.Errorf("en: Sản phẩm -> %q", got)
	}
	if got := lang.L("Cancel"); got != "Cancel" {
		t.Errorf("en: Cancel -> %q", got)
	}
	setLanguage("vi")
}

// The English interface says periods, counts and undo labels in English,
// and no choice says Fyne's "(Select one)" in the Vietnamese one.
func TestNoOtherLanguageLeftOver(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { setLanguage("vi") })
	setLanguage("en")
	for p, want := range map[data.Period]string{data.Quarter(2026, 4): "Q4 2026", data.Half(2026, 1): "first half of 2026",
		data.Year(2026): "year 2026", data.Span(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)): "from 02/01/2026 to 15/03/2026"} {
		if got := periodText(p); got != want {
			t.Errorf("en: period %q says %q, want %q", p.Label(), got, want)
		}
	}
	if got := count("{{.N}} lớp", 1); got != "1 course" {
		t.Errorf("en: one course is %q", got)
	}
	if got := count("{{.N}} lớp", 3); got != "3 courses" {
		t.Errorf("en: three courses are %q", got)
	}
	// A label made while Vietnamese was shown reads in English once switched.
	setLanguage("vi")
	label := tr("Đã xóa sản phẩm «{{.Name}}»", map[string]any{"Name": "Thạch đen"})
	setLanguage("en")
	if got := lang.L("Đã hoàn tác: {{.What}}", map[string]any{"What": label()}); got != "Undone: Deleted product “Thạch đen”" {
		t.Errorf("en: undo says %q", got)
	}
	setLanguage("vi")
	if got := periodText(data.Quarter(2026, 4)); got != "Quý IV năm 2026" {
		t.Errorf("vi: period says %q", got)
	}
	if got := newSelect([]string{"a"}, nil).PlaceHolder; got != "(Chọn)" {
		t.Errorf("vi: an empty choice says %q", got)
	}
}

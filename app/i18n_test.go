package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

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
	re := regexp.MustCompile(`lang\.L\(("(?:[^"\\]|\\.)*")`)
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

package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/ocopdesk/ocop/data"
)

// The built-in typing in the form fields: office words that are not
// Vietnamese read as typed, dd makes đ anywhere, Vietnamese types as before.
func TestEntriesTypeOfficeWords(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		typing, keys, want string
	}{
		{"telex", "San phaamr OCOP 4 sao", "San phẩm OCOP 4 sao"},
		{"telex", "Quyeets ddinhj soos 1203/QDD-UBND", "Quyết định số 1203/QĐ-UBND"},
		{"telex", "Maatj ong Organic, VietGAP", "Mật ong Organic, VietGAP"},
		{"telex", "nguyenvana@gmail.com", "nguyenvana@gmail.com"},
		{"vni", "Quye6t1 d9inh5 so61 1203/QD9-UBND", "Quyết định số 1203/QĐ-UBND"},
		{"", "OCOP QDD", "OCOP QDD"},
	} {
		u := &ui{settings: data.Settings{Typing: c.typing}}
		entries := map[string]interface {
			fyne.Focusable
			text() string
		}{"text": textOf{newTextEntry(u)}, "choice": choiceOf{newChoiceEntry(u)}}
		for kind, e := range entries {
			for _, r := range c.keys {
				e.TypedRune(r)
			}
			if got := e.text(); got != c.want {
				t.Errorf("%s entry, %q typed %q: %q, want %q", kind, c.typing, c.keys, got, c.want)
			}
		}
	}
}

type textOf struct{ *textEntry }

func (e textOf) text() string { return e.Text }

type choiceOf struct{ *choiceEntry }

func (e choiceOf) text() string { return e.Text }

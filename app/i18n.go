package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/ocopdesk/ocop/assets"
	"github.com/ocopdesk/ocop/data"
)

// Languages the GUI offers, by settings code.
var languages = []struct{ code, name string }{{"vi", "Tiếng Việt"}, {"en", "English"}}

// setLanguage makes code ("vi" or "en") the language of every string,
// Fyne's own (OK, Cancel, file dialogs, weekdays) included. Fyne picks a
// translation by the system's locale and has no way to force one, so the
// chosen file is registered under the system locale's name as well as its
// own: whatever the PC's regional setting, the chosen language wins.
func setLanguage(code string) {
	content, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		content, _ = assets.Translations.ReadFile("translations/vi.json")
	}
	for _, loc := range []fyne.Locale{lang.SystemLocale(), fyne.Locale(code)} {
		if err := lang.AddTranslationsForLocale(content, loc); err != nil {
			fyne.LogError("translations", err)
		}
	}
}

// count says "{{.N}} …" for n things. Vietnamese has one form; English
// says "1 course" through the key with "|1" after it (go-i18n's plural
// forms follow the locale the file is registered for, which is the
// system's, Vietnamese on these PCs).
func count(key string, n int) string {
	data := map[string]any{"N": n}
	if n == 1 {
		return lang.X(key+"|1", lang.L(key, data), data)
	}
	return lang.L(key, data)
}

// periodText says a report's period in the interface's language; the
// report itself always says it in Vietnamese (data.Period.Label).
func periodText(p data.Period) string {
	var y, n int
	code := p.Code()
	switch {
	case scanned(code, "%d_Q%d", &y, &n):
		return lang.L("Quý {{.Roman}} năm {{.Year}}", map[string]any{"Roman": []string{"", "I", "II", "III", "IV"}[min(max(n, 0), 4)], "Q": n, "Year": y})
	case scanned(code, "%d_6T%d", &y, &n) && n == 1:
		return lang.L("6 tháng đầu năm {{.Year}}", map[string]any{"Year": y})
	case scanned(code, "%d_6T%d", &y, &n):
		return lang.L("6 tháng cuối năm {{.Year}}", map[string]any{"Year": y})
	case scanned(code, "%d", &y, nil):
		return lang.L("Năm {{.Year}}", map[string]any{"Year": y})
	}
	return lang.L("Từ ngày {{.From}} đến ngày {{.To}}", map[string]any{"From": data.VNDate(p.From), "To": data.VNDate(p.To)})
}

// scanned reports whether s is exactly format filled with a (and b).
func scanned(s, format string, a, b *int) bool {
	var n int
	var err error
	if b == nil {
		n, err = fmt.Sscanf(s, format, a)
		return err == nil && n == 1 && fmt.Sprintf(format, *a) == s
	}
	n, err = fmt.Sscanf(s, format, a, b)
	return err == nil && n == 2 && fmt.Sprintf(format, *a, *b) == s
}

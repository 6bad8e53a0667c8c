package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/ocopdesk/ocop/assets"
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

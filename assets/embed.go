// Package assets holds what OCOP Desk embeds in its binary: the icon, the
// translation files and the reference data (communes, product
// classification, star bands, certificate validity, producer types, ethnic
// groups). Reference data is kept as CSV so that officials' changes are a
// data edit, not a code change; the store copies it into the database on
// first start, where an office may correct it.
package assets

import (
	"embed"
	_ "embed"
)

// Icon is the application icon (PNG, 512x512).
//
//go:embed icon.png
var Icon []byte

// Translations holds the go-i18n JSON files, one per language (vi.json, en.json).
//
//go:embed translations/*.json
var Translations embed.FS

// Ref holds the reference data CSV files under ref/.
//
//go:embed ref/*.csv
var Ref embed.FS

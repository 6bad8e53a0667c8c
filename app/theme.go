package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// ocopTheme is Fyne's light theme in the green of the OCOP Desk icon.
// Office PCs are bright rooms and printed forms are white: a light theme
// reads closest to the documents users know.
type ocopTheme struct{}

var (
	green      = color.NRGBA{R: 0x1b, G: 0x5e, B: 0x20, A: 0xff}
	amber      = color.NRGBA{R: 0xb2, G: 0x6a, B: 0x00, A: 0xff}
	red        = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	sidebarBg  = color.NRGBA{R: 0xee, G: 0xf3, B: 0xee, A: 0xff}
	cardBorder = color.NRGBA{R: 0xd5, G: 0xdc, B: 0xd5, A: 0xff}

	// Faint backgrounds of list rows whose certificate is expiring or expired.
	expiringTint = color.NRGBA{R: 0xf9, G: 0xa8, B: 0x25, A: 0x1c}
	expiredTint  = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0x14}
)

func (ocopTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameFocus:
		if n == theme.ColorNameFocus {
			return color.NRGBA{R: 0x1b, G: 0x5e, B: 0x20, A: 0x55}
		}
		return green
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0x1b, G: 0x5e, B: 0x20, A: 0x33}
	case theme.ColorNameHover:
		return color.NRGBA{R: 0x1b, G: 0x5e, B: 0x20, A: 0x14}
	case theme.ColorNameWarning:
		return amber
	case theme.ColorNameError:
		return red
	case theme.ColorNameSuccess:
		return green
	case theme.ColorNameInputBorder:
		// Darker than Fyne's: an empty check box or entry must not look disabled.
		return color.NRGBA{R: 0x8c, G: 0x94, B: 0x8c, A: 0xff}
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

func (ocopTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (ocopTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (ocopTheme) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }

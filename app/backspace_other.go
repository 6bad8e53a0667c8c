//go:build !windows

package app

import "fyne.io/fyne/v2"

// fixUnicodeBackspace is only needed on Windows (see backspace_windows.go).
func fixUnicodeBackspace(fyne.Window) {}

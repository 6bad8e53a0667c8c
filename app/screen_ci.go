//go:build ci || android || ios || js || wasm

package app

import "fyne.io/fyne/v2"

// workArea is unknown with Fyne's software driver.
func workArea(fyne.Window) fyne.Size { return fyne.Size{} }

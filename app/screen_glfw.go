//go:build !ci && !android && !ios && !js && !wasm

package app

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// workArea is the primary screen's room for windows (less the taskbar),
// in the window's units; zero when it cannot be known. Call it on the main
// thread once the window exists (as Lifecycle's OnStarted runs).
func workArea(w fyne.Window) fyne.Size {
	mon := glfw.GetPrimaryMonitor()
	if mon == nil {
		return fyne.Size{}
	}
	_, _, width, height := mon.GetWorkarea()
	scale := w.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(float32(width)/scale, float32(height)/scale)
}

//go:build windows

package app

// Input tools (Unikey, EVKey) rewrite what was typed: after "a", "s" they
// erase "a" and send "á". Some send that erase as a Unicode character 0x08
// (SendInput with KEYEVENTF_UNICODE), which reaches the window as
// WM_KEYDOWN VK_PACKET then WM_CHAR 0x08; GLFW drops characters below 32
// (glfw/glfw pull request 2369), so the erase is lost and "aá" appears.
//
// The fix sits where the character is lost, the window procedure: the
// window is subclassed, and a WM_CHAR 0x08 that follows a VK_PACKET key is
// handed to GLFW as a real Backspace key press and release instead. A real
// Backspace key (VK_BACK) is left alone. Drop this file when GLFW delivers
// control characters.

import (
	"os"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

var (
	user32               = syscall.NewLazyDLL("user32.dll")
	procSetWindowLongPtr = user32.NewProc("SetWindowLongPtrW")
	procCallWindowProc   = user32.NewProc("CallWindowProcW")

	oldWndProc uintptr
	lastPacket bool
	wndProc    = syscall.NewCallback(backspaceWndProc)
)

const (
	gwlpWndProc = ^uintptr(3) // GWLP_WNDPROC, -4
	wmKeyDown   = 0x0100
	wmKeyUp     = 0x0101
	wmChar      = 0x0102
	vkBack      = 0x08
	vkPacket    = 0xE7
	scanBack    = 0x0E
)

func callOld(hwnd, msg, wParam, lParam uintptr) uintptr {
	r, _, _ := procCallWindowProc.Call(oldWndProc, hwnd, msg, wParam, lParam)
	return r
}

func backspaceWndProc(hwnd, msg, wParam, lParam uintptr) uintptr {
	switch msg {
	case wmKeyDown:
		lastPacket = wParam == vkPacket
	case wmChar:
		if wParam == vkBack && lastPacket {
			lastPacket = false
			down := uintptr(1 | scanBack<<16)   // repeat 1, scan code of Backspace
			up := down | 1<<30 | uintptr(1)<<31 // previous state down, transition up
			callOld(hwnd, wmKeyDown, vkBack, down)
			return callOld(hwnd, wmKeyUp, vkBack, up)
		}
	}
	return callOld(hwnd, msg, wParam, lParam)
}

// fixUnicodeBackspace subclasses w's window procedure as described above.
// It was proven under Wine with an emulated input tool (cmd/ocop's Wine
// test); OCOP_FIX_BACKSPACE=0 turns it off should an input tool misbehave.
func fixUnicodeBackspace(w fyne.Window) {
	if os.Getenv("OCOP_FIX_BACKSPACE") == "0" {
		return
	}
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		c, ok := ctx.(driver.WindowsWindowContext)
		if !ok || c.HWND == 0 || oldWndProc != 0 {
			return
		}
		oldWndProc, _, _ = procSetWindowLongPtr.Call(c.HWND, gwlpWndProc, wndProc)
	})
}

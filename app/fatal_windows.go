package app

import (
	"syscall"
	"unsafe"
)

// showFatal shows a Windows message box: Fyne cannot draw one when its
// window is what failed.
func showFatal(title, msg string) {
	const mbOK, mbIconError, mbSetForeground = 0x0, 0x10, 0x10000
	t, _ := syscall.UTF16PtrFromString(title)
	m, _ := syscall.UTF16PtrFromString(msg)
	syscall.NewLazyDLL("user32.dll").NewProc("MessageBoxW").Call(0,
		uintptr(unsafe.Pointer(m)), uintptr(unsafe.Pointer(t)), mbOK|mbIconError|mbSetForeground)
}

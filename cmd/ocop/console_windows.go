package main

import (
	"os"
	"syscall"
)

// attachConsole lets ocop.exe, built for the GUI subsystem (no console
// window from the shortcut), print a command's output in the cmd.exe or
// PowerShell window it was started from: it attaches to that console and
// writes to CONOUT$. Go writes to a console handle with WriteConsoleW, so
// Vietnamese comes out right whatever the console's code page. A stream
// already redirected to a file or a pipe (ocop.exe list products --csv >
// sp.csv) is kept. Started from Explorer or the shortcut there is no parent
// console and nothing changes.
//
// cmd.exe does not wait for a GUI program typed at its prompt: the prompt
// comes back at once and the output follows it, and %ERRORLEVEL% is not
// the program's. In a .bat file, under `cmd /c`, or with `start /wait`,
// cmd.exe waits and the exit code is the program's.
func attachConsole() {
	out, errOut := redirected(syscall.STD_OUTPUT_HANDLE), redirected(syscall.STD_ERROR_HANDLE)
	if out && errOut {
		return
	}
	const attachParentProcess = 0xFFFFFFFF // (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // no parent console
	}
	con, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		return
	}
	if !out {
		os.Stdout = con
	}
	if !errOut {
		os.Stderr = con
	}
}

// redirected reports whether the standard handle n goes to a file, a pipe
// or a device other than a console (NUL).
func redirected(n int) bool {
	h, err := syscall.GetStdHandle(n)
	if err != nil || h == 0 || h == syscall.InvalidHandle {
		return false
	}
	switch t, _ := syscall.GetFileType(h); t {
	case syscall.FILE_TYPE_DISK, syscall.FILE_TYPE_PIPE:
		return true
	case syscall.FILE_TYPE_CHAR:
		var mode uint32
		return syscall.GetConsoleMode(h, &mode) != nil // NUL, not a console
	}
	return false
}

package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// When the window cannot be created, Fyne's desktop driver says so only in
// its log (log.Println "Fyne error: ..." then "  Cause:" and "  At:") and
// goes on or quits: on a PC without OpenGL 2.1 (Remote Desktop, old or
// virtual graphics) the window simply never appears. These are the three
// places it does so (fyne v2.7.1, internal/driver/glfw and painter/gl).
var glFailures = []string{
	"failed to initialise GLFW",   // glfw.Init: no display, no usable driver
	"window creation error",       // glfw.CreateWindow: no OpenGL 2.1 context
	"failed to initialise OpenGL", // gl.Init: the context lacks what Fyne draws with
}

// glFailExitCode is the exit code of a program whose window could not be made.
const glFailExitCode = 3

// failGLEnv forces the failure path, for tests only.
const failGLEnv = "OCOP_TEST_FAIL_GL"

// ErrorLogPath is the file beside the database at dbPath where failures
// that stop the window are written.
func ErrorLogPath(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "ocop-loi.log") }

// glWatch reads Fyne's log while the window starts: every line still goes
// to the log's previous output, and a window failure ends the program
// with a message saying what to do (failed).
type glWatch struct {
	mu     sync.Mutex
	out    io.Writer
	lines  []string // the log so far, for the error log
	reason string   // the failure seen, waiting for its "At:" line
	failed func(reason, details string)
}

func (g *glWatch) Write(p []byte) (int, error) {
	g.mu.Lock()
	for _, line := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		g.lines = append(g.lines, line)
		for _, f := range glFailures {
			if strings.Contains(line, "Fyne error: ") && strings.HasSuffix(line, f) {
				g.reason = f
			}
		}
		if g.reason != "" && strings.Contains(line, "  At: ") {
			reason, details := g.reason, strings.Join(g.lines, "\n")
			g.reason = ""
			g.mu.Unlock()
			g.out.Write(p)
			g.failed(reason, details)
			return len(p), nil
		}
	}
	g.mu.Unlock()
	return g.out.Write(p)
}

// watchGL starts reading Fyne's log for a window failure of the program
// on the database at dbPath; with OCOP_TEST_FAIL_GL set it fails at once,
// before Fyne starts.
func watchGL(dbPath, version string) *glWatch {
	g := &glWatch{out: log.Writer(), failed: func(reason, details string) {
		os.Exit(windowFailed(dbPath, version, reason, details, time.Now()))
	}}
	log.SetOutput(g)
	if os.Getenv(failGLEnv) != "" {
		fyne.LogError("window creation error", errors.New(failGLEnv+" is set: the window's failure is forced (tests only)"))
	}
	return g
}

// glfwErrors are the kinds of GLFW error that go-gl's glfw panics with
// (after logging e.g. "PlatformError: X11: Failed to open display" or,
// on Windows, "APIUnavailable: WGL: The driver does not appear to support
// OpenGL"): glfw.Init failed and Fyne carried on to CreateWindow.
var glfwErrors = []string{"NotInitialized", "NoCurrentContext", "APIUnavailable", "VersionUnavailable", "PlatformError", "FormatUnavailable", "GLFW"}

// recovered ends the program with the window failure's message when r, a
// panic of starting the window, is one of GLFW's; any other panic goes on.
func (g *glWatch) recovered(r any, dbPath, version string) {
	msg := fmt.Sprint(r)
	for _, e := range glfwErrors {
		if strings.Contains(msg, e) {
			g.mu.Lock()
			details := strings.Join(append(g.lines, "panic: "+msg, string(debug.Stack())), "\n")
			g.mu.Unlock()
			os.Exit(windowFailed(dbPath, version, "GLFW: "+msg, details, time.Now()))
		}
	}
	panic(r)
}

// windowFailed writes what went wrong to the error log beside the data,
// tells the user what to do (a Windows message box, elsewhere the error
// output) and gives the exit code.
func windowFailed(dbPath, version, reason, details string, now time.Time) int {
	logPath := ErrorLogPath(dbPath)
	var entry bytes.Buffer
	fmt.Fprintf(&entry, "=== %s  OCOP Desk %s: không mở được cửa sổ (%s)\n%s\n\n", now.Format("02/01/2006 15:04:05"), version, reason, details)
	if err := appendLog(logPath, entry.Bytes()); err != nil {
		logPath = lang.L("(không ghi được tệp nhật ký {{.Path}}: {{.Err}})", map[string]any{"Path": logPath, "Err": err.Error()})
	}
	showFatal(lang.L("OCOP Desk không mở được cửa sổ"), glFailMessage(logPath))
	return glFailExitCode
}

// glFailMessage says what is wrong, what to do and where the details are.
func glFailMessage(logPath string) string {
	exe := "ocop"
	if runtime.GOOS == "windows" {
		exe = "ocop.exe"
	}
	return lang.L("Máy tính này không tạo được cửa sổ của OCOP Desk: chương trình cần OpenGL 2.1 của card đồ họa, và trình điều khiển hiện có không cung cấp được.") +
		"\n\n" + lang.L("Cách khắc phục:") +
		"\n• " + lang.L("Cập nhật trình điều khiển (driver) card đồ họa từ trang của hãng máy tính hoặc qua Windows Update, rồi mở lại chương trình.") +
		"\n• " + lang.L("Nếu đang làm việc qua Remote Desktop (điều khiển máy từ xa): Remote Desktop thường không có OpenGL; hãy mở chương trình ngay trên máy đó.") +
		"\n\n" + lang.L("Dòng lệnh vẫn làm được mọi báo cáo, ví dụ:") +
		"\n    " + exe + " export summary --out BaoCao.xlsx\n    " + exe + " help" +
		"\n\n" + lang.L("Chi tiết lỗi đã được ghi vào tệp: {{.Path}}", map[string]any{"Path": logPath})
}

// appendLog adds entry at the end of the log at path (an append never
// loses what the file held, so no temporary file is needed).
func appendLog(path string, entry []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(entry); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

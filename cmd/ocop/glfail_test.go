package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ocopdesk/ocop/app"
)

// TestWindowFailure starts the window where it cannot be made: forced by
// OCOP_TEST_FAIL_GL, and for real without a display (GLFW cannot start).
// Either way the program says what is wrong and what to do, names the log
// beside the data, writes the details there, and ends with exit code 3
// instead of silence.
func TestWindowFailure(t *testing.T) {
	if args := os.Getenv("OCOP_CHILD_ARGS"); args != "" {
		runGUI = app.Start // the real window, which the other tests replace
		os.Exit(run(strings.Split(args, " "), os.Stdout, os.Stderr))
	}
	for _, tc := range []struct {
		name   string
		env    []string
		reason string // in the log file
	}{
		{"forced", []string{"OCOP_TEST_FAIL_GL=1"}, "window creation error"},
		{"no display", []string{"DISPLAY=", "WAYLAND_DISPLAY="}, "GLFW: NotInitialized"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "du-lieu", "ocop.db")
			cmd := exec.Command(os.Args[0], "-test.run=^TestWindowFailure$")
			cmd.Env = append(os.Environ(), append(tc.env, "OCOP_CHILD_ARGS=--db "+db)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("the program neither opened a window nor ended:\n%s", stderr.String())
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 3 {
				t.Errorf("ended with %v, want exit code 3", err)
			}
			logPath := filepath.Join(dir, "du-lieu", "ocop-loi.log")
			for _, want := range []string{"OCOP Desk không mở được cửa sổ", "OpenGL 2.1", "Cập nhật trình điều khiển", "Remote Desktop",
				"ocop export summary --out BaoCao.xlsx", "ocop help", "Chi tiết lỗi đã được ghi vào tệp: " + logPath} {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("the message lacks %q:\n%s", want, stderr.String())
				}
			}
			b, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatalf("no log beside the data: %v", err)
			}
			if !strings.Contains(string(b), "không mở được cửa sổ ("+tc.reason) {
				t.Errorf("the log says:\n%s\nwant the reason %q", b, tc.reason)
			}
		})
	}
}

package main

import (
	"bufio"
	"context"
	"image"
	"image/color"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestWindowOpensUnderXvfb builds the real binary, starts it on a virtual
// display and waits for its window, for a fresh database (first-start
// dialog) and for one with the demo data. It needs Xvfb, xdotool and
// ImageMagick's import; `make test` installs them and sets OCOP_E2E=1,
// which turns a missing tool into a failure instead of a skip.
func TestWindowOpensUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	for _, tool := range []string{"Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("OCOP_E2E") != "" {
				t.Fatalf("%s is not installed; run `make test`, which installs it", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "ocop")
	build := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	display := startXvfb(t)

	demo := filepath.Join(dir, "demo.db")
	if out, err := exec.Command(bin, "--db", demo, "demo").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	for _, tc := range []struct{ name, db string }{{"demo", demo}, {"fresh", filepath.Join(dir, "new", "ocop.db")}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, "--db", tc.db)
			cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=vi_VN.UTF-8")
			var logs strings.Builder
			cmd.Stdout, cmd.Stderr = &logs, &logs
			started := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			id := waitForWindow(t, display, "OCOP Desk", exited, &logs)
			t.Logf("window %s appeared after %v", id, time.Since(started).Round(10*time.Millisecond))
			// Give it a moment to draw, then check it drew something and is still alive.
			time.Sleep(1500 * time.Millisecond)
			select {
			case err := <-exited:
				t.Fatalf("the program exited after its window appeared: %v\n%s", err, logs.String())
			default:
			}
			// The demo data has expiring certificates: Esc closes the notice shown at start.
			key := exec.Command("xdotool", "key", "Escape")
			key.Env = append(os.Environ(), "DISPLAY="+display)
			key.Run()
			time.Sleep(500 * time.Millisecond)
			shot := filepath.Join(t.TempDir(), "shot.png")
			imp := exec.Command("import", "-window", "root", shot)
			imp.Env = append(os.Environ(), "DISPLAY="+display)
			if out, err := imp.CombinedOutput(); err != nil {
				t.Fatalf("screenshot: %v\n%s", err, out)
			}
			if n := countColours(t, shot); n < 16 {
				t.Errorf("the window shows only %d colours: it did not draw its content", n)
			}
			if !hasThemeGreen(t, shot) {
				t.Error("the screenshot has none of the theme's green: the main window did not draw")
			}
			cancel()
			<-exited
			if _, err := os.Stat(tc.db); err != nil {
				t.Errorf("database not created: %v", err)
			}
		})
	}
}

// startXvfb starts an X server on a display it picks itself (-displayfd:
// no guessing which displays are free, whatever stale sockets and locks
// other servers left behind) and returns the display once it accepts
// clients.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w} // fd 3
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	// SIGTERM lets Xvfb remove its socket and lock file.
	t.Cleanup(func() { x.Process.Signal(syscall.SIGTERM); x.Wait() })
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			t.Fatal("Xvfb did not start")
		}
		// Once a client can ask it something, the program can open its window.
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			probe := exec.Command("xdotool", "getdisplaygeometry")
			probe.Env = append(os.Environ(), "DISPLAY=:"+n)
			if probe.Run() == nil {
				return ":" + n
			}
		}
		t.Fatalf("Xvfb on :%s does not answer clients", n)
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not start within 20 s")
	}
	return ""
}

func waitForWindow(t *testing.T, display, name string, exited chan error, logs *strings.Builder) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("the program exited before its window appeared: %v\n%s", err, logs.String())
		default:
		}
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", name)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := cmd.Output(); err == nil && strings.TrimSpace(string(out)) != "" {
			return strings.Fields(string(out))[0]
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no window named %q within 60 s\n%s", name, logs.String())
	return ""
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func countColours(t *testing.T, path string) int {
	img := readPNG(t, path)
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 0}] = true
		}
	}
	return len(seen)
}

// hasThemeGreen looks for the primary green of the theme (#1b5e20), which
// the logo, the selected navigation entry and buttons use.
func hasThemeGreen(t *testing.T, path string) bool {
	img := readPNG(t, path)
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, 0x1b) && near(g>>8, 0x5e) && near(bl>>8, 0x20) {
				return true
			}
		}
	}
	return false
}

func near(a uint32, b uint32) bool { return a+6 >= b && a <= b+6 }

// TestReportsOpenInLibreOffice writes every report into one workbook and
// has LibreOffice convert it to PDF, as a provincial officer's office suite
// would open it; a workbook it cannot convert fails the test.
func TestReportsOpenInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("libreoffice")
	if err != nil {
		if os.Getenv("OCOP_E2E") != "" {
			t.Fatal("libreoffice is not installed; run `make test`, which installs it")
		}
		t.Skip("libreoffice is not installed")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if code, out, errOut := ocop("--db", db, "demo"); code != 0 {
		t.Fatalf("demo: %s %s", out, errOut)
	}
	book := filepath.Join(dir, "BaoCao_OCOP_2026.xlsx")
	if code, out, errOut := ocop("--db", db, "export", "products,summary,expiring,training", "--period", "2026", "--out", book); code != 0 {
		t.Fatalf("export: %s %s", out, errOut)
	}
	signin := filepath.Join(dir, "KyTen.xlsx")
	if code, out, errOut := ocop("--db", db, "export", "signin", "--course", "1", "--out", signin); code != 0 {
		t.Fatalf("export signin: %s %s", out, errOut)
	}
	for _, file := range []string{book, signin} {
		cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "lo-profile"),
			"--convert-to", "pdf", "--outdir", dir, file)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("libreoffice %s: %v\n%s", filepath.Base(file), err, out)
		}
		pdf := strings.TrimSuffix(file, ".xlsx") + ".pdf"
		info, err := os.Stat(pdf)
		if err != nil || info.Size() < 10000 {
			t.Errorf("%s was not converted to a PDF: %v", filepath.Base(file), err)
			continue
		}
		if out, err := exec.Command("pdfinfo", pdf).Output(); err == nil {
			if !strings.Contains(string(out), "A4") {
				t.Errorf("%s: not A4:\n%s", filepath.Base(pdf), out)
			}
		}
	}
}

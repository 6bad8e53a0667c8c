package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

const wine = "/usr/lib/wine/wine64"

// TestWindowsExeUnderWine is `make test-windows`: it cross-compiles
// ocop.exe, starts it under Wine and Xvfb on the demo data, types a new
// product's name in its form through an emulated input tool
// (testdata/wine/sendkeys.c), "Thánh" erasing with VK_BACK then "Thánh"
// erasing with the Unicode character 0x08, saves, and checks the stored
// record; then has the .exe export a report and checks the workbook.
// Go 1.22+ binaries need ProcessPrng, which Wine 8 lacks: a test-only DLL
// (testdata/wine/prng.c) provides it inside the test's Wine prefix.
func TestWindowsExeUnderWine(t *testing.T) {
	if os.Getenv("OCOP_WINE") == "" {
		t.Skip("run with `make test-windows`")
	}
	for _, tool := range []string{wine, "x86_64-w64-mingw32-gcc", "Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing; `make test-windows` installs it", tool)
		}
	}
	dir := t.TempDir()
	run := func(env []string, name string, args ...string) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Env = append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	exe := filepath.Join(dir, "ocop.exe")
	run([]string{"GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=1", "CC=x86_64-w64-mingw32-gcc"},
		"go", "build", "-tags", "migrated_fynedo", "-ldflags", "-H=windowsgui", "-o", exe, ".")
	run(nil, "x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", filepath.Join(dir, "bcryptprimitives.dll"), "testdata/wine/prng.c")
	run(nil, "x86_64-w64-mingw32-gcc", "-O2", "-o", filepath.Join(dir, "sendkeys.exe"), "testdata/wine/sendkeys.c")

	display := startXvfb(t)
	prefix := filepath.Join(dir, "prefix")
	wineEnv := []string{"WINEPREFIX=" + prefix, "WINEDEBUG=-all", "DISPLAY=" + display}
	run(wineEnv, wine, "wineboot", "-i")
	dll, _ := os.ReadFile(filepath.Join(dir, "bcryptprimitives.dll"))
	if err := os.WriteFile(filepath.Join(prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll"), dll, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		kill := exec.Command("/usr/lib/wine/wineserver", "-k")
		kill.Env = append(os.Environ(), wineEnv...)
		kill.Run()
	})
	winPath := func(p string) string { return "Z:" + strings.ReplaceAll(p, "/", `\`) }
	db := filepath.Join(dir, "ocop.db")
	demo, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.FillDemo(context.Background(), time.Now()); err != nil {
		t.Fatal(err)
	}
	demo.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	app := exec.CommandContext(ctx, wine, exe, "--db", winPath(db))
	app.Env = append(os.Environ(), wineEnv...)
	var logs strings.Builder
	app.Stdout, app.Stderr = &logs, &logs
	started := time.Now()
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	id := waitForWindow(t, display, "OCOP Desk", exited, &logs)
	t.Logf("ocop.exe window appeared under Wine after %v", time.Since(started).Round(100*time.Millisecond))
	x := func(args ...string) {
		t.Helper()
		cmd := exec.Command("xdotool", args...)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		cmd.Run()
	}
	pause := func(d time.Duration) { time.Sleep(d) }
	pause(3 * time.Second)
	x("windowmove", id, "0", "0")
	pause(time.Second)
	// Close the expiry notice, open a new product's form (the name field has the focus).
	x("key", "Escape")
	pause(500 * time.Millisecond)
	x("key", "ctrl+2")
	pause(time.Second)
	x("key", "ctrl+n")
	pause(2 * time.Second)
	// The product's name: "Thánh" with the erase as VK_BACK, a space, "Thánh" with the erase as U+0008.
	run(wineEnv, wine, filepath.Join(dir, "sendkeys.exe"), "vk")
	x("key", "space")
	run(wineEnv, wine, filepath.Join(dir, "sendkeys.exe"), "unicode")
	pause(500 * time.Millisecond)
	// The producer, by its name without marks (matched folded), then save.
	x("key", "Tab")
	x("type", "--delay", "40", "Cong ty TNHH Dac san Xu Lang")
	pause(500 * time.Millisecond)
	shot := filepath.Join(dir, "wine.png")
	imp := exec.Command("import", "-window", "root", "-crop", "1210x700+0+0", shot)
	imp.Env = append(os.Environ(), "DISPLAY="+display)
	imp.Run()
	if out := os.Getenv("OCOP_SHOT_DIR"); out != "" {
		b, _ := os.ReadFile(shot)
		os.WriteFile(filepath.Join(out, "wine-bo-go.png"), b, 0o644)
	}
	x("key", "ctrl+s")
	pause(2 * time.Second)

	// A second copy on the same database finds it in use (the lock through
	// CreateFile without write sharing). Its page's first button asks this
	// copy to come forward: Tab, Space, and the second copy ends with exit
	// code 0 while this one takes the request.
	second := exec.CommandContext(ctx, wine, exe, "--db", winPath(db))
	second.Env = append(os.Environ(), wineEnv...)
	var logs2 strings.Builder
	second.Stdout, second.Stderr = &logs2, &logs2
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	ended := make(chan error, 1)
	go func() { ended <- second.Wait() }()
	id2 := ""
	for deadline := time.Now().Add(60 * time.Second); id2 == "" && time.Now().Before(deadline); {
		find := exec.Command("xdotool", "search", "--onlyvisible", "--name", "OCOP Desk")
		find.Env = append(os.Environ(), "DISPLAY="+display)
		out, _ := find.Output()
		for _, w := range strings.Fields(string(out)) {
			if w != id {
				id2 = w
			}
		}
		pause(200 * time.Millisecond)
	}
	if id2 == "" {
		t.Fatalf("the second copy's window did not appear:\n%s", logs2.String())
	}
	pause(3 * time.Second)
	x("windowmove", id2, "0", "0")
	x("mousemove", "600", "300")
	pause(500 * time.Millisecond)
	shot2 := filepath.Join(dir, "wine-second.png")
	imp2 := exec.Command("import", "-window", "root", "-crop", "1210x700+0+0", shot2)
	imp2.Env = append(os.Environ(), "DISPLAY="+display)
	imp2.Run()
	x("key", "Tab")
	pause(300 * time.Millisecond)
	x("key", "space")
	select {
	case err := <-ended:
		if err != nil {
			t.Errorf("the second copy ended with %v; screenshot %s\n%s", err, shot2, logs2.String())
		}
	case <-time.After(20 * time.Second):
		t.Errorf("the second copy did not end after asking the first to come forward; screenshot %s", shot2)
	}
	raise := db + ".raise"
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); pause(100 * time.Millisecond) {
		if _, err := os.Stat(raise); os.IsNotExist(err) {
			break
		}
	}
	if _, err := os.Stat(raise); !os.IsNotExist(err) {
		t.Errorf("the first copy did not take the request to come forward (%s still there)", raise)
	}

	cancel()
	<-exited
	kill := exec.Command("/usr/lib/wine/wineserver", "-k")
	kill.Env = append(os.Environ(), wineEnv...)
	kill.Run()

	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.Products(context.Background(), data.ProductQuery{})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	var got []data.ProductRow
	for _, r := range rows {
		if strings.HasPrefix(r.Name, "Th") && strings.Contains(r.Name, "nh Th") { // the new product, however it came out
			got = append(got, r)
		}
	}
	if len(got) != 1 || got[0].Name != "Thánh Thánh" || got[0].Producer != "Công ty TNHH Đặc sản Xứ Lạng" {
		t.Errorf("stored %+v; want one product \"Thánh Thánh\" (erase as VK_BACK, then as U+0008) of Công ty TNHH Đặc sản Xứ Lạng; screenshot %s", got, shot)
	}

	// The .exe writes a report workbook under Wine.
	out := filepath.Join(dir, "BaoCao.xlsx")
	run(wineEnv, wine, exe, "--db", winPath(db), "export", "summary", "--out", winPath(out))
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("the report written under Wine: %v", err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Tổng hợp", "A2"); v != "PHÒNG KINH TẾ" {
		t.Errorf("report header %q, want the office name PHÒNG KINH TẾ", v)
	}
}

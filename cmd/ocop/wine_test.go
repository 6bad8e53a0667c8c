package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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
	if code, _, errOut := ocop("--db", db, "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}

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

// TestWindowsInstallerUnderWine is the rest of `make test-windows`: the
// installer (build/OCOP-Desk-<version>-setup.exe, made by make installer)
// under Wine as an office would run it. Its pages are clicked through and
// the installed program starts from the last page and shows its window; a
// silent upgrade is refused while it runs and goes through once it is
// closed, keeping one shortcut of each; the installed entry is in HKCU;
// ocop.exe prints its version and a product list in Wine's console, as a
// pipe and as a real console, Vietnamese intact; the window failure shows
// its message box; the silent uninstall removes the program and keeps the
// data folder. With OCOP_SHOT_DIR set, the pages and the message box are
// saved there as pictures.
func TestWindowsInstallerUnderWine(t *testing.T) {
	if os.Getenv("OCOP_WINE") == "" {
		t.Skip("run with `make test-windows`")
	}
	installer := os.Getenv("OCOP_INSTALLER")
	if installer == "" {
		found, _ := filepath.Glob("../../build/OCOP-Desk-*-setup.exe")
		if len(found) == 0 {
			t.Fatal("no installer in build/: `make test-windows` builds it (make installer)")
		}
		installer = found[len(found)-1]
	}
	installer, _ = filepath.Abs(installer)
	version := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(installer), "OCOP-Desk-"), "-setup.exe")
	for _, tool := range []string{wine, "x86_64-w64-mingw32-gcc", "Xvfb", "xdotool", "import", "script"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing; `make test-windows` installs it", tool)
		}
	}
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(filepath.Join(home, "Desktop"), 0o755); err != nil { // Wine links the Windows desktop here
		t.Fatal(err)
	}
	display := startXvfb(t)
	prefix := filepath.Join(dir, "prefix")
	wineEnv := []string{"WINEPREFIX=" + prefix, "WINEDEBUG=-all", "DISPLAY=" + display, "HOME=" + home}
	command := func(env []string, name string, args ...string) *exec.Cmd {
		cmd := exec.Command(name, args...)
		cmd.Env = append(append(os.Environ(), wineEnv...), env...)
		return cmd
	}
	run := func(env []string, name string, args ...string) string {
		t.Helper()
		out, err := command(env, name, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	run(nil, "x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", filepath.Join(dir, "bcryptprimitives.dll"), "testdata/wine/prng.c")
	run(nil, wine, "wineboot", "-i")
	dll, _ := os.ReadFile(filepath.Join(dir, "bcryptprimitives.dll"))
	if err := os.WriteFile(filepath.Join(prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll"), dll, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { command(nil, "/usr/lib/wine/wineserver", "-k").Run() })
	x := func(args ...string) string {
		out, _ := command(nil, "xdotool", args...).Output()
		return strings.TrimSpace(string(out))
	}
	pause := func(d time.Duration) { time.Sleep(d) }
	shot := func(name, crop string) string {
		path := filepath.Join(dir, name)
		args := []string{"-window", "root"}
		if crop != "" {
			args = append(args, "-crop", crop)
		}
		command(nil, "import", append(args, path)...).Run()
		if out := os.Getenv("OCOP_SHOT_DIR"); out != "" {
			b, _ := os.ReadFile(path)
			os.WriteFile(filepath.Join(out, name), b, 0o644)
		}
		return path
	}
	// geometry is a window's position and size.
	geometry := func(id string) (gx, gy, gw, gh int) {
		for _, line := range strings.Split(x("getwindowgeometry", "--shell", id), "\n") {
			k, v, _ := strings.Cut(line, "=")
			n, _ := strconv.Atoi(v)
			switch k {
			case "X":
				gx = n
			case "Y":
				gy = n
			case "WIDTH":
				gw = n
			case "HEIGHT":
				gh = n
			}
		}
		return
	}
	click := func(px, py int) { x("mousemove", strconv.Itoa(px), strconv.Itoa(py), "click", "1") }

	// 1. The pages, clicked through: welcome, folder, (files), finish with
	// "Mở OCOP Desk ngay" ticked.
	setup := command(nil, wine, installer)
	// A file, not a pipe: the program the installer starts inherits it, and
	// Wait would wait for the program too.
	setupLog, err := os.Create(filepath.Join(dir, "setup.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer setupLog.Close()
	var setupLogs strings.Builder
	setup.Stdout, setup.Stderr = setupLog, setupLog
	if err := setup.Start(); err != nil {
		t.Fatal(err)
	}
	setupDone := make(chan error, 1)
	go func() { setupDone <- setup.Wait() }()
	id := waitForWindow(t, display, "^C.+t OCOP Desk$", setupDone, &setupLogs)
	pause(2 * time.Second)
	wx, wy, ww, wh := geometry(id)
	page := fmt.Sprintf("%dx%d+%d+%d", ww, wh, wx, wy)
	next := func() { click(wx+ww-142, wy+wh-22) } // "Tiến >", "Cài đặt", "Hoàn thành"
	shot("cai-dat-1-chao.png", page)
	next()
	pause(2 * time.Second)
	shot("cai-dat-2-thu-muc.png", page)
	next()
	users, _ := filepath.Glob(filepath.Join(prefix, "drive_c", "users", "*", "AppData", "Local"))
	if len(users) != 1 {
		t.Fatalf("Wine's user folder: %v", users)
	}
	user := filepath.Dir(filepath.Dir(users[0]))
	instDir := filepath.Join(user, "AppData", "Local", "Programs", "OCOP Desk")
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); pause(500 * time.Millisecond) {
		if _, err := os.Stat(filepath.Join(instDir, "uninstall.exe")); err == nil {
			break
		}
	}
	pause(3 * time.Second)
	shot("cai-dat-3-xong.png", page)
	next()
	select {
	case err := <-setupDone:
		if err != nil {
			t.Fatalf("the installer ended with %v\n%s", err, setupLogs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the installer did not end after its finish page")
	}
	// The program it started shows its window (on a new, empty database).
	appWin := ""
	for deadline := time.Now().Add(90 * time.Second); appWin == "" && time.Now().Before(deadline); pause(300 * time.Millisecond) {
		appWin = x("search", "--onlyvisible", "--name", "^OCOP Desk$")
	}
	if appWin == "" {
		t.Fatalf("the installed program's window did not appear; screenshot %s", shot("khong-co-cua-so.png", ""))
	}
	appWin = strings.Fields(appWin)[0]
	pid, _ := strconv.Atoi(x("getwindowpid", appWin))

	// 2. A silent upgrade while it runs is refused (exit code 2), then,
	// once it is closed, goes through in place.
	if err := command(nil, wine, installer, "/S").Run(); exitCode(err) != 2 {
		t.Errorf("silent upgrade while the program runs ended with %v, want exit code 2", err)
	}
	if p, err := os.FindProcess(pid); pid > 0 && err == nil {
		p.Kill()
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && x("search", "--onlyvisible", "--name", "^OCOP Desk$") != ""; {
		pause(300 * time.Millisecond)
	}
	run(nil, wine, installer, "/S")
	startMenu := filepath.Join(user, "AppData", "Roaming", "Microsoft", "Windows", "Start Menu", "Programs")
	shortcuts := []string{filepath.Join(startMenu, "OCOP Desk.lnk"), filepath.Join(home, "Desktop", "OCOP Desk.lnk")}
	for _, s := range shortcuts {
		if _, err := os.Stat(s); err != nil {
			t.Errorf("shortcut after the upgrade: %v", err)
		}
	}
	for _, d := range []string{startMenu, filepath.Join(home, "Desktop")} {
		if lnk, _ := filepath.Glob(filepath.Join(d, "*.lnk")); len(lnk) != 1 {
			t.Errorf("shortcuts in %s after the upgrade: %v, want one", d, lnk)
		}
	}
	const key = `HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\OCOPDesk`
	entry := run(nil, wine, "reg", "query", key)
	for _, want := range []string{"DisplayName    REG_SZ    OCOP Desk", "DisplayVersion    REG_SZ    " + version, "Publisher", "DisplayIcon", "UninstallString", "EstimatedSize"} {
		if !strings.Contains(entry, want) {
			t.Errorf("the installed entry lacks %q:\n%s", want, entry)
		}
	}

	// 3. The command line in Wine's console: through a pipe, and in a real
	// console (a terminal under `script`), from a .bat file whose cmd.exe
	// waits and sees the exit codes.
	exe := `C:\users\` + filepath.Base(user) + `\AppData\Local\Programs\OCOP Desk\ocop.exe`
	winPath := func(p string) string { return "Z:" + strings.ReplaceAll(p, "/", `\`) }
	wantVersion := fmt.Sprintf("OCOP Desk %s (lược đồ dữ liệu %d)\n", version, data.LatestSchemaVersion())
	if got := run(nil, wine, "cmd", "/c", exe, "version"); got != wantVersion {
		t.Errorf("ocop.exe version printed %q, want %q", got, wantVersion)
	}
	db := filepath.Join(dir, "du-lieu", "ocop.db")
	os.MkdirAll(filepath.Dir(db), 0o755)
	if code, _, errOut := ocop("--db", db, "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	var want strings.Builder
	if code := mainRun([]string{"--db", db, "list", "products", "--csv"}, &want); code != 0 {
		t.Fatalf("list products here: exit code %d", code)
	}
	if got := run(nil, wine, "cmd", "/c", exe, "--db", winPath(db), "list", "products", "--csv"); got != want.String() {
		t.Errorf("ocop.exe list products --csv printed\n%s\nwant (as here)\n%s", got, want.String())
	}
	bat := filepath.Join(dir, "lenh.bat")
	os.WriteFile(bat, []byte("@echo off\r\n\""+exe+"\" version\r\necho rc=%ERRORLEVEL%\r\n\""+exe+"\" nosuch 2>nul\r\necho rc=%ERRORLEVEL%\r\n"), 0o644)
	// Wine's console writes to the terminal in the terminal's charset: a
	// UTF-8 one, as Debian always has (make exports a vi_VN locale that
	// may not be generated, and Wine would write "?" for every mark).
	out, _ := command([]string{"LC_ALL=C.UTF-8"}, "script", "-qc", wine+" cmd /c '"+winPath(bat)+"'", "/dev/null").Output()
	console := regexp.MustCompile(`\x1b\[[0-9;?]*[a-zA-Z]`).ReplaceAllString(strings.ReplaceAll(string(out), "\r", ""), "")
	for _, w := range []string{wantVersion + "rc=0\n", "rc=2\n"} {
		if !strings.Contains(console, w) {
			t.Errorf("in Wine's console the .bat printed\n%s\nwant %q in it", console, w)
		}
	}

	// 4. The window's failure, forced: a message box, exit code 3, the log
	// beside the data.
	fail := command([]string{"OCOP_TEST_FAIL_GL=1"}, wine, exe, "--db", winPath(db))
	if err := fail.Start(); err != nil {
		t.Fatal(err)
	}
	failed := make(chan error, 1)
	go func() { failed <- fail.Wait() }()
	var failLogs strings.Builder
	box := waitForWindow(t, display, "^OCOP Desk kh", failed, &failLogs)
	pause(time.Second)
	bx, by, bw, bh := geometry(box)
	shot("loi-opengl.png", fmt.Sprintf("%dx%d+%d+%d", bw+20, bh+20, bx-10, by-10))
	click(bx+bw/2, by+bh-21) // OK
	select {
	case err := <-failed:
		if exitCode(err) != 3 {
			t.Errorf("after the message box the program ended with %v, want exit code 3", err)
		}
	case <-time.After(20 * time.Second):
		t.Error("the program did not end after its message box's OK")
	}
	if b, err := os.ReadFile(filepath.Join(filepath.Dir(db), "ocop-loi.log")); err != nil || !strings.Contains(string(b), "window creation error") {
		t.Errorf("the log beside the data: %v\n%s", err, b)
	}

	// 5. Silent uninstall: the program, its shortcuts and its entry go; the
	// data folder stays.
	dataDir := filepath.Join(user, "AppData", "Roaming", "OCOPDesk")
	if _, err := os.Stat(filepath.Join(dataDir, "ocop.db")); err != nil {
		t.Fatalf("the program started by the installer made no data folder: %v", err)
	}
	run(nil, wine, filepath.Join(instDir, "uninstall.exe"), "/S")
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); pause(500 * time.Millisecond) {
		if _, err := os.Stat(instDir); os.IsNotExist(err) {
			break
		}
	}
	if _, err := os.Stat(instDir); !os.IsNotExist(err) {
		left, _ := os.ReadDir(instDir)
		t.Errorf("the program folder is still there after the uninstall: %v", left)
	}
	for _, s := range shortcuts {
		if _, err := os.Stat(s); !os.IsNotExist(err) {
			t.Errorf("shortcut %s still there after the uninstall", s)
		}
	}
	if err := command(nil, wine, "reg", "query", key).Run(); err == nil {
		t.Error("the installed entry is still there after the uninstall")
	}
	if _, err := os.Stat(filepath.Join(dataDir, "ocop.db")); err != nil {
		t.Errorf("the uninstall touched the data: %v", err)
	}
}

// exitCode is a finished command's exit code, -1 when it did not run.
func exitCode(err error) int {
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	}
	return -1
}

// mainRun is the command line's run with its output in out.
func mainRun(args []string, out *strings.Builder) int { return run(args, out, io.Discard) }

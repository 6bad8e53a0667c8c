// Package disktest gives tests a real small disk, to see what the program
// does when a disk fills up or refuses writes. It mounts a tmpfs, which
// needs root (as make test runs in CI); elsewhere the test is skipped.
package disktest

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"testing"
)

// Small mounts a tmpfs of size bytes on a new folder and returns it; it is
// unmounted when the test ends.
func Small(t testing.TB, size int) string {
	t.Helper()
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("a small disk needs root on Linux (mount -t tmpfs)")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+strconv.Itoa(size), "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small disk: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// ReadOnly remounts the disk at dir read-only, as a folder that may not be
// written.
func ReadOnly(t testing.TB, dir string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v %s", err, out)
	}
}

// Fill writes a file on dir until about leave bytes are free.
func Fill(t testing.TB, dir string, leave int64) string {
	t.Helper()
	path := dir + "/filler"
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for free(dir) > leave+4096 {
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
	return path
}

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLocaleNoFyneErrors runs the command line (this test binary, which
// links main's imports) under locales Fyne cannot parse or does not
// translate: nothing but the command's own output may appear.
func TestLocaleNoFyneErrors(t *testing.T) {
	if args := os.Getenv("OCOP_CHILD_ARGS"); args != "" {
		os.Exit(run(strings.Split(args, " "), os.Stdout, os.Stderr))
	}
	db := filepath.Join(t.TempDir(), "ocop.db")
	for _, tc := range []struct{ lang, args, want string }{
		{"C.UTF-8", "version", "OCOP Desk"},
		{"C", "version", "OCOP Desk"},
		{"xx_YY", "--db " + db + " list products", "0 sản phẩm"},
		{"de_DE@euro", "version", "OCOP Desk"},
		{"fr_FR.UTF-8", "version", "OCOP Desk"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestLocaleNoFyneErrors$")
			cmd.Env = append(os.Environ(), "LANG="+tc.lang, "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=", "OCOP_CHILD_ARGS="+tc.args)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("ocop %s under LANG=%s: %v\n%s", tc.args, tc.lang, err, stderr.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("ocop %s under LANG=%s printed on stderr:\n%s", tc.args, tc.lang, stderr.String())
			}
			if !strings.Contains(stdout.String(), tc.want) {
				t.Errorf("ocop %s under LANG=%s printed %q, want %q in it", tc.args, tc.lang, stdout.String(), tc.want)
			}
		})
	}
}

package syslocale

import "testing"

func TestFix(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string // LANGUAGE set, "" for untouched
	}{
		{"Debian's default", map[string]string{"LANG": "C.UTF-8"}, "en"},
		{"unknown language", map[string]string{"LANG": "xx_YY"}, "en"},
		{"modifier", map[string]string{"LANG": "de_DE@euro"}, "de_DE"},
		{"LC_ALL wins", map[string]string{"LC_ALL": "C.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"},
		{"Vietnamese", map[string]string{"LANG": "vi_VN.UTF-8"}, ""},
		{"plain C", map[string]string{"LANG": "C"}, ""},
		{"nothing set", map[string]string{}, ""},
		{"LANGUAGE list with a bad name", map[string]string{"LANG": "vi_VN.UTF-8", "LANGUAGE": "xx:vi"}, "vi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Fix(func(k string) string { return tc.env[k] }, func(k, v string) error { tc.env[k] = v; return nil })
			if got != tc.want || tc.env["LANGUAGE"] != tc.want && tc.want != "" {
				t.Errorf("LANGUAGE set to %q (env %v), want %q", got, tc.env, tc.want)
			}
		})
	}
}

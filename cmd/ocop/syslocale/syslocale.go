// Package syslocale keeps the locale that Fyne reads from the environment
// one it can parse. Fyne's lang package reads LC_ALL, LC_MESSAGES, LANG
// and LANGUAGE when it is initialised and logs "Fyne error: Error parsing
// user locale" for C.UTF-8 (Debian's default), de_DE@euro or an unknown
// language such as xx_YY: noise on every command line. Imported by main
// before anything of Fyne, its init runs first (Go initialises a package
// once its imports are, choosing among ready ones by import path; this
// package imports only the standard library and golang.org/x/text, which
// Fyne's lang needs too, so it is ready before Fyne's lang and sorts
// before it once both are: checked with GODEBUG=inittrace=1, see the test).
//
// Only LANGUAGE is set, to what Fyne would have meant (C.UTF-8: English,
// de_DE@euro: de_DE, an unknown language: English): it names message
// languages only, so the character set of programs started from here
// (a spreadsheet opened with the system's program) stays as it was.
package syslocale

import (
	"os"
	"strings"

	"golang.org/x/text/language"
)

func init() { Fix(os.Getenv, os.Setenv) }

// Fix sets LANGUAGE through set when the locale that Fyne would read
// through get cannot be parsed; it reports the value set ("" when none).
func Fix(get func(string) string, set func(string, string) error) string {
	locale := ""
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = get(env); locale != "" {
			break
		}
	}
	if locale == "" || locale == "C" || locale == "POSIX" {
		return "" // Fyne takes English without a word
	}
	list := locale
	if l := get("LANGUAGE"); l != "" {
		list = l
	}
	var good []string
	changed := false
	for _, one := range strings.Split(list, ":") {
		if tag, ok := usable(one); ok {
			good = append(good, tag)
			changed = changed || strings.Contains(one, "@") // Fyne keeps the modifier
		} else {
			changed = true
		}
	}
	if !changed {
		return ""
	}
	if len(good) == 0 {
		good = []string{"en"}
	}
	v := strings.Join(good, ":")
	set("LANGUAGE", v)
	return v
}

// usable is one locale name as Fyne will parse it (language_REGION, without
// .charset and @modifier), and whether it is a language Fyne can look up.
func usable(name string) (string, bool) {
	if i := strings.IndexAny(name, ".@"); i >= 0 {
		name = name[:i]
	}
	if name == "" || name == "C" || name == "POSIX" {
		return "", false
	}
	tag, err := language.Parse(strings.ReplaceAll(name, "_", "-"))
	if err != nil {
		return "", false
	}
	if _, c := tag.Base(); c == language.No {
		return "", false
	}
	return name, true
}

package data

import (
	"strconv"
	"strings"
)

// NormalisePhone reads a phone number as offices type it into their lists
// and returns it as Vietnamese numbers are written: a 0 and the digits
// (ten for a mobile, eleven for a landline, 02…). Spaces, dots, dashes and brackets are dropped ("0912.345.678",
// "(0263) 3822 123"); "+84", "0084" and "84" become 0; a mobile or
// landline number that lost its leading 0 in Excel (912345678, also a
// number cell read as 9.12345678E8 or 912345678.0) gets it back. Several
// numbers in one cell (split by ";", "," or "/") are each read. What cannot
// be one is returned as typed, with a warning saying so; an empty cell
// gives "" and no warning.
func NormalisePhone(s string) (string, string) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", ""
	}
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == ';' || r == ',' || r == '/' || r == '\n' })
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) == "" {
			continue
		}
		n, ok := onePhone(p)
		if !ok {
			return t, phoneWarning
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return t, phoneWarning
	}
	return strings.Join(out, ", "), ""
}

const phoneWarning = "không phải số điện thoại Việt Nam (di động 10 chữ số, cố định 11 chữ số, bắt đầu bằng 0); giữ nguyên như đã ghi"

// onePhone reads one number; see NormalisePhone.
func onePhone(s string) (string, bool) {
	t := strings.TrimSpace(s)
	// A number cell: 9.12345678E8, 912345678.0.
	if strings.ContainsAny(t, "eE") || strings.HasSuffix(t, ".0") {
		if f, err := strconv.ParseFloat(t, 64); err == nil && f > 0 && f < 1e12 && f == float64(int64(f)) {
			t = strconv.FormatInt(int64(f), 10)
		}
	}
	var b strings.Builder
	for i, r := range t {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')' || r == '\u00a0' || r == '\t':
		default:
			return "", false
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "+84"):
		d = strings.TrimPrefix(d, "+84")
	case strings.HasPrefix(d, "+"):
		return "", false
	case strings.HasPrefix(d, "0084"):
		d = strings.TrimPrefix(d, "0084")
	case strings.HasPrefix(d, "84") && (len(d) == 11 && d[2] != '2' || len(d) == 12 && d[2] == '2'):
		d = strings.TrimPrefix(d, "84")
	}
	if len(d) > 1 && d[0] == '0' {
		d = d[1:] // also "+84 0912 345 678"
	}
	// Hotlines 1800 xxxx and 1900 xxxx are written as they are.
	if (strings.HasPrefix(d, "1800") || strings.HasPrefix(d, "1900")) && (len(d) == 8 || len(d) == 10) {
		return d, true
	}
	// After the 0: mobiles 3, 5, 7, 8, 9 and eight digits (ten in all);
	// landlines 2 and nine digits (area code 02x or 02xx, eleven in all).
	switch {
	case len(d) == 9 && strings.ContainsRune("35789", rune(d[0])):
	case len(d) == 10 && d[0] == '2':
	default:
		return "", false
	}
	return "0" + d, true
}

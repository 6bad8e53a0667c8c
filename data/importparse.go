package data

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ocopdesk/ocop/data/viet"
)

// Parsers for the notations offices use in their own spreadsheets. Each
// takes a cell's text and says what it means, or why it cannot tell.

// ParseStars reads a star rating written as 4, "4 sao", "4*", "★★★★" or
// "Bốn sao".
func ParseStars(s string) (int, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("chưa có hạng sao")
	}
	if n := strings.Count(t, "★") + strings.Count(t, "☆"); n > 0 && strings.Trim(t, "★☆ ") == "" {
		n = strings.Count(t, "★")
		if n >= 1 && n <= 5 {
			return n, nil
		}
	}
	f := viet.Fold(t)
	f = strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(f, "sao")), "*")
	f = strings.TrimSuffix(strings.TrimSpace(f), ".0")
	words := map[string]int{"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5}
	if n, ok := words[strings.TrimSpace(f)]; ok {
		return n, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(f))
	if err != nil || n < 1 || n > 5 {
		return 0, fmt.Errorf("hạng sao %q không hiểu được: ghi 3, \"3 sao\" hoặc ★★★", s)
	}
	return n, nil
}

// ParseCellDate reads a date as offices write it: a date cell (Excel
// serial number), "07/7/2023", "7/7/2023", "07-07-2023", "2023-07-07".
func ParseCellDate(s string) (time.Time, error) {
	t := strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(t, 64); err == nil && f > 20000 && f < 80000 && !strings.ContainsAny(t, "/-") {
		// An Excel serial day: 1900 date system, day 1 = 1900-01-01 with the 1900 leap-year bug.
		base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
		return base.AddDate(0, 0, int(f)), nil
	}
	return ParseDate(t)
}

var (
	decisionNoRe   = regexp.MustCompile(`(?i)(\d+[a-z]?\s*/\s*(?:\d{4}\s*/\s*)?[\p{L}Đđ\-]+(?:\s*-\s*[\p{L}Đđ]+)*)`)
	decisionDateRe = regexp.MustCompile(`(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})`)
	decisionDayRe  = regexp.MustCompile(`(?i)ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})`)
)

// ParseDecision reads a recognition decision written in one cell, such as
// "2412/QĐ-UBND ngày 06/12/2024", "QĐ số 1203/QĐ-UBND ngày 07/7/2023" or
// "Quyết định số 88/QĐ-UBND ngày 5 tháng 3 năm 2025". Either part may be
// missing; it fails only when neither can be found.
func ParseDecision(s string) (no string, day time.Time, err error) {
	t := viet.Clean(s)
	if m := decisionDateRe.FindStringSubmatchIndex(t); m != nil {
		day, err = ParseDate(fmt.Sprintf("%s/%s/%s", t[m[2]:m[3]], t[m[4]:m[5]], t[m[6]:m[7]]))
		if err != nil {
			return "", time.Time{}, fmt.Errorf("ngày trong %q không hợp lệ", s)
		}
		t = t[:m[0]] + t[m[1]:]
	} else if m := decisionDayRe.FindStringSubmatch(t); m != nil {
		day, err = ParseDate(m[1] + "/" + m[2] + "/" + m[3])
		if err != nil {
			return "", time.Time{}, fmt.Errorf("ngày trong %q không hợp lệ", s)
		}
		t = strings.Replace(t, m[0], "", 1)
	}
	if m := decisionNoRe.FindString(t); m != "" {
		no = strings.Join(strings.Fields(strings.ReplaceAll(m, " ", "")), "")
	}
	if no == "" && day.IsZero() {
		return "", time.Time{}, fmt.Errorf("không đọc được số và ngày quyết định trong %q", s)
	}
	return no, day, nil
}

// FindCommune finds which commune an address names among communes (see
// CommuneResolver.Resolve; without the conversion table, only current
// names are known). It returns the commune and whether one was found.
func FindCommune(address string, communes []Commune) (Commune, bool) {
	return NewCommuneIndex(communes).Find(address)
}

// NewCommuneIndex is a resolver of current names only, over communes.
func NewCommuneIndex(communes []Commune) *CommuneResolver {
	return NewCommuneResolver(communes, nil, nil, "")
}

// ParseProducerType reads a producer type as written ("HTX", "Hợp tác
// xã", "Công ty TNHH", "Hộ kinh doanh", "THT") and returns its code, or
// guesses it from the producer's name when type is empty.
func ParseProducerType(typ, name string) (string, bool) {
	for _, s := range []string{typ, name} {
		f := viet.Fold(s)
		switch {
		case f == "":
			continue
		case strings.HasPrefix(f, "htx") || strings.Contains(f, "hop tac xa"):
			return "htx", true
		case strings.HasPrefix(f, "tht") || strings.Contains(f, "to hop tac"):
			return "tht", true
		case strings.Contains(f, "cong ty") || strings.HasPrefix(f, "cty") || strings.HasPrefix(f, "dn") || strings.Contains(f, "doanh nghiep") ||
			strings.Contains(f, "tnhh") || strings.Contains(f, "co phan"):
			return "doanh_nghiep", true
		case strings.Contains(f, "ho kinh doanh") || strings.Contains(f, "ho san xuat") || strings.HasPrefix(f, "ho ") || f == "ho" ||
			strings.Contains(f, "hkd") || strings.Contains(f, "co so"):
			return "ho_kinh_doanh", true
		}
	}
	return "", false
}

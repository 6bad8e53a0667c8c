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

// ParseStars reads a star rating written as 4, "4 sao", "Hạng 4 sao",
// "4*", "4 *", "****", "★★★★", "4★" or "Bốn sao".
func ParseStars(s string) (int, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("chưa có hạng sao")
	}
	bad := fmt.Errorf("hạng sao %q không hiểu được: ghi 3, \"3 sao\", \"3*\" hoặc ★★★", s)
	// Only marks: ★★★☆☆ counts the full stars, *** every star.
	if strings.Trim(t, "★☆* ") == "" {
		n := strings.Count(t, "★")
		if n == 0 {
			n = strings.Count(t, "*")
		}
		if n < 1 || n > 5 {
			return 0, bad
		}
		return n, nil
	}
	f := strings.TrimSpace(strings.ReplaceAll(viet.Fold(t), "★", "*"))
	f = strings.TrimSpace(strings.TrimPrefix(f, "hang "))
	f = strings.TrimSpace(strings.TrimSuffix(f, "sao"))
	f = strings.TrimSpace(strings.TrimSuffix(f, "*"))
	f = strings.TrimSuffix(f, ".0")
	words := map[string]int{"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5}
	if n, ok := words[f]; ok {
		return n, nil
	}
	n, err := strconv.Atoi(f)
	if err != nil || n < 1 || n > 5 {
		return 0, bad
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

var (
	// addressLabelRe is the "địa chỉ:" (or "ĐC:") that starts the address in
	// a producer-and-address cell, with the "-", ";" or "," before it.
	addressLabelRe = regexp.MustCompile(`(?i)(?:^|[\s,;\-–(]+)(?:đ[iị]a\s*ch[iỉ]|đc)\s*:\s*`)
	// placeWords start the address after a comma: ", xã …", ", thôn …".
	placeWords = []string{"xa", "phuong", "thi tran", "thon", "ban", "to", "khoi", "khu", "ap", "so nha", "so", "duong",
		"huyen", "tinh", "thanh pho", "tp", "quan", "thi xa", "tx"}
)

// SplitProducerAddress splits a cell that holds a producer and its address,
// as decision annexes write them under "Tên chủ thể, địa chỉ": on a line
// break, "HTX A; địa chỉ: xã B", "HTX A - địa chỉ: …", "HTX A, xã B, tỉnh
// C" (before the first ", xã|phường|thôn|bản|tổ …"), "HTX A (xã B, tỉnh
// C)". A cell with no address is all producer.
func SplitProducerAddress(s string) (producer, address string) {
	t := strings.TrimSpace(strings.ReplaceAll(s, "\r", ""))
	clean := func(p, a string) (string, string) {
		a = addressLabelRe.ReplaceAllString(strings.TrimSpace(a), "")
		return viet.Clean(strings.TrimRight(strings.TrimSpace(p), " ,;-–:")), viet.Clean(strings.Join(strings.Fields(a), " "))
	}
	if m := addressLabelRe.FindStringIndex(t); m != nil && m[0] > 0 {
		return clean(t[:m[0]], t[m[1]:])
	}
	if p, a, ok := strings.Cut(t, "\n"); ok && strings.TrimSpace(p) != "" {
		return clean(p, a)
	}
	if p, a, ok := strings.Cut(t, ";"); ok && strings.TrimSpace(p) != "" {
		return clean(p, a)
	}
	if strings.HasSuffix(t, ")") {
		if i := strings.LastIndex(t, "("); i > 0 && startsWithPlace(t[i+1:]) {
			return clean(t[:i], strings.TrimSuffix(t[i+1:], ")"))
		}
	}
	for i := 0; i < len(t); {
		j := strings.Index(t[i:], ",")
		if j < 0 {
			break
		}
		j += i
		if j > 0 && startsWithPlace(t[j+1:]) {
			return clean(t[:j], t[j+1:])
		}
		i = j + 1
	}
	return clean(t, "")
}

// startsWithPlace says whether s begins with a place word: "xã B", "Thôn C".
func startsWithPlace(s string) bool {
	f := viet.Fold(strings.TrimSpace(s))
	for _, w := range placeWords {
		if rest, ok := strings.CutPrefix(f, w); ok && (rest == "" || rest[0] == ' ' || rest[0] == '.' || (rest[0] >= '0' && rest[0] <= '9')) {
			return true
		}
	}
	return false
}

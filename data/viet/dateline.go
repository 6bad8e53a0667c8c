package viet

import (
	"fmt"
	"strconv"
	"time"
)

// PlaceDateLine returns the dated line of an official document (Decree
// 30/2020/NĐ-CP): days 1-9 and months 1-2 take a leading zero, months 3-12
// do not. "Lạng Sơn, ngày 05 tháng 02 năm 2026".
func PlaceDateLine(place string, day time.Time) string {
	m := strconv.Itoa(int(day.Month()))
	if day.Month() <= 2 {
		m = "0" + m
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", place, day.Day(), m, day.Year())
}

// Package lunar converts between the Gregorian calendar and the Vietnamese
// lunar calendar (âm lịch), by Hồ Ngọc Đức's algorithm with the new moons
// and solar terms reckoned at UTC+7, the time of Vietnam. The Chinese
// calendar, reckoned at UTC+8, differs in some years (Tết 1985 was 21/1 in
// Vietnam, 20/2 in China), so it must not stand in for this one.
//
// Public holidays fixed by the lunar calendar (Tết Nguyên Đán, Giỗ Tổ Hùng
// Vương) are worked out with it; the package knows nothing of holidays.
package lunar

import (
	"math"
	"time"
)

// timeZone is Vietnam's offset from UTC, in hours.
const timeZone = 7.0

// Date is a day of the lunar calendar. Leap marks the day as in the leap
// month (tháng nhuận) that repeats Month.
type Date struct {
	Year, Month, Day int
	Leap             bool
}

// FromSolar returns the lunar date of the calendar day of t (its year,
// month and day, whatever its location).
func FromSolar(t time.Time) Date {
	yy, mm, dd := t.Date()
	dayNumber := jdFromDate(dd, int(mm), yy)
	k := floor((float64(dayNumber) - 2415021.076998695) / 29.530588853)
	monthStart := newMoonDay(k + 1)
	if monthStart > dayNumber {
		monthStart = newMoonDay(k)
	}
	a11 := lunarMonth11(yy)
	b11 := a11
	var year int
	if a11 >= monthStart {
		year = yy
		a11 = lunarMonth11(yy - 1)
	} else {
		year = yy + 1
		b11 = lunarMonth11(yy + 1)
	}
	d := Date{Day: dayNumber - monthStart + 1}
	diff := (monthStart - a11) / 29
	d.Month = diff + 11
	if b11-a11 > 365 {
		leap := leapMonthOffset(a11)
		if diff >= leap {
			d.Month = diff + 10
			d.Leap = diff == leap
		}
	}
	if d.Month > 12 {
		d.Month -= 12
	}
	if d.Month >= 11 && diff < 4 {
		year--
	}
	d.Year = year
	return d
}

// ToSolar returns the Gregorian day (midnight UTC) of a lunar date, and
// false for a leap month the year does not have or a day past the month's
// end.
func ToSolar(d Date) (time.Time, bool) {
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 30 {
		return time.Time{}, false
	}
	var a11, b11 int
	if d.Month < 11 {
		a11, b11 = lunarMonth11(d.Year-1), lunarMonth11(d.Year)
	} else {
		a11, b11 = lunarMonth11(d.Year), lunarMonth11(d.Year+1)
	}
	k := floor(0.5 + (float64(a11)-2415021.076998695)/29.530588853)
	off := d.Month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		leapOff := leapMonthOffset(a11)
		leapMonth := leapOff - 2
		if leapMonth < 0 {
			leapMonth += 12
		}
		if d.Leap && d.Month != leapMonth {
			return time.Time{}, false
		}
		if d.Leap || off >= leapOff {
			off++
		}
	} else if d.Leap {
		return time.Time{}, false
	}
	monthStart := newMoonDay(k + off)
	t := dateFromJD(monthStart + d.Day - 1)
	if FromSolar(t) != d {
		return time.Time{}, false // day 30 of a 29-day month
	}
	return t, true
}

// NewYear returns the first day of lunar year y (mùng 1 Tết).
func NewYear(y int) time.Time {
	t, _ := ToSolar(Date{Year: y, Month: 1, Day: 1})
	return t
}

func floor(x float64) int { return int(math.Floor(x)) }

// jdFromDate is the Julian day number of a Gregorian date.
func jdFromDate(dd, mm, yy int) int {
	a := (14 - mm) / 12
	y := yy + 4800 - a
	m := mm + 12*a - 3
	return dd + (153*m+2)/5 + 365*y + y/4 - y/100 + y/400 - 32045
}

// dateFromJD is the Gregorian date of a Julian day number, at midnight UTC.
func dateFromJD(jd int) time.Time {
	a := jd + 32044
	b := (4*a + 3) / 146097
	c := a - b*146097/4
	d := (4*c + 3) / 1461
	e := c - 1461*d/4
	m := (5*e + 2) / 153
	day := e - (153*m+2)/5 + 1
	month := m + 3 - 12*(m/10)
	year := b*100 + d - 4800 + m/10
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// newMoon is the Julian day (with fraction) of the k-th new moon after
// 1/1/1900.
func newMoon(k int) float64 {
	kf := float64(k)
	T := kf / 1236.85
	T2, T3 := T*T, T*T*T
	dr := math.Pi / 180
	jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*T2 - 0.000000155*T3
	jd1 += 0.00033 * math.Sin((166.56+132.87*T-0.009173*T2)*dr)
	M := 359.2242 + 29.10535608*kf - 0.0000333*T2 - 0.00000347*T3
	Mpr := 306.0253 + 385.81691806*kf + 0.0107306*T2 + 0.00001236*T3
	F := 21.2964 + 390.67050646*kf - 0.0016528*T2 - 0.00000239*T3
	c1 := (0.1734-0.000393*T)*math.Sin(M*dr) + 0.0021*math.Sin(2*dr*M)
	c1 = c1 - 0.4068*math.Sin(Mpr*dr) + 0.0161*math.Sin(dr*2*Mpr)
	c1 -= 0.0004 * math.Sin(dr*3*Mpr)
	c1 = c1 + 0.0104*math.Sin(dr*2*F) - 0.0051*math.Sin(dr*(M+Mpr))
	c1 = c1 - 0.0074*math.Sin(dr*(M-Mpr)) + 0.0004*math.Sin(dr*(2*F+M))
	c1 = c1 - 0.0004*math.Sin(dr*(2*F-M)) - 0.0006*math.Sin(dr*(2*F+Mpr))
	c1 = c1 + 0.0010*math.Sin(dr*(2*F-Mpr)) + 0.0005*math.Sin(dr*(2*Mpr+M))
	var deltat float64
	if T < -11 {
		deltat = 0.001 + 0.000839*T + 0.0002261*T2 - 0.00000845*T3 - 0.000000081*T*T3
	} else {
		deltat = -0.000278 + 0.000265*T + 0.000262*T2
	}
	return jd1 + c1 - deltat
}

// newMoonDay is the day number, in Vietnam's time, of the k-th new moon.
func newMoonDay(k int) int { return floor(newMoon(k) + 0.5 + timeZone/24) }

// sunLongitude is the sun's longitude in radians at Julian day jdn (UT).
func sunLongitude(jdn float64) float64 {
	T := (jdn - 2451545.0) / 36525
	T2 := T * T
	dr := math.Pi / 180
	M := 357.52910 + 35999.05030*T - 0.0001559*T2 - 0.00000048*T*T2
	L0 := 280.46645 + 36000.76983*T + 0.0003032*T2
	DL := (1.914600 - 0.004817*T - 0.000014*T2) * math.Sin(dr*M)
	DL += (0.019993-0.000101*T)*math.Sin(dr*2*M) + 0.000290*math.Sin(dr*3*M)
	L := (L0 + DL) * dr
	return L - math.Pi*2*math.Floor(L/(math.Pi*2))
}

// sunSector is which of the 12 major solar terms (0-11) the sun is in at
// the start of day dayNumber, in Vietnam's time.
func sunSector(dayNumber int) int {
	return floor(sunLongitude(float64(dayNumber)-0.5-timeZone/24) / math.Pi * 6)
}

// lunarMonth11 is the first day of the 11th lunar month (the one holding
// the winter solstice) that begins in Gregorian year yy or just before.
func lunarMonth11(yy int) int {
	off := float64(jdFromDate(31, 12, yy)) - 2415021
	k := floor(off / 29.530588853)
	nm := newMoonDay(k)
	if sunSector(nm) >= 9 {
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapMonthOffset is, for a lunar year whose 11th month starts on a11 and
// that has 13 months, how many months after a11 the leap month starts:
// the first month holding no major solar term.
func leapMonthOffset(a11 int) int {
	k := floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5)
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

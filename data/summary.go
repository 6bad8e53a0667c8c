package data

import (
	"sort"
	"strings"
)

// ProductFilter narrows a product list as the list screen's search box and
// filters do.
type ProductFilter struct {
	Search       string // words, folded
	Status       Status // "" for every status
	CommuneID    int64  // 0 for every commune
	Group        string // group (ngành) code such as "I"; "" for every group
	Stars        int    // 1-5; 0 for any
	ProducerType string // producer type code; "" for every type
}

// GroupOf returns the group (ngành) code of a product set code: "I" for "I.3.c".
func GroupOf(setCode string) string {
	g, _, _ := strings.Cut(setCode, ".")
	return g
}

// FilterProducts returns the rows that match f, in their order. The
// command line's --search and the GUI's search box both use it.
func FilterProducts(rows []ProductRow, f ProductFilter) []ProductRow {
	query := Fold(f.Search)
	out := make([]ProductRow, 0, len(rows))
	for _, r := range rows {
		if (f.Status != "" && r.Status != f.Status) || (f.CommuneID != 0 && r.CommuneID != f.CommuneID) ||
			(f.Stars != 0 && r.Stars != f.Stars) || (f.ProducerType != "" && r.ProducerType != f.ProducerType) ||
			(f.Group != "" && GroupOf(r.SetCode) != f.Group) {
			continue
		}
		if MatchesAll(r.folded, query) {
			out = append(out, r)
		}
	}
	return out
}

func foldProduct(r ProductRow) string {
	return Fold(strings.Join([]string{r.Name, r.Producer, r.Commune, r.DecisionNo}, " "))
}

// Summary holds the figures of the overview screen and the summary report.
type Summary struct {
	Products  int // every product on record
	Certified int // with at least one recognition decision
	ByStatus  map[Status]int
	ByStars   map[int]int  // latest certification's stars
	Attention []ProductRow // expiring or expired, soonest end first
}

// Summarize counts rows by status and stars and lists those needing
// attention (expiring or expired), the soonest end first.
func Summarize(rows []ProductRow) Summary {
	s := Summary{Products: len(rows), ByStatus: map[Status]int{}, ByStars: map[int]int{}}
	for _, r := range rows {
		s.ByStatus[r.Status]++
		if r.Certified {
			s.Certified++
			s.ByStars[r.Stars]++
		}
		if r.Status == StatusExpiring || r.Status == StatusExpired {
			s.Attention = append(s.Attention, r)
		}
	}
	// Expiring first (soonest end first), then expired (latest end first).
	sort.SliceStable(s.Attention, func(i, j int) bool {
		a, b := s.Attention[i], s.Attention[j]
		if a.Status != b.Status {
			return a.Status == StatusExpiring
		}
		if a.Status == StatusExpiring {
			return a.ValidUntil.Before(b.ValidUntil)
		}
		return a.ValidUntil.After(b.ValidUntil)
	})
	return s
}

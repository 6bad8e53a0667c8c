package data

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/ocopdesk/ocop/data/viet"
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
// command line's --search and the GUI's search box (through ProductSearch)
// both use the same matching.
func FilterProducts(rows []ProductRow, f ProductFilter) []ProductRow {
	v := filterView(rows, nil, f)
	out := make([]ProductRow, v.Len())
	for i := range out {
		out[i] = *v.At(i)
	}
	return out
}

// ProductView is a filtered product list: positions in the full list, so
// that a keystroke over 100,000 products copies no rows.
type ProductView struct {
	rows []ProductRow
	idx  []int32
}

// Len is the number of rows in the view.
func (v ProductView) Len() int { return len(v.idx) }

// At returns the i-th row of the view; it must not be modified.
func (v ProductView) At(i int) *ProductRow { return &v.rows[v.idx[i]] }

// filterView returns the rows matching f among those at positions from (all
// of rows when from is nil). Large lists are searched in parallel slices.
func filterView(rows []ProductRow, from []int32, f ProductFilter) ProductView {
	if from == nil {
		from = make([]int32, len(rows))
		for i := range from {
			from[i] = int32(i)
		}
	}
	words := strings.Fields(viet.Fold(f.Search))
	if len(words) == 0 && f == (ProductFilter{Search: f.Search}) {
		return ProductView{rows, from}
	}
	parts := runtime.GOMAXPROCS(0)
	if len(from) < 5000 || parts < 2 {
		parts = 1
	}
	found := make([][]int32, parts)
	var wg sync.WaitGroup
	size := (len(from) + parts - 1) / parts
	for i := range parts {
		part := from[min(i*size, len(from)):min((i+1)*size, len(from))]
		wg.Go(func() { found[i] = matching(rows, part, f, words) })
	}
	wg.Wait()
	return ProductView{rows, slices.Concat(found...)}
}

// matching returns the positions among at whose rows match f and words.
func matching(rows []ProductRow, at []int32, f ProductFilter, words []string) []int32 {
	var idx []int32
	for _, i := range at {
		r := &rows[i]
		if (f.Status != "" && r.Status != f.Status) || (f.CommuneID != 0 && r.CommuneID != f.CommuneID) ||
			(f.Stars != 0 && r.Stars != f.Stars) || (f.ProducerType != "" && r.ProducerType != f.ProducerType) ||
			(f.Group != "" && GroupOf(r.SetCode) != f.Group) {
			continue
		}
		if containsAll(r.folded, words) {
			idx = append(idx, i)
		}
	}
	return idx
}

func containsAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// refines reports whether every row matching f also matches prev: the same
// filters, and each word of prev's search inside a word of f's (typing on).
func (f ProductFilter) refines(prev ProductFilter) bool {
	a, b := f, prev
	a.Search, b.Search = "", ""
	if a != b {
		return false
	}
	words := strings.Fields(viet.Fold(f.Search))
	for _, old := range strings.Fields(viet.Fold(prev.Search)) {
		if !slices.ContainsFunc(words, func(w string) bool { return strings.Contains(w, old) }) {
			return false
		}
	}
	return true
}

// ProductSearch filters one loaded list as the user types: when the new
// search only narrows the previous one (another letter typed), it looks
// only through the previous result, and a search seen a moment ago (after
// Backspace) is answered from memory. Safe for concurrent use.
type ProductSearch struct {
	mu     sync.Mutex
	all    []ProductRow
	last   ProductFilter
	lastAt []int32
	primed bool
	recent map[ProductFilter][]int32
}

// NewProductSearch searches rows (as Products returned them), which must
// not change afterwards.
func NewProductSearch(rows []ProductRow) *ProductSearch {
	return &ProductSearch{all: rows, recent: map[ProductFilter][]int32{}}
}

// Filter returns the rows matching f, in list order: the rows FilterProducts
// gives, computed faster when typing narrows the search.
func (s *ProductSearch) Filter(f ProductFilter) ProductView {
	f.Search = viet.Fold(f.Search)
	s.mu.Lock()
	if idx, ok := s.recent[f]; ok {
		s.last, s.lastAt, s.primed = f, idx, true
		s.mu.Unlock()
		return ProductView{s.all, idx}
	}
	var from []int32
	if s.primed && f.refines(s.last) {
		from = s.lastAt
	}
	s.mu.Unlock()
	v := filterView(s.all, from, f)
	s.mu.Lock()
	s.last, s.lastAt, s.primed = f, v.idx, true
	if len(s.recent) >= 64 {
		clear(s.recent)
	}
	s.recent[f] = v.idx
	s.mu.Unlock()
	return v
}

// Len is the number of rows searched.
func (s *ProductSearch) Len() int { return len(s.all) }

func foldProduct(r ProductRow) string {
	return viet.Fold(strings.Join([]string{r.Name, r.Producer, r.Commune, r.DecisionNo}, " "))
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
	var counts [4]int // by status, without a map lookup per row
	var stars [6]int
	var at []int32 // the rows needing attention, sorted as positions
	for i := range rows {
		r := &rows[i]
		switch r.Status {
		case StatusValid:
			counts[0]++
		case StatusExpiring:
			counts[1]++
			at = append(at, int32(i))
		case StatusExpired:
			counts[2]++
			at = append(at, int32(i))
		default:
			s.ByStatus[r.Status]++
		}
		if r.Certified {
			s.Certified++
			if r.Stars >= 0 && r.Stars <= 5 {
				stars[r.Stars]++
			} else {
				s.ByStars[r.Stars]++
			}
		}
	}
	for i, st := range []Status{StatusValid, StatusExpiring, StatusExpired} {
		if counts[i] > 0 {
			s.ByStatus[st] += counts[i]
		}
	}
	for k, n := range stars {
		if n > 0 {
			s.ByStars[k] += n
		}
	}
	// Expiring first (soonest end first), then expired (latest end first).
	sortByNumber(at, func(i *int32) int64 {
		r := &rows[*i]
		if r.Status == StatusExpired {
			return 1<<62 - r.ValidUntil.Unix()
		}
		return r.ValidUntil.Unix()
	})
	s.Attention = make([]ProductRow, len(at))
	for k, i := range at {
		s.Attention[k] = rows[i]
	}
	return s
}

package data

import (
	"cmp"
	"slices"

	"github.com/ocopdesk/ocop/data/viet"
)

// ProductColumn is a column of the product list that rows can be sorted by.
type ProductColumn int

// The product list's columns, in the order the GUI shows them.
const (
	SortName ProductColumn = iota
	SortProducer
	SortCommune
	SortSet
	SortStars
	SortScore
	SortStatus
	SortValidUntil
	SortDecision
	SortDecided
)

// SortProductsBy orders rows stably by col, text in Vietnamese order,
// descending when desc. The GUI's column headers sort through it.
func SortProductsBy(rows []ProductRow, col ProductColumn, desc bool) {
	var text func(ProductRow) string
	switch col {
	case SortName:
		text = func(r ProductRow) string { return r.Name }
	case SortProducer:
		text = func(r ProductRow) string { return r.Producer }
	case SortCommune:
		text = func(r ProductRow) string { return r.Commune }
	case SortDecision:
		text = func(r ProductRow) string { return r.DecisionNo }
	}
	sign := 1
	if desc {
		sign = -1
	}
	if text != nil {
		keys := make([]string, len(rows))
		for i, r := range rows {
			keys[i] = string(viet.SortKey(text(r)))
		}
		sortWithKeys(rows, keys, sign)
		return
	}
	var c func(a, b ProductRow) int
	switch col {
	case SortSet:
		c = func(a, b ProductRow) int { return cmp.Compare(a.SetCode, b.SetCode) }
	case SortStars:
		c = func(a, b ProductRow) int { return cmp.Compare(a.Stars, b.Stars) }
	case SortScore:
		c = func(a, b ProductRow) int {
			return cmp.Or(cmp.Compare(boolInt(a.HasScore), boolInt(b.HasScore)), cmp.Compare(a.Score, b.Score))
		}
	case SortValidUntil:
		c = func(a, b ProductRow) int { return a.ValidUntil.Compare(b.ValidUntil) }
	case SortDecided:
		c = func(a, b ProductRow) int { return a.DecisionDate.Compare(b.DecisionDate) }
	default:
		c = func(a, b ProductRow) int { return cmp.Compare(statusRank(a.Status), statusRank(b.Status)) }
	}
	idx := make([]int32, len(rows))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int { return cmp.Or(sign*c(rows[a], rows[b]), cmp.Compare(a, b)) })
	sorted := make([]ProductRow, len(rows))
	for i, j := range idx {
		sorted[i] = rows[j]
	}
	copy(rows, sorted)
}

// sortWithKeys orders rows by their precomputed keys, stably: positions
// sorted by an unstable sort with the position as tie-break (the same
// order, about half the time of a stable sort of 100,000 rows).
func sortWithKeys[T any](rows []T, keys []string, sign int) {
	idx := make([]int32, len(rows))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int { return cmp.Or(sign*cmp.Compare(keys[a], keys[b]), cmp.Compare(a, b)) })
	sorted := make([]T, len(rows))
	for i, j := range idx {
		sorted[i] = rows[j]
	}
	copy(rows, sorted)
}

// sortByNumber orders rows by key, rows of equal keys staying in their
// order, sorting the keys with their positions rather than moving large
// rows on every comparison.
func sortByNumber[T any](rows []T, key func(*T) int64) {
	type keyed struct {
		key int64
		at  int32
	}
	ks := make([]keyed, len(rows))
	for i := range rows {
		ks[i] = keyed{key(&rows[i]), int32(i)}
	}
	slices.SortFunc(ks, func(a, b keyed) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.at, b.at)) })
	sorted := make([]T, len(rows))
	for i, k := range ks {
		sorted[i] = rows[k.at]
	}
	copy(rows, sorted)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// statusRank orders statuses as Statuses lists them.
func statusRank(s Status) int {
	if i := slices.Index(Statuses, s); i >= 0 {
		return i
	}
	return len(Statuses)
}

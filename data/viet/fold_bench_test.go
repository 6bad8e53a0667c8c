package viet

import (
	"fmt"
	"testing"
)

// benchStrings returns n strings like the ones the product list folds and
// sorts: product and producer names, communes and decision numbers.
func benchStrings(n int) []string {
	communes := []string{"Lạng Sơn", "Tràng Định", "Đình Lập", "Bắc Sơn", "Chi Lăng", "Hữu Lũng", "Cao Lộc", "Văn Quan"}
	out := make([]string, n)
	for i := range out {
		switch i % 4 {
		case 0:
			out[i] = fmt.Sprintf("Sản phẩm thử nghiệm Lạng Sơn %d", i)
		case 1:
			out[i] = fmt.Sprintf("HTX Nông sản Đặc sản số %d", i/4)
		case 2:
			out[i] = fmt.Sprintf("Thạch đen %s %d", communes[i%len(communes)], i)
		default:
			out[i] = fmt.Sprintf("%d/QĐ-UBND", 1000+i)
		}
	}
	return out
}

// BenchmarkFold folds 100,000 strings per operation, as the product list
// does once when it loads.
func BenchmarkFold(b *testing.B) {
	in := benchStrings(100000)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range in {
			Fold(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(in)), "ns/string")
}

// BenchmarkSortKey computes the sort keys of 100,000 strings per
// operation, as sorting the product list by one column does.
func BenchmarkSortKey(b *testing.B) {
	in := benchStrings(100000)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range in {
			SortKey(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(in)), "ns/string")
}

// BenchmarkSortKeyCollator is BenchmarkSortKey always going through the
// collator, the path for text with runes SortKey has no table entry for.
func BenchmarkSortKeyCollator(b *testing.B) {
	in := benchStrings(100000)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range in {
			sortKeyCollate(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(in)), "ns/string")
}

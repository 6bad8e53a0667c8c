package data

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"
)

// TestOverviewHeap writes the heap in use after Tổng quan's figures at
// 100,000 products (OCOP_HEAPPROFILE=file): what the start holds.
func TestOverviewHeap(t *testing.T) {
	out := os.Getenv("OCOP_HEAPPROFILE")
	if out == "" {
		t.Skip("OCOP_HEAPPROFILE=file")
	}
	s := openTemp(t)
	fillLarge(t, s, benchProducts, benchCerts)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	o, err := s.Overview(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	t.Logf("%d products; heap in use %d → %d MiB, sys %d MiB", o.Summary.Products, before.HeapInuse>>20, after.HeapInuse>>20, after.Sys>>20)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pprof.Lookup("heap").WriteTo(f, 0)
	runtime.KeepAlive(o)
}

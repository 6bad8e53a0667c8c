package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"io/fs"
	"runtime"
	"sync"

	"github.com/xuri/excelize/v2"
)

// parallelZip is the zip writer of the reports' workbooks: it deflates
// each part in blocks of zipBlock bytes on every core, where archive/zip
// deflates on one, and the save of a long list took as long as writing
// it. Each block but the last ends with a sync flush, so the blocks joined
// are one deflate stream (as pigz does), at the level archive/zip uses;
// the file holds the same parts with the same content.
type parallelZip struct {
	zw  *zip.Writer
	cur *zipEntry
	err error
	sem chan struct{} // blocks being deflated, at most a few per core
}

// zipBlock is the size of the blocks deflated apart.
const zipBlock = 1 << 20

func newParallelZip(w io.Writer) excelize.ZipWriter {
	return &parallelZip{zw: zip.NewWriter(w), sem: make(chan struct{}, 2*runtime.GOMAXPROCS(0))}
}

// zipEntry is the part being written: its content not yet handed to a
// block, and the blocks' results in order.
type zipEntry struct {
	z      *parallelZip
	name   string
	crc    uint32
	size   uint64
	buf    []byte
	blocks []chan []byte
}

var flatePool = sync.Pool{New: func() any { w, _ := flate.NewWriter(io.Discard, 5); return w }}

func (e *zipEntry) Write(p []byte) (int, error) {
	e.crc = crc32.Update(e.crc, crc32.IEEETable, p)
	e.size += uint64(len(p))
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), zipBlock-len(e.buf))
		e.buf = append(e.buf, p[:k]...)
		p = p[k:]
		if len(e.buf) == zipBlock {
			e.deflate(false)
		}
	}
	return n, nil
}

// deflate hands the gathered content to a block of its own.
func (e *zipEntry) deflate(last bool) {
	block := e.buf
	e.buf = make([]byte, 0, zipBlock)
	if last {
		e.buf = nil
	}
	out := make(chan []byte, 1)
	e.blocks = append(e.blocks, out)
	e.z.sem <- struct{}{}
	go func() {
		defer func() { <-e.z.sem }()
		var b bytes.Buffer
		fw := flatePool.Get().(*flate.Writer)
		fw.Reset(&b)
		fw.Write(block)
		if last {
			fw.Close()
		} else {
			fw.Flush()
		}
		flatePool.Put(fw)
		out <- b.Bytes()
	}()
}

// finish writes the current part into the archive once its blocks are
// deflated.
func (z *parallelZip) finish() error {
	e := z.cur
	if e == nil || z.err != nil {
		return z.err
	}
	z.cur = nil
	e.deflate(true)
	parts := make([][]byte, len(e.blocks))
	var packed uint64
	for i, ch := range e.blocks {
		parts[i] = <-ch
		packed += uint64(len(parts[i]))
	}
	w, err := z.zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate, CRC32: e.crc,
		CompressedSize64: packed, UncompressedSize64: e.size, CreatorVersion: 20, ReaderVersion: 20})
	if err != nil {
		z.err = err
		return err
	}
	for _, p := range parts {
		if _, err := w.Write(p); err != nil {
			z.err = err
			return err
		}
	}
	return nil
}

func (z *parallelZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	z.cur = &zipEntry{z: z, name: name, buf: make([]byte, 0, 64<<10)}
	return z.cur, nil
}

func (z *parallelZip) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *parallelZip) Close() error {
	if err := z.finish(); err != nil {
		z.zw.Close()
		return err
	}
	return z.zw.Close()
}

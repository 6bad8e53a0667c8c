package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"time"
	"unsafe"

	"github.com/ocopdesk/ocop/data/viet"
)

// The product list is kept between runs in a file beside the database
// ("ocop.db-cache"), so that a start after nothing changed reads it in a
// few milliseconds instead of reading every product with its latest
// decision again (0.4-0.8 s at 100,000 products). The file is only a copy:
// it is used when the database's list tag (schema 11, changed by triggers
// on every write to products, producers, communes and certifications,
// whoever writes) is still the one it was saved with, and when anything in
// it is wrong (another version of the program, a torn write, a damaged
// disk) it is ignored and the list is read from the database as before.
//
// Layout: listMagic, then a header of fixed little-endian fields, then the
// rows, the whole checked by a CRC-32C at the end:
//
//	magic [8]byte | format uint32 | tag [16]byte | algo uint32 | rows uint32 | body | crc uint32
//
// algo is a checksum of what the program's folding and Vietnamese sort keys
// make of a sample, so a file written before they changed is never used
// with the order or search text of the old ones.

const (
	listMagic  = "OCOPLST\x00"
	listFormat = 1
	listHeader = len(listMagic) + 4 + 16 + 4 + 4
)

// listCachePath is where the list of the database at dbPath is kept.
func listCachePath(dbPath string) string { return dbPath + "-cache" }

// listAlgo is the checksum of the folding and sort keys the rows were made with.
var listAlgo = func() uint32 {
	sample := "Thạch đen Tràng Định\x00HTX Nông sản Ấp Đồi; Miến dong Bình Liêu 1203/QĐ-UBND ƯỚC Ỷ"
	h := crc32.New(castagnoli)
	h.Write([]byte(viet.Fold(sample)))
	h.Write(viet.SortKey(sample))
	return h.Sum32()
}()

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// listTags are the database's tags (schema 11): list changes with what the
// product list shows, decisions with what the decisions by day count.
type listTags struct{ list, decisions []byte }

// readListTags reads the tags through q; nil ones on error.
func readListTags(ctx context.Context, q execer) listTags {
	var t listTags
	if err := q.QueryRowContext(ctx, "SELECT tag, decisions FROM list_tag WHERE id = 1").Scan(&t.list, &t.decisions); err != nil ||
		len(t.list) != 16 || len(t.decisions) != 16 {
		return listTags{}
	}
	return t
}

// readListTag is the list's tag alone.
func readListTag(ctx context.Context, q execer) []byte { return readListTags(ctx, q).list }

// headerTag is the list tag in a file's header (b holds at least the header).
func headerTag(b []byte) []byte { return b[len(listMagic)+4 : len(listMagic)+20] }

// encodeList writes rows (in the list's order, with their search text) and
// tag as the file's bytes.
func encodeList(rows []ProductRow, tag []byte) []byte {
	size := listHeader + 4
	for i := range rows {
		r := &rows[i]
		size += 40 + len(r.Name) + len(r.Producer) + len(r.ProducerType) + len(r.Commune) + len(r.SetCode) + len(r.DecisionNo) + len(r.folded)
	}
	b := make([]byte, 0, size)
	b = append(b, listMagic...)
	b = binary.LittleEndian.AppendUint32(b, listFormat)
	b = append(b, tag...)
	b = binary.LittleEndian.AppendUint32(b, listAlgo)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(rows)))
	for i := range rows {
		r := &rows[i]
		var flags uint64
		if r.Certified {
			flags |= 1
		}
		if r.HasScore {
			flags |= 2
		}
		if !r.DecisionDate.IsZero() {
			flags |= 4
		}
		if !r.ValidUntil.IsZero() {
			flags |= 8
		}
		b = binary.AppendUvarint(b, flags)
		b = binary.AppendVarint(b, r.ID)
		b = binary.AppendVarint(b, r.ProducerID)
		b = binary.AppendVarint(b, r.CommuneID)
		b = binary.AppendVarint(b, int64(r.Stars))
		b = binary.AppendVarint(b, int64(r.Score))
		b = binary.AppendVarint(b, dayNumber(r.DecisionDate))
		b = binary.AppendVarint(b, dayNumber(r.ValidUntil))
		for _, s := range [...]string{r.Name, r.Producer, r.ProducerType, r.Commune, r.SetCode, r.DecisionNo, r.folded} {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// dayNumber is the days since 1970-01-01 of a date, 0 for none.
func dayNumber(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix() / 86400
}

var errListFile = errors.New("tệp danh sách tạm không dùng được")

// decodeList reads the file's bytes back as rows when they are whole, of
// this program's format and of tag. The rows' texts share the one string
// b becomes: b must not change afterwards.
func decodeList(b []byte, tag []byte) ([]ProductRow, error) {
	if len(b) < listHeader+4 || string(b[:len(listMagic)]) != listMagic {
		return nil, errListFile
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	h := b[len(listMagic):]
	if binary.LittleEndian.Uint32(h) != listFormat || !bytes.Equal(headerTag(b), tag) ||
		binary.LittleEndian.Uint32(h[20:]) != listAlgo || crc32.Checksum(body, castagnoli) != sum {
		return nil, errListFile
	}
	n := int(binary.LittleEndian.Uint32(h[24:]))
	if n > len(body)/16 {
		return nil, errListFile // every row takes at least 16 bytes
	}
	text := unsafe.String(unsafe.SliceData(body), len(body)) // never written again
	rows := make([]ProductRow, n)
	at := listHeader
	varint := func() int64 {
		v, k := binary.Varint(body[at:])
		if k <= 0 {
			at = -1
			return 0
		}
		at += k
		return v
	}
	str := func() string {
		l, k := binary.Uvarint(body[at:])
		if k <= 0 || l > uint64(len(body)-at-k) {
			at = -1
			return ""
		}
		s := text[at+k : at+k+int(l)]
		at += k + int(l)
		return s
	}
	for i := range rows {
		r := &rows[i]
		flags, k := binary.Uvarint(body[at:])
		if k <= 0 {
			return nil, errListFile
		}
		at += k
		r.Certified, r.HasScore = flags&1 != 0, flags&2 != 0
		var decided, valid int64
		for _, f := range [...]*int64{&r.ID, &r.ProducerID, &r.CommuneID} {
			if *f = varint(); at < 0 {
				return nil, errListFile
			}
		}
		stars, score := varint(), varint()
		decided, valid = varint(), varint()
		if at < 0 {
			return nil, errListFile
		}
		r.Stars, r.Score = int(stars), Score(score)
		if flags&4 != 0 {
			r.DecisionDate = time.Unix(decided*86400, 0).UTC()
		}
		if flags&8 != 0 {
			r.ValidUntil = time.Unix(valid*86400, 0).UTC()
		}
		for _, f := range [...]*string{&r.Name, &r.Producer, &r.ProducerType, &r.Commune, &r.SetCode, &r.DecisionNo, &r.folded} {
			if *f = str(); at < 0 {
				return nil, errListFile
			}
		}
	}
	if at != len(body) {
		return nil, errListFile
	}
	return rows, nil
}

// loadListFile returns the list kept at path when it is of tag.
func loadListFile(path string, tag []byte) ([]ProductRow, bool) {
	if tag == nil || path == "" {
		return nil, false
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	// The header first: a file of another state is not read further.
	head := make([]byte, listHeader)
	if _, err := f.ReadAt(head, 0); err != nil || string(head[:len(listMagic)]) != listMagic || !bytes.Equal(headerTag(head), tag) {
		return nil, false
	}
	fi, err := f.Stat()
	if err != nil || fi.Size() > 1<<31 {
		return nil, false
	}
	b := make([]byte, fi.Size())
	if _, err := f.ReadAt(b, 0); err != nil {
		return nil, false
	}
	rows, err := decodeList(b, tag)
	return rows, err == nil
}

// saveListFile writes rows of tag to path through a temporary file renamed
// when complete; a failure leaves the file as it was (it is only a copy).
func saveListFile(path string, rows []ProductRow, tag []byte) error {
	if tag == nil || path == "" {
		return nil
	}
	b := encodeList(rows, tag)
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// fromFile gives the list kept in the cache's file when it is of tag, the
// database's list tag now, as the full load would read it. c.mu is held.
func (c *productCache) fromFile(ctx context.Context, tag []byte) ([]ProductRow, bool) {
	if c.file == "" {
		return nil, false
	}
	rows, ok := loadListFile(c.file, tag)
	if ok {
		c.fileTag = tag
		c.files.Add(1)
	}
	return rows, ok
}

// current returns a copy of the rows and the list tag they are of, when
// the rows are the database's state as it is (nothing committed or left to
// read again since they were read) and the file does not already hold
// them. c.mu is held.
func (c *productCache) current(ctx context.Context) ([]ProductRow, []byte, bool) {
	if c.file == "" || c.watch == nil || !c.loaded || c.dirty.any() {
		return nil, nil, false
	}
	tag := readListTag(ctx, c.watch)
	var version int64
	if tag == nil || bytes.Equal(tag, c.fileTag) ||
		c.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&version) != nil || version != c.version {
		return nil, nil, false
	}
	return slices.Clone(c.rows), tag, true
}

// keep writes the rows to the cache's file when they are the database's
// state; c.mu is not held.
func (c *productCache) keep(ctx context.Context) {
	c.mu.Lock()
	rows, tag, ok := c.current(ctx)
	c.mu.Unlock()
	if !ok || saveListFile(c.file, rows, tag) != nil {
		return
	}
	c.mu.Lock()
	c.fileTag = tag
	c.mu.Unlock()
}

// keepSoon writes the file a little after a full read or a patch, once the
// screens it was read for are drawn, or at close if that comes first: one
// write for a burst of edits. c.mu is held.
func (c *productCache) keepSoon() {
	if c.file == "" || c.keepTimer != nil {
		return
	}
	c.flights.Add(1)
	c.keepTimer = time.AfterFunc(keepAfter, func() {
		defer c.flights.Done()
		c.mu.Lock()
		c.keepTimer = nil
		c.mu.Unlock()
		c.keep(context.Background())
	})
}

// keepAfter is how long after a read the list is written to its file.
var keepAfter = 3 * time.Second

// holdListTags drops the triggers that keep the tags, inside tx, for a
// write of many rows (an import): each one costs a few microseconds per
// row written, a quarter of an import's commit. The function it returns
// puts them back as they were and changes both tags once, inside tx too;
// if tx rolls back instead, so does the drop. Other connections cannot
// write meanwhile (tx holds the write lock) and never see the triggers
// gone: they see what was before, or the commit with the triggers back and
// new tags.
func holdListTags(ctx context.Context, tx *sql.Tx) (restore func() error, err error) {
	rows, err := tx.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'list\\_tag\\_%' ESCAPE '\\'")
	if err != nil {
		return nil, err
	}
	var names, defs []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		names, defs = append(names, name), append(defs, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+name+`"`); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, def := range defs {
			if _, err := tx.ExecContext(ctx, def); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, "UPDATE list_tag SET tag = randomblob(16), decisions = randomblob(16)")
		return err
	}, nil
}

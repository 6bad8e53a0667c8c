package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/ocopdesk/ocop/data/viet"
)

// The electronic set of a dossier ("01 bộ hồ sơ điện tử"): files the officer
// attaches to the dossier or to one of its evidence items (PDF, images,
// Word, Excel). Each is copied into the attachment folder beside the
// database (AttachmentDir), under a safe name that never replaces another
// file, with its original name, size and SHA-256 checksum in the store.
// Removing one moves its record to the trash and keeps the copy, so it can
// be restored; the backups keep the files too (backup.go).

// MaxAttachmentSize is the largest file that can be attached (a scanned
// dossier of 300-500 pages fits).
const MaxAttachmentSize = 512 << 20

// attachmentTypes are the kinds of file the electronic set holds, by
// extension.
var attachmentTypes = map[string]string{
	".pdf": "PDF", ".jpg": "ảnh", ".jpeg": "ảnh", ".png": "ảnh", ".gif": "ảnh", ".tif": "ảnh", ".tiff": "ảnh",
	".webp": "ảnh", ".heic": "ảnh", ".bmp": "ảnh",
	".doc": "Word", ".docx": "Word", ".odt": "Word", ".rtf": "Word",
	".xls": "Excel", ".xlsx": "Excel", ".ods": "Excel", ".csv": "Excel",
}

// Attachment is one file of a dossier's electronic set.
type Attachment struct {
	ID        int64
	DossierID int64
	ItemCode  string // the evidence item it belongs to; "" for the dossier as a whole
	ItemName  string // the item's name, "" for the dossier
	Name      string // the file's name as attached: "Giấy chứng nhận ATTP.pdf"
	Stored    string // the copy's path inside AttachmentDir, '/'-separated: "12/Giay-chung-nhan-ATTP.pdf"
	Size      int64
	SHA256    string // hex
	AddedAt   time.Time
	AddedBy   string
	Path      string // the copy's absolute path, for opening it
	Removed   bool   // in the trash
}

// AttachmentDir returns the folder where the attached files of the database
// at dbPath are kept: "hoso" beside it, and for a database not named
// ocop.db a folder of its own in there (as BackupDir does).
func AttachmentDir(dbPath string) string {
	dir := filepath.Join(filepath.Dir(dbPath), "hoso")
	base := filepath.Base(dbPath)
	if base == "ocop.db" {
		return dir
	}
	return filepath.Join(dir, strings.TrimSuffix(base, filepath.Ext(base)))
}

// AttachmentDir returns the folder of this store's attached files.
func (s *Store) AttachmentDir() string { return AttachmentDir(s.path) }

// CheckAttachmentName says why a file cannot be attached by its name, or
// nil when its kind is one the electronic set takes.
func CheckAttachmentName(name string) error {
	ext := strings.ToLower(filepath.Ext(name))
	if _, ok := attachmentTypes[ext]; !ok {
		return &FieldError{"Tệp đính kèm", fmt.Sprintf("%q không phải PDF, ảnh, Word hay Excel (nhận .pdf, .jpg, .png, .doc, .docx, .xls, .xlsx…)", filepath.Base(name))}
	}
	return nil
}

// SafeFileName folds name to a file name every system and zip tool takes:
// ASCII letters and digits, the case kept, marks dropped, đ as d, other
// characters as single dashes, the extension in lower case:
// "Giấy chứng nhận ATTP (bản sao).PDF" → "Giay-chung-nhan-ATTP-ban-sao.pdf".
func SafeFileName(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	base := strings.TrimSuffix(name, filepath.Ext(name))
	var b strings.Builder
	dash := false
	for _, r := range base {
		var out string
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			out = string(r)
		case unicode.IsLetter(r):
			f := viet.Fold(string(r))
			if len(f) == 1 && f[0] >= 'a' && f[0] <= 'z' {
				out = f
				if unicode.IsUpper(r) {
					out = strings.ToUpper(f)
				}
			}
		}
		if out == "" {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(out)
	}
	s := b.String()
	if len(s) > 80 {
		s = strings.TrimRight(s[:80], "-")
	}
	if s == "" {
		s = "tep"
	}
	var cleanExt strings.Builder
	for _, r := range ext {
		if r == '.' || r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			cleanExt.WriteRune(r)
		}
	}
	return s + cleanExt.String()
}

// AttachFile copies the file at src into the dossier's folder and records
// it, with its checksum, under evidence item itemCode ("" for the dossier
// as a whole), logging the change. The copy gets a safe name that does not
// replace any file there ("…-2.pdf" when the name is taken); the same file
// attached twice to the same place is refused. The copy is written under
// a temporary name and renamed when complete, so a full disk leaves no
// half file.
func (s *Store) AttachFile(ctx context.Context, dossierID int64, itemCode, src string) (Attachment, error) {
	var a Attachment
	if s.readOnly {
		return a, ErrReadOnly
	}
	if err := CheckAttachmentName(src); err != nil {
		return a, err
	}
	fi, err := os.Stat(src)
	switch {
	case err != nil:
		return a, fmt.Errorf("không đọc được tệp %s: %w", filepath.Base(src), err)
	case !fi.Mode().IsRegular():
		return a, &FieldError{"Tệp đính kèm", filepath.Base(src) + " không phải một tệp"}
	case fi.Size() > MaxAttachmentSize:
		return a, &FieldError{"Tệp đính kèm", fmt.Sprintf("%s lớn hơn %d MB", filepath.Base(src), MaxAttachmentSize>>20)}
	}
	if _, err := readDossier(ctx, s.db, dossierID); err != nil {
		return a, err
	}
	itemCode = strings.TrimSpace(itemCode)
	if itemCode != "" {
		if err := s.db.QueryRowContext(ctx, "SELECT name FROM evidence_items WHERE code = ?", itemCode).Scan(&a.ItemName); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return a, &FieldError{"Giấy tờ", fmt.Sprintf("không có mục %q trong danh mục minh chứng của Mẫu 02", itemCode)}
			}
			return a, err
		}
	}
	dir := filepath.Join(s.AttachmentDir(), fmt.Sprint(dossierID))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return a, ExplainWrite(err, "đính kèm tệp", dir)
	}
	tmp, sum, size, err := copyHashed(src, dir)
	if err != nil {
		return a, err
	}
	defer os.Remove(tmp) // nothing once renamed
	var other string
	err = s.db.QueryRowContext(ctx, `SELECT name FROM dossier_files WHERE dossier_id = ? AND COALESCE(item_code, '') = ? AND sha256 = ?
		AND deleted_at IS NULL`, dossierID, itemCode, sum).Scan(&other)
	if err == nil {
		return a, &FieldError{"Tệp đính kèm", fmt.Sprintf("%s đã được đính kèm vào đây (tệp %q, cùng nội dung)", filepath.Base(src), other)}
	} else if !errors.Is(err, sql.ErrNoRows) {
		return a, err
	}
	final, err := reserveName(dir, SafeFileName(filepath.Base(src)))
	if err != nil {
		return a, ExplainWrite(err, "đính kèm tệp", dir)
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(final)
		return a, ExplainWrite(err, "đính kèm tệp", dir)
	}
	a = Attachment{DossierID: dossierID, ItemCode: itemCode, ItemName: a.ItemName, Name: viet.Clean(filepath.Base(src)),
		Stored: fmt.Sprint(dossierID) + "/" + filepath.Base(final), Size: size, SHA256: sum, Path: final}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := readSettings(ctx, tx)
		if err != nil {
			return err
		}
		a.AddedBy = st.StaffName
		res, err := tx.ExecContext(ctx, "INSERT INTO dossier_files(dossier_id, item_code, name, stored, size, sha256, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
			dossierID, nullText(itemCode), a.Name, a.Stored, a.Size, a.SHA256, a.AddedBy)
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return logChangeAs(ctx, tx, st.StaffName, EntityDossier, dossierID, ActionEdit, "Đính kèm "+a.describe())
	})
	if err != nil {
		os.Remove(final)
		return Attachment{}, err
	}
	a.AddedAt = time.Now().UTC()
	return a, nil
}

// describe names the file in the change log: "«Giấy chứng nhận ATTP.pdf»
// (Giấy chứng nhận cơ sở đủ điều kiện…, 1,2 MB)".
func (a Attachment) describe() string {
	where := "hồ sơ"
	if a.ItemName != "" {
		where = a.ItemName
	}
	return fmt.Sprintf("«%s» (%s, %s)", a.Name, where, SizeLabel(a.Size))
}

// SizeLabel writes a file size as the lists show it: "850 KB", "1,2 MB".
func SizeLabel(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d byte", n)
	case n < 1024*1024:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	}
	return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1024*1024)), ".", ",", 1)
}

// copyHashed copies src to a temporary file in dir, synced to disk, and
// returns its path, SHA-256 (hex) and size.
func copyHashed(src, dir string) (tmp, sum string, size int64, err error) {
	in, err := os.Open(src)
	if err != nil {
		return "", "", 0, fmt.Errorf("không đọc được tệp %s: %w", filepath.Base(src), err)
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, ".dang-chep-*.tmp")
	if err != nil {
		return "", "", 0, ExplainWrite(err, "đính kèm tệp", dir)
	}
	h := sha256.New()
	size, err = io.Copy(io.MultiWriter(out, h), in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(out.Name(), 0o644)
	}
	if err != nil {
		os.Remove(out.Name())
		return "", "", 0, ExplainWrite(err, "đính kèm tệp", dir)
	}
	return out.Name(), hex.EncodeToString(h.Sum(nil)), size, nil
}

// reserveName creates an empty file named name in dir, or "name-2.ext",
// "name-3.ext"… when taken, and returns its path: the copy is renamed onto
// it, so no other file is ever replaced.
func reserveName(dir, name string) (string, error) {
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for n := 1; ; n++ {
		p := filepath.Join(dir, name)
		if n > 1 {
			p = filepath.Join(dir, fmt.Sprintf("%s-%d%s", base, n, ext))
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			return p, f.Close()
		}
		if !errors.Is(err, os.ErrExist) || n > 10000 {
			return "", err
		}
	}
}

const attachmentColumns = `f.id, f.dossier_id, COALESCE(f.item_code, ''), COALESCE(i.name, ''), f.name, f.stored, f.size, f.sha256,
	f.added_at, f.added_by, f.deleted_at IS NOT NULL`

func (s *Store) readAttachments(ctx context.Context, where string, args ...any) ([]Attachment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+attachmentColumns+` FROM dossier_files f
		LEFT JOIN evidence_items i ON i.code = f.item_code WHERE `+where+` ORDER BY f.item_code IS NOT NULL, i.sort_order, f.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		var at string
		if err := rows.Scan(&a.ID, &a.DossierID, &a.ItemCode, &a.ItemName, &a.Name, &a.Stored, &a.Size, &a.SHA256, &at,
			&a.AddedBy, &a.Removed); err != nil {
			return nil, err
		}
		a.AddedAt, _ = time.Parse(time.DateTime, at)
		a.Path = filepath.Join(s.AttachmentDir(), filepath.FromSlash(a.Stored))
		out = append(out, a)
	}
	return out, rows.Err()
}

// Attachments returns the files of dossier id's electronic set: those of
// the dossier as a whole first, then those of each evidence item in the
// order of Mẫu 02, each in the order attached.
func (s *Store) Attachments(ctx context.Context, id int64) ([]Attachment, error) {
	return s.readAttachments(ctx, "f.dossier_id = ? AND f.deleted_at IS NULL", id)
}

// RemovedAttachments returns the files of dossier id that were removed
// (in the trash), which RestoreAttachment brings back.
func (s *Store) RemovedAttachments(ctx context.Context, id int64) ([]Attachment, error) {
	return s.readAttachments(ctx, "f.dossier_id = ? AND f.deleted_at IS NOT NULL", id)
}

// RemoveAttachment takes a file out of its dossier's electronic set: the
// record goes to the trash and the copy stays in the folder, so
// RestoreAttachment undoes it.
func (s *Store) RemoveAttachment(ctx context.Context, id int64) error {
	return s.setAttachmentRemoved(ctx, id, true)
}

// RestoreAttachment brings a removed file back into its dossier's set.
func (s *Store) RestoreAttachment(ctx context.Context, id int64) error {
	return s.setAttachmentRemoved(ctx, id, false)
}

func (s *Store) setAttachmentRemoved(ctx context.Context, id int64, removed bool) error {
	list, err := s.readAttachments(ctx, "f.id = ?", id)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return ErrNotFound
	}
	a := list[0]
	if a.Removed == removed {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		set, verb := "datetime('now')", "Bỏ tệp đính kèm "
		if !removed {
			set, verb = "NULL", "Khôi phục tệp đính kèm "
		}
		if _, err := tx.ExecContext(ctx, "UPDATE dossier_files SET deleted_at = "+set+" WHERE id = ?", id); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityDossier, a.DossierID, ActionEdit, verb+a.describe())
	})
}

// AttachmentProblem is what is wrong with an attached file's copy.
type AttachmentProblem struct {
	Attachment Attachment
	Msg        string
}

func (p *AttachmentProblem) Error() string { return p.Msg }

// CheckAttachment reads the copy of a back and compares it with the
// checksum and size recorded: a copy missing or changed since it was
// attached gives an *AttachmentProblem naming the file.
func CheckAttachment(a Attachment) error {
	f, err := os.Open(a.Path)
	if err != nil {
		return &AttachmentProblem{a, fmt.Sprintf("không mở được tệp đính kèm %q (%s): %v", a.Name, a.Path, err)}
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return &AttachmentProblem{a, fmt.Sprintf("không đọc được tệp đính kèm %q: %v", a.Name, err)}
	}
	if n != a.Size || hex.EncodeToString(h.Sum(nil)) != a.SHA256 {
		return &AttachmentProblem{a, fmt.Sprintf("tệp đính kèm %q (%s) đã bị thay đổi sau khi đính kèm (mã kiểm tra SHA-256 không khớp)", a.Name, a.Path)}
	}
	return nil
}

// allAttachments returns every attached file's record, trash included:
// what the backups keep.
func (s *Store) allAttachments(ctx context.Context) ([]Attachment, error) {
	return s.readAttachments(ctx, "1 = 1")
}

// backupFilesDir is where the backups in dir keep the attached files: one
// copy of each content, named by its checksum, shared by every backup
// (attached files never change, so each is copied once).
func backupFilesDir(dir string) string { return filepath.Join(dir, "hoso") }

// backupAttachments copies into the backups folder dir every attached file
// it does not have yet, by checksum, each through a temporary name. A
// copy whose content no longer matches its checksum is not kept.
func (s *Store) backupAttachments(ctx context.Context, dir string) error {
	list, err := s.allAttachments(ctx)
	if err != nil || len(list) == 0 {
		return err
	}
	dest := backupFilesDir(dir)
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return ExplainWrite(err, "sao lưu tệp đính kèm", dest)
	}
	for _, a := range list {
		target := filepath.Join(dest, a.SHA256)
		if _, err := os.Stat(target); err == nil {
			continue
		}
		tmp, sum, _, err := copyHashed(a.Path, dest)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue // a missing copy cannot be backed up; CheckAttachment says so
			}
			return err
		}
		if sum != a.SHA256 {
			os.Remove(tmp)
			continue
		}
		if err := os.Rename(tmp, target); err != nil {
			os.Remove(tmp)
			return ExplainWrite(err, "sao lưu tệp đính kèm", dest)
		}
	}
	return nil
}

// restoreAttachments puts back every attached file the restored records
// name whose copy is missing or changed, from the backups' copies in dirs
// (by checksum, checked). It returns the names of the files it could not
// find.
func (s *Store) restoreAttachments(ctx context.Context, dirs ...string) ([]string, error) {
	list, err := s.allAttachments(ctx)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, a := range list {
		if CheckAttachment(a) == nil {
			continue
		}
		found := false
		for _, dir := range dirs {
			src := filepath.Join(backupFilesDir(dir), a.SHA256)
			if _, err := os.Stat(src); err != nil {
				continue
			}
			folder := filepath.Dir(a.Path)
			if err := os.MkdirAll(folder, 0o755); err != nil {
				return missing, ExplainWrite(err, "khôi phục tệp đính kèm", folder)
			}
			tmp, sum, _, err := copyHashed(src, folder)
			if err != nil {
				return missing, err
			}
			if sum != a.SHA256 {
				os.Remove(tmp)
				continue
			}
			if err := os.Rename(tmp, a.Path); err != nil {
				os.Remove(tmp)
				return missing, ExplainWrite(err, "khôi phục tệp đính kèm", folder)
			}
			found = true
			break
		}
		if !found && !a.Removed {
			missing = append(missing, path.Base(a.Stored))
		}
	}
	return missing, nil
}

// CopyAttachmentsBeside copies the attached files next to a backup saved
// to a file the user chose (a USB stick): into "<name>-hoso/hoso" beside
// backupPath, one file per checksum, so that restoring that backup brings
// them back. It returns the folder.
func (s *Store) CopyAttachmentsBeside(ctx context.Context, backupPath string) (string, error) {
	dir := besideDir(backupPath)
	return filepath.Join(dir, "hoso"), s.backupAttachments(ctx, dir)
}

// besideDir is the folder beside a backup file that holds its attached
// files: "ocop-2026-06-01.db" → "ocop-2026-06-01-hoso".
func besideDir(backupPath string) string {
	return strings.TrimSuffix(backupPath, filepath.Ext(backupPath)) + "-hoso"
}

// Package outbox writes the files a commune sends about its dossiers: the
// Word documents filled from the store (Mẫu 01, Mẫu 03, the letter of a
// round, the re-ranking notice) and, for "Chuẩn bị gửi tỉnh", one .zip of
// a round with the letter, each dossier's Mẫu 03 and attached files, and
// the Excel list for the province. It sits beside data/docx and data/xlsx,
// which it uses; it knows nothing of screens.
package outbox

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// noDossier says that dossier id does not exist, in the user's words.
func noDossier(id int64, err error) error {
	if errors.Is(err, data.ErrNotFound) {
		return fmt.Errorf("không có hồ sơ số %d (có thể đã bị xóa)", id)
	}
	return err
}

// ExportMau01 writes the registration form (Mẫu 01) of dossier id to path.
func ExportMau01(ctx context.Context, s *data.Store, id int64, path string) error {
	r, err := s.Mau01(ctx, id)
	if err != nil {
		return noDossier(id, err)
	}
	return r.Document().WriteFile(path)
}

// ExportMau03 writes the commune's report (Mẫu 03) on dossier id to path.
func ExportMau03(ctx context.Context, s *data.Store, id int64, path string) error {
	a, err := s.Mau03(ctx, id)
	if err != nil {
		return noDossier(id, err)
	}
	return a.Document().WriteFile(path)
}

// ExportRequest writes the letter asking the province to evaluate round
// to path and returns how many products it lists; a *data.RoundError when
// the round has no dossier assessed or sent.
func ExportRequest(ctx context.Context, s *data.Store, round data.Round, path string) (int, error) {
	q, err := s.RoundRequest(ctx, round)
	if err != nil {
		return 0, err
	}
	return len(q.Products), q.Document().WriteFile(path)
}

// ExportNotice writes the re-ranking notice for product id to path.
func ExportNotice(ctx context.Context, s *data.Store, productID int64, path string) error {
	n, err := s.RerankNotice(ctx, productID)
	if errors.Is(err, data.ErrNotFound) {
		return fmt.Errorf("không có sản phẩm số %d (có thể đã bị xóa)", productID)
	}
	if err != nil {
		return err
	}
	return n.Document().WriteFile(path)
}

// Names inside a round's .zip.
const (
	LetterFile = "01_Cong-van-de-nghi.docx"
	ListFile   = "02_Danh-sach-ho-so.xlsx"
	Mau03File  = "Mau03.docx"
)

// RoundFileName is the name of a round's .zip: "Gui-tinh_2026-2_ThatKhe.zip".
func RoundFileName(st data.Settings, round data.Round) string {
	place := strings.ReplaceAll(data.SafeFileName(st.PlaceName), "-", "")
	name := "Gui-tinh_" + round.String()
	if place != "" && place != "tep" {
		name += "_" + place
	}
	return name + ".zip"
}

// DossierFolder is the folder of one dossier inside a round's .zip: its
// receipt number and product, in ASCII so that any unzip tool keeps it:
// "Ho-so-05-PDK-20-06040-2026_Thach-den-Trang-Dinh".
func DossierFolder(r data.DossierRow) string {
	return "Ho-so-" + data.SafeFileName(r.Receipt.String()) + "_" + data.SafeFileName(r.Product)
}

// PrepareRound writes the set the commune sends to the province for round
// ("Chuẩn bị gửi tỉnh") as one .zip in folder dest, and returns its path:
// the letter (LetterFile), the Excel list of the round's dossiers
// (ListFile), and for each dossier of the letter a folder (DossierFolder)
// with its Mẫu 03 and its attached files, those of an evidence item in a
// sub-folder named after the item. Each attached file is checked against
// its checksum first: a missing or changed one stops the set, naming it.
// The .zip is written under a temporary name and renamed when complete; an
// existing file of the same name is replaced only then. today dates the
// list (today when zero).
func PrepareRound(ctx context.Context, s *data.Store, round data.Round, dest string, today time.Time) (string, error) {
	q, err := s.RoundRequest(ctx, round)
	if err != nil {
		return "", err
	}
	rows, err := s.RoundDossiers(ctx, round)
	if err != nil {
		return "", err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return "", err
	}
	// Every file is read and checked before the .zip is begun.
	files := map[int64][]data.Attachment{}
	for _, r := range rows {
		list, err := s.Attachments(ctx, r.ID)
		if err != nil {
			return "", err
		}
		for _, a := range list {
			if err := data.CheckAttachment(a); err != nil {
				return "", fmt.Errorf("hồ sơ %s: %w", r.Receipt, err)
			}
		}
		files[r.ID] = list
	}
	stage, err := os.MkdirTemp(dest, ".chuan-bi-gui-tinh-*")
	if err != nil {
		return "", data.ExplainWrite(err, "chuẩn bị hồ sơ gửi tỉnh", dest)
	}
	defer os.RemoveAll(stage)
	list := filepath.Join(stage, ListFile)
	if _, err := xlsx.WriteRoundList(ctx, s, round, list, today); err != nil {
		return "", err
	}
	out := filepath.Join(dest, RoundFileName(st, round))
	f, err := os.CreateTemp(dest, "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return "", data.ExplainWrite(err, "chuẩn bị hồ sơ gửi tỉnh", dest)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // nothing once renamed
	z := zip.NewWriter(f)
	err = func() error {
		if err := addDocument(z, LetterFile, q.Document().Write); err != nil {
			return err
		}
		if err := addFile(z, ListFile, list); err != nil {
			return err
		}
		for _, r := range rows {
			folder := DossierFolder(r)
			a, err := s.Mau03(ctx, r.ID)
			if err != nil {
				return err
			}
			if err := addDocument(z, folder+"/"+Mau03File, a.Document().Write); err != nil {
				return err
			}
			used := map[string]bool{}
			for _, at := range files[r.ID] {
				name := folder + "/"
				if at.ItemCode != "" {
					name += data.SafeFileName(at.ItemCode+" "+at.ItemName) + "/"
				}
				name += uniqueName(used, name, data.SafeFileName(at.Name))
				if err := addFile(z, name, at.Path); err != nil {
					return err
				}
			}
		}
		return z.Close()
	}()
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err != nil {
		return "", data.ExplainWrite(err, "chuẩn bị hồ sơ gửi tỉnh", dest)
	}
	if err := os.Rename(tmp, out); err != nil {
		return "", data.ExplainWrite(err, "chuẩn bị hồ sơ gửi tỉnh", dest)
	}
	return out, nil
}

// uniqueName returns name, or "name-2.ext"… when folder already has it in
// the .zip, and marks it used.
func uniqueName(used map[string]bool, folder, name string) string {
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for n := 1; ; n++ {
		try := name
		if n > 1 {
			try = fmt.Sprintf("%s-%d%s", base, n, ext)
		}
		if !used[folder+try] {
			used[folder+try] = true
			return try
		}
	}
}

func addDocument(z *zip.Writer, name string, write func(io.Writer) error) error {
	w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now()})
	if err != nil {
		return err
	}
	return write(w)
}

func addFile(z *zip.Writer, name, path string) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now()})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, in)
	return err
}

package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// backupsView (Cài đặt → Sao lưu) lists the backups beside the database
// with what each holds, backs up now to a chosen file, and restores from a
// backup or any chosen file after saying what it contains.
type backupsView struct {
	u      *ui
	view   fyne.CanvasObject
	list   *widget.List
	items  []data.BackupInfo
	picked int
	where  *widget.Label

	keepDaily, keepBefore *textEntry // how many backups of each kind are kept
	remind                *textEntry // days before reminding to copy a backup off the PC
	copyOut               *widget.Label
}

func newBackupsView(u *ui) *backupsView {
	b := &backupsView{u: u, picked: -1}
	b.where = widget.NewLabel("")
	b.where.Wrapping = fyne.TextWrapWord
	b.list = widget.NewList(func() int { return len(b.items) },
		truncatedLabel,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(backupLine(b.items[i]))
			l.Importance = widget.MediumImportance
			if b.items[i].Problem != "" {
				l.Importance = widget.DangerImportance
			}
		})
	restore := widget.NewButtonWithIcon(lang.L("Khôi phục bản đã chọn…"), theme.HistoryIcon(), func() {
		if b.picked >= 0 && b.picked < len(b.items) {
			b.confirmRestore(b.items[b.picked])
		}
	})
	restore.Disable()
	b.list.OnSelected = func(i widget.ListItemID) { b.picked = i; restore.Enable() }
	now := widget.NewButtonWithIcon(lang.L("Sao lưu ngay vào tệp…"), theme.DocumentSaveIcon(), b.backupNow)
	fromFile := widget.NewButtonWithIcon(lang.L("Khôi phục từ tệp khác…"), theme.FolderOpenIcon(), b.restoreFromFile)
	b.keepDaily, b.keepBefore, b.remind = newTextEntry(u), newTextEntry(u), newTextEntry(u)
	keepSave := widget.NewButtonWithIcon(lang.L("Lưu"), theme.DocumentSaveIcon(), b.saveKeep)
	keep := container.NewHBox(widget.NewLabel(lang.L("Giữ lại")), sized(b.keepDaily, 70), widget.NewLabel(lang.L("bản hằng ngày và")),
		sized(b.keepBefore, 70), widget.NewLabel(lang.L("bản trước khi nhập, khôi phục hay nâng cấp")))
	remind := container.NewHBox(widget.NewLabel(lang.L("Nhắc chép bản sao lưu ra USB sau")), sized(b.remind, 70),
		widget.NewLabel(lang.L("ngày (0: không nhắc)")), keepSave)
	b.copyOut = widget.NewLabel("")
	b.copyOut.Wrapping = fyne.TextWrapWord
	u.editOnly(restore, fromFile, keepSave)
	b.view = container.NewBorder(container.NewVBox(b.where, keep, remind, b.copyOut, container.NewHBox(now, restore, fromFile)), nil, nil, nil, b.list)
	return b
}

// saveKeep stores how many backups are kept; the next backup prunes to it.
func (b *backupsView) saveKeep() {
	u := b.u
	st := u.settings
	var err1, err2, err3 error
	st.KeepDaily, err1 = strconv.Atoi(strings.TrimSpace(b.keepDaily.Text))
	st.KeepBefore, err2 = strconv.Atoi(strings.TrimSpace(b.keepBefore.Text))
	st.RemindCopyDays, err3 = strconv.Atoi(strings.TrimSpace(b.remind.Text))
	if err1 != nil || err2 != nil || err3 != nil {
		u.showError(fmt.Errorf("%s", lang.L("Số bản sao lưu giữ lại phải là một số nguyên, ví dụ 30")))
		return
	}
	if err := st.Validate(); err != nil {
		u.showError(err)
		return
	}
	background(u, func(ctx context.Context) (data.Settings, error) { return st, u.store.SaveSettings(ctx, st) }, func(st data.Settings) {
		u.settingsChanged(st)
		b.refresh()
		u.say(lang.L("Đã lưu: giữ {{.Daily}} bản sao lưu hằng ngày và {{.Before}} bản trước thao tác", map[string]any{"Daily": st.KeepDaily, "Before": st.KeepBefore}))
	})
}

// backupLine describes a backup on one line: when, why, size, contents.
func backupLine(i data.BackupInfo) string {
	if i.Problem != "" {
		return backupWhen(i) + " · " + lang.L("không dùng được: ") + i.Problem
	}
	return backupWhen(i) + " · " + sizeText(i.Size) + " · " + countsText(i.Counts)
}

// backupWhen says when a backup was taken and why: "28/11/2026 17:00 · trước khi khôi phục".
func backupWhen(i data.BackupInfo) string {
	kind := lang.L("hằng ngày")
	if i.Before != "" {
		kind = lang.L("trước khi {{.What}}", map[string]any{"What": data.BeforeLabel(i.Before)})
	}
	return i.At.Format("02/01/2006 15:04") + " · " + kind
}

func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// refresh lists the backups, off the UI thread.
func (b *backupsView) refresh() {
	u := b.u
	b.where.SetText(lang.L("Bản sao lưu nằm trong thư mục {{.Dir}}: một bản mỗi ngày khi mở chương trình và một bản trước mỗi lần nhập, khôi phục hay nâng cấp.",
		map[string]any{"Dir": data.BackupDir(u.store.Path())}))
	b.keepDaily.SetText(strconv.Itoa(u.settings.KeepDaily))
	b.keepBefore.SetText(strconv.Itoa(u.settings.KeepBefore))
	b.remind.SetText(strconv.Itoa(u.settings.RemindCopyDays))
	background(u, func(context.Context) ([]data.BackupInfo, error) { return u.store.Backups() }, func(items []data.BackupInfo) {
		b.copyOut.SetText(u.copyOutNote(items))
		b.copyOut.Importance = widget.MediumImportance
		if _, due := u.settings.CopyOutDue(u.now(), firstBackup(items)); due {
			b.copyOut.Importance = widget.DangerImportance
		}
		b.copyOut.Refresh()
		b.items, b.picked = items, -1
		b.list.UnselectAll()
		b.list.Refresh()
	})
}

// backupNow writes a copy of the database to a file the user chooses.
func (b *backupsView) backupNow() {
	u := b.u
	saveFile(u.win, "SaoLuu_OCOP_"+u.now().Format("2006-01-02")+".db", ".db", func(path string) {
		today := u.now()
		background(u, func(ctx context.Context) (struct{}, error) {
			if err := u.store.BackupTo(ctx, path); err != nil {
				return struct{}{}, err
			}
			return struct{}{}, u.store.CopiedOut(ctx, today)
		}, func(struct{}) {
			u.settings.LastCopyOut = data.DateOf(today)
			u.say(lang.L("Đã sao lưu vào {{.Path}}", map[string]any{"Path": path}))
			b.refresh()
		})
	})
}

// restoreFromFile asks for any file and offers to restore from it.
func (b *backupsView) restoreFromFile() {
	u := b.u
	u.chooseFile([]string{".db"}, func(path string) {
		background(u, func(context.Context) (data.BackupInfo, error) { return data.InspectBackup(path), nil }, b.confirmRestore)
	})
}

// confirmRestore says what a backup holds beside what the database holds
// now, so the user sees what would be lost, and restores it when confirmed.
func (b *backupsView) confirmRestore(i data.BackupInfo) {
	u := b.u
	if i.Problem != "" {
		u.showError(fmt.Errorf("%s", lang.L("Không khôi phục được từ {{.File}}: {{.Why}}", map[string]any{"File": filepath.Base(i.Path), "Why": i.Problem})))
		return
	}
	background(u, u.store.Counts, func(now data.Counts) {
		msg := lang.L("Thay toàn bộ dữ liệu hiện có bằng bản sao lưu {{.File}}?\n\nHiện có {{.Now}}.\nBản sao lưu ({{.Line}}) có {{.Backup}}.\n\nDữ liệu hiện có được sao lưu trước, nên có thể quay lại.",
			map[string]any{"File": filepath.Base(i.Path), "Now": countsText(now), "Line": backupWhen(i), "Backup": countsText(i.Counts)})
		d := dialog.NewConfirm(lang.L("Khôi phục dữ liệu"), msg, func(ok bool) {
			if ok {
				b.restore(i)
			}
		}, u.win)
		d.SetConfirmText(lang.L("Khôi phục"))
		d.SetConfirmImportance(widget.DangerImportance)
		d.SetDismissText(lang.L("Không"))
		u.showConfirm(d)
	})
}

// restore replaces the data with backup i, then shows the restored data
// everywhere, its settings included.
func (b *backupsView) restore(i data.BackupInfo) {
	u := b.u
	background(u, func(ctx context.Context) (restored, error) {
		saved, err := u.store.RestoreBackup(ctx, i.Path)
		if err != nil {
			return restored{}, err
		}
		st, err := u.store.Settings(ctx)
		return restored{saved, st}, err
	}, func(r restored) {
		u.undo = nil // what it would undo is gone with the data it changed
		u.refreshUndo()
		u.settingsChanged(r.settings)
		u.dataChanged()
		b.refresh()
		u.say(lang.L("Đã khôi phục từ {{.File}}; dữ liệu trước đó ở {{.Saved}}", map[string]any{"File": filepath.Base(i.Path), "Saved": r.saved}))
	})
}

type restored struct {
	saved    string // the copy of what was replaced
	settings data.Settings
}

// countsText says what a database holds: "2 sản phẩm, 1 chủ thể, 1 lớp, 0 học viên".
func countsText(c data.Counts) string {
	return lang.L("{{.Products}} sản phẩm, {{.Producers}} chủ thể, {{.Courses}} lớp, {{.People}} học viên",
		map[string]any{"Products": c.Products, "Producers": c.Producers, "Courses": c.Courses, "People": c.Participants})
}

// closeWithBackup closes the window after backing the database up when
// anything changed since the last backup, so a day's work is never in one
// file only. When the copy cannot be made, the user is told why and
// chooses whether to close anyway.
func (u *ui) closeWithBackup() {
	u.say(lang.L("Đang sao lưu trước khi đóng…"))
	goBackground(func() {
		_, err := u.store.CloseBackup(context.Background(), u.now())
		doUI(func() {
			if err == nil {
				u.win.Close()
				return
			}
			d := dialog.NewConfirm(lang.L("Chưa sao lưu được"),
				lang.L("Không sao lưu được dữ liệu khi đóng chương trình: {{.Err}}\n\nDữ liệu đã lưu vẫn còn nguyên trong tệp dữ liệu. Vẫn đóng chương trình?", map[string]any{"Err": err.Error()}),
				func(ok bool) {
					if ok {
						u.win.Close()
					}
				}, u.win)
			d.SetConfirmText(lang.L("Đóng"))
			d.SetDismissText(lang.L("Không đóng"))
			u.showConfirm(d)
		})
	})
}

// firstBackup is when the oldest backup was taken: the reminder to copy
// one off the PC counts from it until a copy is made.
func firstBackup(items []data.BackupInfo) time.Time {
	var first time.Time
	for _, i := range items {
		if first.IsZero() || i.At.Before(first) {
			first = i.At
		}
	}
	return first
}

// copyOutNote says when a backup was last copied off the PC, and to do so
// when it is due: the backups folder is on the same disk as the data.
func (u *ui) copyOutNote(items []data.BackupInfo) string {
	days, due := u.settings.CopyOutDue(u.now(), firstBackup(items))
	switch {
	case due && u.settings.LastCopyOut.IsZero():
		return lang.L("Chưa lần nào chép dữ liệu ra USB hay ổ khác: nếu ổ đĩa máy này hỏng, mất cả dữ liệu lẫn bản sao lưu. Bấm «Sao lưu ngay vào tệp…» và chọn ổ USB.")
	case due:
		return lang.L("Đã {{.Days}} ngày chưa chép dữ liệu ra USB hay ổ khác: bấm «Sao lưu ngay vào tệp…» và chọn ổ USB.", map[string]any{"Days": days})
	case !u.settings.LastCopyOut.IsZero():
		return lang.L("Lần chép ra USB hay ổ khác gần nhất: {{.Day}}.", map[string]any{"Day": data.VNDate(u.settings.LastCopyOut)})
	}
	return ""
}

package app

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

// officeForm edits the office's details; the settings screen and the
// first-start dialog both use it.
type officeForm struct {
	parent, office, place, staff, signerTitle, signerName, window *textEntry
	signerAuthority, docSymbol, recipient, copiesTo               *textEntry
	language, typing, toneStyle, province                         *widget.Select
	provinces                                                     []data.ProvinceUnit // the province choice's, in order
	onProvince                                                    func(code string)   // the commune list follows the province
	form                                                          *widget.Form
	base                                                          data.Settings // what the form does not show is kept
	u                                                             *ui
}

func newOfficeForm(u *ui) *officeForm {
	f := &officeForm{u: u, base: u.settings}
	entry := func(placeholder string) *textEntry {
		e := newTextEntry(u)
		e.SetPlaceHolder(placeholder)
		return e
	}
	f.parent = entry(lang.L("ví dụ: UBND XÃ THẤT KHÊ"))
	f.office = entry(lang.L("ví dụ: PHÒNG KINH TẾ"))
	f.office.Validator = func(s string) error {
		if s == "" {
			return errRequired
		}
		return nil
	}
	f.province = newSelect(nil, nil)
	f.province.PlaceHolder = lang.L("(chọn tỉnh, thành phố)")
	f.place = entry(lang.L("ví dụ: Thất Khê"))
	f.staff = entry(lang.L("họ tên cán bộ dùng máy này"))
	f.signerTitle = entry(lang.L("ví dụ: TRƯỞNG PHÒNG"))
	f.signerName = entry("")
	f.signerAuthority = entry(lang.L("ví dụ: KT. CHỦ TỊCH"))
	f.docSymbol = entry(lang.L("ví dụ: BC-UBND"))
	f.recipient = entry(lang.L("ví dụ: Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn"))
	f.copiesTo = entry(lang.L("ví dụ: Như trên; Lưu: VT, KT"))
	f.copiesTo.MultiLine = true
	f.copiesTo.SetMinRowsVisible(2)
	f.window = entry("90")
	f.window.Validator = func(s string) error {
		if n, err := strconv.Atoi(s); err != nil || n < 0 || n > 3650 {
			return errDays
		}
		return nil
	}
	var names []string
	for _, l := range languages {
		names = append(names, l.name)
	}
	f.language = newSelect(names, nil)
	f.typing = newSelect([]string{lang.L("Tắt (dùng Unikey, EVKey…)"), "Telex", "VNI"}, nil)
	showTyping(f.typing, u.settings.Typing)
	f.typing.OnChanged = func(string) { u.setTyping(typingMethods[max(0, f.typing.SelectedIndex())]) }
	u.typingChoices = append(u.typingChoices, f.typing)
	f.toneStyle = newSelect([]string{lang.L("Kiểu mới: hoà, thuỷ"), lang.L("Kiểu cũ: hòa, thủy")}, nil)
	item := func(label string, w fyne.CanvasObject, hint string) *widget.FormItem {
		it := widget.NewFormItem(label, w)
		it.HintText = hint
		return it
	}
	f.form = widget.NewForm(
		item(lang.L("Cơ quan chủ quản"), f.parent, lang.L("Dòng đầu bên trái của văn bản, chữ in hoa")),
		item(lang.L("Tên đơn vị *"), f.office, lang.L("Dòng thứ hai, in đậm")),
		item(lang.L("Tỉnh, thành phố *"), f.province, lang.L("Chọn trước, rồi chọn các xã, phường của đơn vị")),
		item(lang.L("Địa danh"), f.place, lang.L("Dùng trong dòng “…, ngày … tháng … năm …”")),
		item(lang.L("Cán bộ sử dụng"), f.staff, ""),
		item(lang.L("Chức danh người ký"), f.signerTitle, ""),
		item(lang.L("Họ tên người ký"), f.signerName, ""),
		item(lang.L("Thẩm quyền ký"), f.signerAuthority, lang.L("Dòng trên chức danh khi ký thay, để trống nếu không có")),
		item(lang.L("Ký hiệu báo cáo"), f.docSymbol, lang.L("Sau “Số: …/”; để trống thì theo tên đơn vị")),
		item(lang.L("Kính gửi"), f.recipient, lang.L("Nơi nhận chính của báo cáo; để trống là Sở Nông nghiệp và Môi trường")),
		item(lang.L("Nơi nhận"), f.copiesTo, lang.L("Mỗi dòng một nơi; để trống là “Như trên” và “Lưu: VT”")),
		item(lang.L("Báo sắp hết hạn trước (ngày)"), f.window, ""),
		item(lang.L("Ngôn ngữ"), f.language, ""),
		item(lang.L("Bộ gõ tiếng Việt"), f.typing, lang.L("Bộ gõ có sẵn cho mọi ô nhập; bật/tắt nhanh bằng Ctrl+Shift+V")),
		item(lang.L("Đặt dấu thanh"), f.toneStyle, ""),
	)
	return f
}

var (
	errRequired = fieldError(lang.L("Bắt buộc nhập"))
	errDays     = fieldError(lang.L("Nhập số ngày từ 0 đến 3650"))
)

type fieldError string

func (e fieldError) Error() string { return string(e) }

func (f *officeForm) set(st data.Settings) {
	f.base = st
	f.parent.SetText(st.ParentBody)
	f.office.SetText(st.OfficeName)
	f.showProvinces(st.ProvinceCode)
	f.place.SetText(st.PlaceName)
	f.staff.SetText(st.StaffName)
	f.signerTitle.SetText(st.SignerTitle)
	f.signerName.SetText(st.SignerName)
	f.signerAuthority.SetText(st.SignerAuthority)
	f.docSymbol.SetText(st.DocSymbol)
	f.recipient.SetText(st.Recipient)
	f.copiesTo.SetText(st.CopiesTo)
	f.window.SetText(strconv.Itoa(st.ExpiryWindowDays))
	showTyping(f.typing, st.Typing)
	f.toneStyle.SetSelectedIndex(0)
	if st.OldToneStyle {
		f.toneStyle.SetSelectedIndex(1)
	}
	f.language.SetSelectedIndex(0)
	for i, l := range languages {
		if l.code == st.Language {
			f.language.SetSelectedIndex(i)
		}
	}
}

// showProvinces fills the province choice, off the UI thread, with code
// chosen; choosing another then asks the commune list to follow.
func (f *officeForm) showProvinces(code string) {
	u := f.u
	background(u, u.store.Provinces, func(list []data.ProvinceUnit) {
		// In the order of their names, as a user looks for one.
		slices.SortFunc(list, func(a, b data.ProvinceUnit) int {
			return strings.Compare(string(viet.SortKey(a.Name)), string(viet.SortKey(b.Name)))
		})
		f.provinces = list
		names := make([]string, len(list))
		for i, p := range list {
			names[i] = viet.UpperFirst(p.Title())
		}
		f.province.OnChanged = nil
		f.province.SetOptions(names)
		for i, p := range list {
			if p.Code == code {
				f.province.SetSelectedIndex(i)
			}
		}
		f.province.OnChanged = func(string) {
			if i := f.province.SelectedIndex(); i >= 0 && f.onProvince != nil {
				f.onProvince(f.provinces[i].Code)
			}
		}
	})
}

// get returns the settings typed, or the first problem with them.
func (f *officeForm) get() (data.Settings, error) {
	if err := f.form.Validate(); err != nil {
		return data.Settings{}, err
	}
	n, _ := strconv.Atoi(f.window.Text)
	st := f.base
	st.ParentBody, st.OfficeName = f.parent.Text, f.office.Text
	if i := f.province.SelectedIndex(); i >= 0 && i < len(f.provinces) {
		st.ProvinceCode, st.Province = f.provinces[i].Code, f.provinces[i].Name
	}
	st.PlaceName, st.StaffName, st.SignerTitle, st.SignerName = f.place.Text, f.staff.Text, f.signerTitle.Text, f.signerName.Text
	st.SignerAuthority, st.DocSymbol, st.Recipient, st.CopiesTo = f.signerAuthority.Text, f.docSymbol.Text, f.recipient.Text, f.copiesTo.Text
	st.ExpiryWindowDays, st.Language = n, languages[max(0, f.language.SelectedIndex())].code
	st.Typing, st.OldToneStyle = typingMethods[max(0, f.typing.SelectedIndex())], f.toneStyle.SelectedIndex() == 1
	return st, st.Validate()
}

// settingsScreen (Cài đặt) edits the office details and its communes.
type settingsScreen struct {
	u        *ui
	view     fyne.CanvasObject
	form     *officeForm
	communes *communePicker
	backups  *backupsView
}

func newSettingsScreen(u *ui) *settingsScreen {
	s := &settingsScreen{u: u, form: newOfficeForm(u), communes: newCommunePicker(u)}
	s.form.onProvince = s.communes.load
	save := widget.NewButtonWithIcon(lang.L("Lưu cài đặt"), theme.DocumentSaveIcon(), s.save)
	save.Importance = widget.HighImportance
	u.editOnly(save)
	office := container.NewBorder(widget.NewLabelWithStyle(lang.L("Thông tin đơn vị"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(save), nil, nil, container.NewVScroll(s.form.form))
	communes := container.NewBorder(widget.NewLabelWithStyle(lang.L("Địa bàn phụ trách"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, s.communes.view)
	split := container.NewHSplit(office, communes)
	split.Offset = 0.6
	s.backups = newBackupsView(u)
	tabs := container.NewAppTabs(container.NewTabItem(lang.L("Đơn vị"), split),
		container.NewTabItem(lang.L("Sao lưu"), s.backups.view))
	tabs.OnSelected = func(t *container.TabItem) {
		if t.Content == s.backups.view {
			s.backups.refresh()
		}
	}
	s.view = container.NewBorder(heading(lang.L("Cài đặt")), nil, nil, nil, tabs)
	return s
}

func (s *settingsScreen) refresh() {
	s.form.set(s.u.settings)
	s.communes.load(s.u.settings.ProvinceCode)
}

func (s *settingsScreen) save() {
	st, err := s.form.get()
	if err != nil {
		s.u.showError(err)
		return
	}
	ids := s.communes.ids()
	background(s.u, func(ctx context.Context) (data.Settings, error) {
		return st, s.u.store.SaveOffice(ctx, st, ids)
	}, func(st data.Settings) {
		s.u.settingsChanged(st)
		dialog.ShowInformation(lang.L("Cài đặt"), lang.L("Đã lưu cài đặt."), s.u.win)
	})
}

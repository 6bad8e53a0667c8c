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
			return fieldError(lang.L("Bắt buộc nhập"))
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
			return fieldError(lang.L("Nhập số ngày từ 0 đến 3650"))
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

// fieldError is a form field's message, translated where it is made (never
// in a package variable: translations are not registered yet at init, and
// Fyne logs a translation failure under a German or French locale).
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
	holidays *holidaysView
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
	s.holidays = newHolidaysView(u)
	tabs := container.NewAppTabs(container.NewTabItem(lang.L("Đơn vị"), split),
		container.NewTabItem(lang.L("Sao lưu"), s.backups.view),
		container.NewTabItem(lang.L("Ngày nghỉ lễ"), s.holidays.view))
	tabs.OnSelected = func(t *container.TabItem) {
		switch t.Content {
		case s.backups.view:
			s.backups.refresh()
		case s.holidays.view:
			s.holidays.refresh()
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

// holidaysView (Cài đặt → Ngày nghỉ lễ) lists a year's public holidays and
// the days the government moved, which working-day deadlines skip, and
// adds or removes them when an announcement differs from the list.
type holidaysView struct {
	u      *ui
	view   fyne.CanvasObject
	year   *widget.Select
	list   *widget.List
	note   *widget.Label
	rows   []data.Holiday
	chosen int // the selected row, -1 for none
	remove *widget.Button
	rule   *widget.Select // how the commune's 15 working days count after a "Cần bổ sung"
}

// deadlineRules are the rule choice's, in order.
var deadlineRules = []data.DeadlineRule{data.DeadlineRestart, data.DeadlineFromReceipt}

func newHolidaysView(u *ui) *holidaysView {
	h := &holidaysView{u: u, chosen: -1, note: widget.NewLabel("")}
	h.note.Wrapping = fyne.TextWrapWord
	var years []string
	for y := u.now().Year() - 1; y <= u.now().Year()+5; y++ {
		years = append(years, strconv.Itoa(y))
	}
	h.year = newSelect(years, nil)
	h.year.SetSelected(strconv.Itoa(u.now().Year()))
	h.year.OnChanged = func(string) { h.refresh() }
	h.list = widget.NewList(func() int { return len(h.rows) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := h.rows[i]
			text := data.VNDate(r.Day) + " (" + lang.L(weekdayNames[r.Day.Weekday()]) + ")  " + r.Name
			if r.Kind == data.HolidayWorked {
				text += "  [" + lang.L("Làm bù") + "]"
			}
			if r.Note != "" {
				text += "  — " + r.Note
			}
			o.(*widget.Label).SetText(text)
		})
	h.list.OnSelected = func(i widget.ListItemID) { h.chosen = i; h.remove.Enable() }
	h.list.OnUnselected = func(widget.ListItemID) { h.chosen = -1; h.remove.Disable() }
	add := widget.NewButtonWithIcon(lang.L("Thêm ngày nghỉ…"), theme.ContentAddIcon(), h.add)
	h.remove = widget.NewButtonWithIcon(lang.L("Xóa ngày đã chọn"), theme.DeleteIcon(), h.confirmRemove)
	h.remove.Disable()
	u.editOnly(add, h.remove)
	help := widget.NewLabel(lang.L("Thời hạn tính bằng ngày làm việc bỏ qua thứ Bảy, Chủ nhật và các ngày nghỉ dưới đây (ngày làm bù được tính là ngày làm việc), bắt đầu từ ngày làm việc tiếp theo ngày tiếp nhận. Khi Chính phủ thông báo lịch nghỉ khác, hãy sửa danh sách cho đúng."))
	help.Wrapping = fyne.TextWrapWord
	h.rule = newSelect([]string{lang.L("tính lại từ ngày hồ sơ được bổ sung đầy đủ (thường dùng)"), lang.L("vẫn tính từ ngày tiếp nhận lần đầu")}, nil)
	u.editOnly(h.rule)
	rule := container.NewBorder(nil, nil, widget.NewLabel(lang.L("15 ngày làm việc của xã, sau khi yêu cầu bổ sung:")), nil, h.rule)
	top := container.NewVBox(rule, widget.NewSeparator(), help, container.NewHBox(widget.NewLabel(lang.L("Năm")), h.year, add, h.remove), h.note)
	h.view = container.NewBorder(top, nil, nil, nil, h.list)
	return h
}

// weekdayNames are the days of the week as a date shows them.
var weekdayNames = [...]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

func (h *holidaysView) selectedYear() int {
	y, _ := strconv.Atoi(h.year.Selected)
	return y
}

// refresh reads the chosen year's holidays and the deadline rule.
func (h *holidaysView) refresh() {
	year := h.selectedYear()
	background(h.u, h.u.store.DossierDeadlineRule, func(r data.DeadlineRule) {
		h.rule.OnChanged = nil
		h.rule.SetSelectedIndex(max(0, slices.Index(deadlineRules, r)))
		h.rule.OnChanged = func(string) {
			rule := deadlineRules[max(0, h.rule.SelectedIndex())]
			background(h.u, func(ctx context.Context) (struct{}, error) {
				return struct{}{}, h.u.store.SetDossierDeadlineRule(ctx, rule)
			},
				func(struct{}) { h.u.say(lang.L("Đã lưu cách tính 15 ngày làm việc của xã")) })
		}
	})
	background(h.u, func(ctx context.Context) ([]data.Holiday, error) {
		return h.u.store.Holidays(ctx, year)
	}, func(rows []data.Holiday) {
		h.rows, h.chosen = rows, -1
		h.list.UnselectAll()
		h.remove.Disable()
		h.list.Refresh()
		if len(rows) == 0 {
			h.note.SetText(lang.L("Chưa có ngày nghỉ nào của năm {{.Year}}: thời hạn chỉ bỏ qua thứ Bảy và Chủ nhật.", map[string]any{"Year": year}))
		} else {
			h.note.SetText("")
		}
	})
}

// add asks for a day, its name and whether it is a day off or a weekend
// day worked, then stores it.
func (h *holidaysView) add() {
	date := newDateField(h.u)
	name := newTextEntry(h.u)
	name.SetPlaceHolder(lang.L("ví dụ: Nghỉ bù Quốc khánh"))
	note := newTextEntry(h.u)
	note.SetPlaceHolder(lang.L("ví dụ: theo Thông báo số … của Văn phòng Chính phủ"))
	kind := newSelect([]string{lang.L("Ngày nghỉ"), lang.L("Ngày làm bù (thứ Bảy, Chủ nhật đi làm)")}, nil)
	kind.SetSelectedIndex(0)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Ngày"), date.view),
		widget.NewFormItem(lang.L("Tên"), name),
		widget.NewFormItem(lang.L("Loại"), kind),
		widget.NewFormItem(lang.L("Ghi chú"), note),
	}
	d := dialog.NewForm(lang.L("Thêm ngày nghỉ"), lang.L("Thêm"), lang.L("Hủy"), items, func(ok bool) {
		if !ok {
			return
		}
		day, err := date.get()
		if err != nil {
			h.u.showError(err)
			return
		}
		hol := &data.Holiday{Day: day, Name: name.Text, Note: note.Text, Kind: data.HolidayOff}
		if kind.SelectedIndex() == 1 {
			hol.Kind = data.HolidayWorked
		}
		background(h.u, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, h.u.store.AddHoliday(ctx, hol)
		}, func(struct{}) {
			h.u.say(lang.L("Đã thêm ngày {{.Day}}", map[string]any{"Day": data.VNDate(hol.Day)}))
			if hol.Day.Year() != h.selectedYear() {
				h.year.SetSelected(strconv.Itoa(hol.Day.Year())) // refreshes
				return
			}
			h.refresh()
		})
	}, h.u.win)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	d.Show()
}

// confirmRemove asks before removing the selected day.
func (h *holidaysView) confirmRemove() {
	if h.chosen < 0 || h.chosen >= len(h.rows) {
		return
	}
	r := h.rows[h.chosen]
	msg := lang.L("Xóa ngày {{.Day}} ({{.Name}}) khỏi danh sách ngày nghỉ?\n\nNgày này sẽ được tính theo thứ trong tuần, và các thời hạn tính lại theo đó.",
		map[string]any{"Day": data.VNDate(r.Day), "Name": r.Name})
	d := dialog.NewConfirm(lang.L("Xác nhận xóa"), msg, func(ok bool) {
		if !ok {
			return
		}
		background(h.u, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, h.u.store.DeleteHoliday(ctx, r.ID)
		}, func(struct{}) {
			h.u.say(lang.L("Đã xóa ngày {{.Day}}", map[string]any{"Day": data.VNDate(r.Day)}))
			h.refresh()
		})
	}, h.u.win)
	d.SetConfirmText(lang.L("Xóa"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.SetDismissText(lang.L("Không xóa"))
	h.u.showConfirm(d)
}

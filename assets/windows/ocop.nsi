; OCOP Desk's installer for Windows, built by `make installer` with NSIS's
; makensis (Debian package nsis):
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DEXE=ocop.exe -DOUT=setup.exe assets/windows/ocop.nsi
; For the current user, without administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\OCOP Desk, the entry in Windows' installed apps
; under HKCU. Running it again over an installed copy upgrades it in place.
; The uninstaller never touches the data (%APPDATA%\OCOPDesk: ocop.db and
; backups\), and says where it is.

; A 64-bit installer, as ocop.exe is: it runs wherever the program can, and
; under Wine's 64-bit-only wine64 (a 32-bit NSIS stub would need wine32).
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z"
!endif
!ifndef EXE
  !define EXE "ocop.exe"
!endif
!ifndef OUT
  !define OUT "OCOP-Desk-${VERSION}-setup.exe"
!endif

!define APPNAME "OCOP Desk"
!define PUBLISHER "OCOP Desk"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\OCOPDesk"
; Where the program keeps its data: os.UserConfigDir() is %APPDATA% on
; Windows (data.DefaultPath: OCOPDesk\ocop.db, backups in OCOPDesk\backups).
!define DATADIR "$APPDATA\OCOPDesk"

Name "${APPNAME}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=0 "FileDescription" "Cài đặt ${APPNAME}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "../icon.ico" ; makensis runs in this folder
!define MUI_UNICON "../icon.ico" ; makensis runs in this folder
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TEXT "Chương trình sẽ cài ${APPNAME} ${VERSION} cho tài khoản Windows này (không cần quyền quản trị).$\r$\n$\r$\nNếu máy đã có ${APPNAME}, bản mới được cài đè lên bản cũ; dữ liệu của đơn vị (${DATADIR}) được giữ nguyên.$\r$\n$\r$\nNhấn “Tiến” để tiếp tục."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\ocop.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APPNAME} ngay"
!define MUI_FINISHPAGE_TEXT "${APPNAME} ${VERSION} đã được cài đặt: biểu tượng “${APPNAME}” ở màn hình nền và menu Start.$\r$\n$\r$\nDữ liệu: ${DATADIR}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "${APPNAME} đã được gỡ khỏi máy.$\r$\n$\r$\nDữ liệu của đơn vị và các bản sao lưu KHÔNG bị xóa; chúng vẫn ở:$\r$\n${DATADIR}\ocop.db$\r$\n${DATADIR}\backups$\r$\n$\r$\nCài lại ${APPNAME} sẽ dùng tiếp dữ liệu này. Chỉ xóa thư mục đó khi chắc chắn không cần nữa."
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "Vietnamese"

; closeRunning waits until no OCOP Desk runs from $INSTDIR: a running
; ocop.exe cannot be replaced or removed. It is found by its window's
; title and by ocop.exe refusing to open for writing; the user is asked to
; close it. Silent (/S), the installer gives up with exit code 2.
!macro closeRunning un
Function ${un}closeRunning
  retry:
    FindWindow $0 "" "${APPNAME}"
    ${If} $0 == 0
      FindWindow $0 "" "${APPNAME} — chỉ xem"
    ${EndIf}
    ${If} $0 == 0
    ${AndIf} ${FileExists} "$INSTDIR\ocop.exe"
      ClearErrors
      FileOpen $1 "$INSTDIR\ocop.exe" a
      ${If} ${Errors}
        StrCpy $0 1
      ${Else}
        FileClose $1
      ${EndIf}
    ${EndIf}
    ${If} $0 != 0
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APPNAME} đang chạy.$\r$\n$\r$\nHãy đóng mọi cửa sổ ${APPNAME} (những gì đã lưu được giữ nguyên) rồi nhấn “Thử lại”." /SD IDCANCEL IDRETRY retry
      SetErrorLevel 2
      Quit
    ${EndIf}
FunctionEnd
!macroend
!insertmacro closeRunning ""
!insertmacro closeRunning "un."

Function .onInit
  Call closeRunning
FunctionEnd

Function un.onInit
  Call un.closeRunning
FunctionEnd

Section "${APPNAME}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  SetOverwrite on
  File "/oname=ocop.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Shortcuts of the same name are replaced: an upgrade keeps one of each.
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\ocop.exe" "" "$INSTDIR\ocop.exe" 0 SW_SHOWNORMAL "" "Quản lý sản phẩm OCOP và tập huấn"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\ocop.exe" "" "$INSTDIR\ocop.exe" 0 SW_SHOWNORMAL "" "Quản lý sản phẩm OCOP và tập huấn"

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\ocop.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  Delete "$INSTDIR\ocop.exe"
  Delete "$INSTDIR\uninstall.exe"
  ; Only if empty: never a recursive delete of a folder the user chose.
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd

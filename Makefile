# OCOP Desk: the two commands of the README, plus the Windows build.
#   make run      installs what is missing, builds, opens the window
#   make test     installs what the tests need, runs go vet and every test
#   make windows  cross-compiles ocop.exe (not part of make test)
#   make installer  build/OCOP-Desk-<version>-setup.exe around it (NSIS)
#   make bench    the speed aims of the README: benchmarks and a start-up
#                 measurement under Xvfb, one verdict line per aim (minutes;
#                 not part of make test)

GO      ?= go
TAGS    := migrated_fynedo
VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
LDFLAGS := -X main.Version=$(VERSION)
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

RUN_PKGS  := gcc libgl1-mesa-dev xorg-dev
TEST_PKGS := $(RUN_PKGS) xvfb xdotool imagemagick libreoffice-calc libreoffice-writer poppler-utils
WIN_PKGS  := gcc-mingw-w64-x86-64

# The tests run as a Vietnamese office PC does (the command line itself is
# quiet under C.UTF-8 or any locale: see cmd/ocop/syslocale).
export LANG := vi_VN.UTF-8

# ensure installs the Debian packages of $(1) that are not installed yet.
define ensure
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Cài đặt gói còn thiếu:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

.PHONY: run test test-windows build windows installer deps-run deps-test clean bench

build: deps-run
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o ocop ./cmd/ocop

run: build
	./ocop $(ARGS)

deps-run:
	$(call ensure,$(RUN_PKGS))

deps-test:
	$(call ensure,$(TEST_PKGS))

test: deps-test
	$(GO) vet -tags $(TAGS) ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt: các tệp chưa định dạng:"; gofmt -l .; exit 1; }
	OCOP_E2E=1 $(GO) test -tags $(TAGS) -count=1 ./...
	$(GO) test -race -tags $(TAGS) -count=1 ./data/... ./app/...

# bench runs the benchmarks of the speed aims (100,000 products unless
# OCOP_BENCH_PRODUCTS says otherwise) and the start-up measurement
# (cmd/ocop/startup_test.go), then prints one line per aim:
# "NAME MEASURED AIM ok" or "… FAIL". Figures are noisy on a shared machine.
bench: deps-test
	@mkdir -p build
	$(GO) test -tags $(TAGS) ./data -run XXX -bench 'ProductsAfterChange|ProductsAfterOtherWrite|ProductsAfterOwnEdit|OverviewUnchanged|Keystroke' -benchtime 10x -timeout 30m | tee build/bench.txt
	$(GO) test -tags $(TAGS) ./data/xlsx -run XXX -bench 'ReportWorkbook' -benchtime 3x -timeout 30m | tee -a build/bench.txt
	$(GO) test -tags $(TAGS) ./data/xlsx -run XXX -bench 'ImportProducts' -benchtime 1x -timeout 30m | tee -a build/bench.txt
	OCOP_STARTUP=1 $(GO) test -tags $(TAGS) ./cmd/ocop -run TestStartupMeasure -count=1 -v -timeout 30m | tee -a build/bench.txt
	@echo; echo "Mục tiêu tốc độ (README, Tốc độ):"
	@awk '{ for (i = 1; i <= NF; i++) if ($$i == "AIM") { k = $$(i+1); line[k] = k " " $$(i+2) " " $$(i+3) " " $$(i+4); \
		if (!(k in seen)) { seen[k] = 1; order[++n] = k } } } END { for (j = 1; j <= n; j++) print line[order[j]] }' build/bench.txt

# test-windows starts the cross-compiled ocop.exe under Wine and Xvfb, types
# Vietnamese through an emulated input tool and exports a report; then runs
# the installer: its pages, a silent upgrade, the console, the window
# failure's message box, the silent uninstall (see cmd/ocop/wine_test.go).
# Minutes on a warm machine; not part of make test.
WINE_PKGS := wine64 gcc-mingw-w64-x86-64 xvfb xdotool imagemagick nsis bsdutils
test-windows: installer
	$(call ensure,$(WINE_PKGS))
	OCOP_WINE=1 OCOP_INSTALLER=$(CURDIR)/$(INSTALLER) $(GO) test -tags $(TAGS) -run 'TestWindows(Exe|Installer)UnderWine' -count=1 -timeout 30m -v ./cmd/ocop

# ocop.exe for Windows: cgo through mingw-w64, no console window, the icon
# and version information embedded as a Windows resource.
windows: deps-run
	$(call ensure,$(WIN_PKGS))
	@mkdir -p build
	@v="$$(echo $(VERSION) | tr . ,),0"; printf '%s\n' \
		'1 ICON "$(CURDIR)/assets/icon.ico"' \
		'1 VERSIONINFO' "FILEVERSION $$v" "PRODUCTVERSION $$v" \
		'BEGIN' ' BLOCK "StringFileInfo"' ' BEGIN' '  BLOCK "042A04B0"' '  BEGIN' \
		'   VALUE "CompanyName", "OCOP Desk"' \
		'   VALUE "FileDescription", "OCOP Desk - quan ly san pham OCOP va tap huan"' \
		'   VALUE "FileVersion", "$(VERSION)"' '   VALUE "ProductName", "OCOP Desk"' \
		'   VALUE "ProductVersion", "$(VERSION)"' '   VALUE "OriginalFilename", "ocop.exe"' \
		'  END' ' END' ' BLOCK "VarFileInfo"' ' BEGIN' '  VALUE "Translation", 0x042A, 1200' ' END' 'END' > build/ocop.rc
	x86_64-w64-mingw32-windres -O coff -o cmd/ocop/rsrc_windows_amd64.syso build/ocop.rc
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		$(GO) build -tags $(TAGS) -ldflags "-H=windowsgui -s -w $(LDFLAGS)" -o ocop.exe ./cmd/ocop
	rm -f cmd/ocop/rsrc_windows_amd64.syso
	@ls -l ocop.exe

# installer: the Windows installer around ocop.exe, made with NSIS (per-user,
# no administrator rights; see assets/windows/ocop.nsi).
INSTALLER := build/OCOP-Desk-$(VERSION)-setup.exe
installer: windows
	$(call ensure,nsis)
	makensis -V2 -INPUTCHARSET UTF8 -DVERSION=$(VERSION) -DEXE=$(CURDIR)/ocop.exe -DOUT=$(CURDIR)/$(INSTALLER) assets/windows/ocop.nsi
	@ls -l $(INSTALLER)

clean:
	rm -f ocop ocop.exe cmd/ocop/rsrc_windows_amd64.syso
	rm -rf build

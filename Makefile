# Two entry points do all set-up on a fresh Debian machine (see README.md):
#   make site   builds site/ (the intranet site and its PDF handouts)
#   make test   runs the whole test suite
# Everything else here is what those two need, installed only when missing.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# Debian packages: CJK fonts for pages and PDFs (Noto CJK; its Black weight, -extra, stands in
# for the title's 小标宋; AR PL KaitiM GB for 楷体 headings), fontconfig (the print grid measures
# the faces it finds), HarfBuzz subsetting for fast PDF fonts; the tests add poppler for PDF text
# checks, Chromium, Firefox ESR and nginx for the browser suite, openssl for the HTTPS configuration check,
# LibreOffice (Writer, Calc) to open the Word and Excel files as readers' office suites do, with the
# official faces' names pointed at the free ones (deploy/fontconfig/): at standalone copies of
# Noto CJK's SC faces (scripts/office_fonts.py), which LibreOffice's PDFs name …sc…, not …jp….
DEB_SITE := fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-gkai00mp fontconfig libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
DEB_TEST := $(DEB_SITE) chromium firefox-esr nginx poppler-utils openssl libreoffice-writer-nogui libreoffice-calc-nogui
FONTCONFIG := deploy/fontconfig/35-official-faces.conf
OFFICE_FONTS := build/office-fonts

.PHONY: site test check release import serve hooks benchmarks deps-site deps-test clean

site: deps-site
	$(BIN)/python scripts/build_site.py

test: deps-test
	$(BIN)/python -m pytest

check: $(VENV)/.installed
	$(BIN)/python scripts/build_data.py check

# Maintainers, after merging: make release DATE=2022-06-01 TITLE=第一次修订 [NOTE=…] (CONTRIBUTING.md)
release: $(VENV)/.installed
	@[ -n "$(DATE)" ] && [ -n "$(TITLE)" ] || { echo "用法：make release DATE=YYYY-MM-DD TITLE=标题 [NOTE=说明]（见 CONTRIBUTING.md“维护者：发布新版本”）" >&2; exit 2; }
	$(BIN)/python scripts/build_data.py release --date "$(DATE)" --title "$(TITLE)" $(if $(NOTE),--note "$(NOTE)")

# A plan document comes in: make import FILE=收到的方案.docx [PLAN=data/plan.yaml] (CONTRIBUTING.md“收到新文件时”)
import: $(VENV)/.installed
	@[ -n "$(FILE)" ] || { echo "用法：make import FILE=方案文件.docx 或 .txt [PLAN=data/plan.yaml]（见 CONTRIBUTING.md“收到新文件时”）" >&2; exit 2; }
	$(BIN)/python scripts/build_data.py import "$(FILE)" $(if $(PLAN),"$(PLAN)")

serve: deps-site
	@$(BIN)/python -m plansite.site.toolchain
	$(BIN)/mkdocs serve

# Re-measures every figure on the site's 性能 page (~15 min, on a quiet machine): each script appends
# its run to benchmarks/runs.yaml, which docs/performance.md renders (commit the file).
benchmarks: deps-test
	$(BIN)/python scripts/benchmark.py
	$(BIN)/python scripts/bench_releases.py
	$(BIN)/python scripts/bench_handouts.py
	$(BIN)/python scripts/serve_reload_bench.py
	$(BIN)/python scripts/search_index_size.py
	$(BIN)/python scripts/search_speed.py

# pre-commit lives in .venv (Debian's own Python refuses `pip install`, PEP 668); its git hook
# remembers that Python, so commits are checked without activating anything.
hooks: $(VENV)/.installed-test
	$(BIN)/pre-commit install

# Nothing writes bytecode here (PYTHONDONTWRITEBYTECODE), so the project's own modules are compiled
# once now, as pip compiles installed packages, rather than on every build (about 40 ms a build).
# The machine that builds the Word handouts opens them as readers' LibreOffice does: the official
# faces' names and the SC copies, on site and test machines alike.
define OFFICE_FONT_SETUP
	@$(BIN)/python scripts/office_fonts.py $(OFFICE_FONTS)
	@scripts/ensure_fontconfig.sh $(FONTCONFIG) $(OFFICE_FONTS)/*.otf
	@$(BIN)/python -m compileall -q plansite macros scripts
endef

deps-site: $(VENV)/.installed node_modules/.installed
	@scripts/ensure_debian_packages.sh $(DEB_SITE)
	$(OFFICE_FONT_SETUP)

deps-test: $(VENV)/.installed-test node_modules/.installed
	@scripts/ensure_debian_packages.sh $(DEB_TEST)
	$(OFFICE_FONT_SETUP)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { scripts/ensure_debian_packages.sh python3-venv && rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed: requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site build .pytest_cache

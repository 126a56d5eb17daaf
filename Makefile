# agx — terminal attribution-graph explorer.
# `make` builds and never installs anything. `make run`, `make test` and
# `make deps` install the Debian packages they need (scripts/deps.sh, as
# root) and then re-enter make, so pkg-config is only asked once the
# packages are there.

PREFIX ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0
PKGS := ncursesw libgvc libcgraph libxml-2.0 jansson libcurl libidn2 libpsl libpcre2-8

CC ?= cc
OPT ?= -O2 -g
SAN ?=
BUILD ?= build/release
# V=1 shows the full compiler command lines
Q := $(if $(V),,@)
CFLAGS_BASE := -std=c11 -pthread -Wall -Wextra -Wno-missing-field-initializers -D_GNU_SOURCE \
	-DAGX_VERSION='"$(VERSION)"' -DAGX_DATADIR='"$(PREFIX)/share/agx"' -MMD -MP \
	-I. $(OPT) $(SAN)

# Graphviz plugins are linked in rather than loaded through gvc's plugin
# config file: a Debian install whose config was never generated (no `dot -c`
# run) finds no renderer at all, and SVG and DOT must not depend on that.
# pango gives PNG and PDF.
GVPLUGINDIR = $(shell pkg-config --variable=libdir libgvc)/graphviz
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = -L$(GVPLUGINDIR) -Wl,-rpath,$(GVPLUGINDIR) -lgvplugin_dot_layout \
	-lgvplugin_neato_layout -lgvplugin_core -lgvplugin_pango \
	$(shell pkg-config --libs $(PKGS)) -lm

# tui/main.c is the program's entry; everything else links into the tests too
LIB_SRC := $(wildcard graph/*.c) $(wildcard loaders/*.c) $(wildcard tui/*/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

.PHONY: all run test asan install uninstall clean bench screenshots deps check-deps \
	_agx _tests fuzz fuzz-build
# Builds only: a missing library is named, not installed (make deps does that).
all:
	@pkg-config --exists $(PKGS) 2>/dev/null || { echo "agx: the libraries $(PKGS) are" \
		"not all there; 'make deps' installs them (scripts/deps.sh names them)" >&2; exit 1; }
	@$(MAKE) --no-print-directory _agx

_agx: agx

agx: $(BUILD)/agx
	@cp $< $@.tmp && mv -f $@.tmp $@

$(BUILD)/agx: $(BUILD)/tui/main.o $(LIB_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS_BASE) -o $@ $^ $(PKG_LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_BASE) $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(LIB_OBJ) tests/testutil.h
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(CFLAGS_BASE) $(PKG_CFLAGS) -o $@ $< $(LIB_OBJ) $(PKG_LIBS) -lcmocka

_tests: $(BUILD)/agx $(TEST_BIN)

# The Debian packages for building and testing (as root; otherwise named).
deps:
	@scripts/deps.sh test

# The include rules of the README's layout map (scripts/check_deps.sh).
check-deps:
	@scripts/check_deps.sh

# The README's second command: build and run the whole suite.
test:
	@scripts/deps.sh test
	@scripts/check_deps.sh
	@$(MAKE) --no-print-directory _agx _tests
	@AGX=$(CURDIR)/$(BUILD)/agx BUILD=$(BUILD) tests/run.sh $(TEST_BIN)

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" _tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		AGX=$(CURDIR)/build/asan/agx BUILD=build/asan AGX_SANITIZED=1 \
		tests/run.sh $(patsubst $(BUILD)/%,build/asan/%,$(TEST_BIN))

# The README's first command: agx on its bundled data.
run:
	@scripts/deps.sh build
	@$(MAKE) --no-print-directory _agx
	./agx

# the DuckDB peer's npm package goes to bench/duckdb/node_modules (git-ignored)
bench:
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory _agx
	@[ -d bench/duckdb/node_modules/@duckdb/node-api ] || (cd bench/duckdb && \
		npm install --no-audit --no-fund --loglevel=error)
	bench/run.sh

screenshots:
	@scripts/deps.sh screenshots
	@$(MAKE) --no-print-directory _agx
	scripts/screenshots.sh

# Coverage-guided fuzzing (clang + libFuzzer); not part of `make test`.
# FUZZ_TIME=seconds per harness, FUZZ_ONLY=one harness (tests/fuzz/Makefile).
fuzz fuzz-build:
	@scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory -f tests/fuzz/Makefile $@

# Shell completions go where bash-completion and zsh look under PREFIX.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/agx $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 agx $(DESTDIR)$(PREFIX)/bin/agx
	install -m 644 man/agx.1 $(DESTDIR)$(PREFIX)/share/man/man1/agx.1
	install -m 644 tui/completion/agx.bash $(DESTDIR)$(BASHCOMPDIR)/agx
	install -m 644 tui/completion/_agx $(DESTDIR)$(ZSHCOMPDIR)/_agx
	install -d $(DESTDIR)$(PREFIX)/share/agx/warninglists
	install -m 644 data/*.json data/README.md $(DESTDIR)$(PREFIX)/share/agx/
	install -m 644 data/warninglists/* $(DESTDIR)$(PREFIX)/share/agx/warninglists/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/agx $(DESTDIR)$(PREFIX)/share/man/man1/agx.1 \
		$(DESTDIR)$(BASHCOMPDIR)/agx $(DESTDIR)$(ZSHCOMPDIR)/_agx
	rm -rf $(DESTDIR)$(PREFIX)/share/agx

clean:
	rm -rf build agx tests/tmp

# this build's dependency files only (build/asan's are not this build's)
-include $(LIB_OBJ:.o=.d) $(BUILD)/tui/main.d $(TEST_BIN:=.d)

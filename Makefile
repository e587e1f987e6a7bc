# irdrill - build, run, test, install.
#
#   make            build build/irdrill
#   make run        the main job: the default drill in the live console
#   make test       every test (unit, integration, leak check)
#   make asan       the suite again under AddressSanitizer + UBSan
#   make bench      the benchmarks (BENCH_FLAGS="--runs 5 --case storm")
#   make fuzz       fuzz the decoders (libFuzzer, FUZZ_TIME seconds each)
#   make install    PREFIX=/usr/local by default
#   make clean
#
# `run` and `test` first check the Debian packages they need: as root they
# install what is missing, otherwise they print the apt-get line and stop.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc

PKGS       := lua5.4 ncursesw sqlite3 zlib uuid
BUILD_DEBS := gcc make pkg-config gettext liblua5.4-dev libncurses-dev libsqlite3-dev zlib1g-dev uuid-dev
TEST_DEBS  := valgrind tmux jq python3 python3-jsonschema bro-aux libxml2-utils rsyslog sqlite3 chromium

# The pkg-config feature macros for ncursesw (_XOPEN_SOURCE=600) would pull
# the POSIX level down, so only its include paths are taken; the level is set
# here once for every unit.
PKG_CFLAGS := $(shell pkg-config --cflags-only-I $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
CPPFLAGS += -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Iengine -Iui -Ireplay $(PKG_CFLAGS)
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 $(WARN) -MMD -MP
LDLIBS   += $(PKG_LIBS) -lm

ifeq ($(SAN),1)
CFLAGS  += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif

SRCS      := $(wildcard engine/*.c ui/*.c replay/*.c)
OBJS      := $(SRCS:%.c=$(BUILD)/%.o)
LIB_OBJS  := $(filter-out $(BUILD)/engine/main.o,$(OBJS))
TEST_SRCS := $(wildcard tests/unit/test_*.c)
TEST_BINS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
# Programs the integration tests drive (tests/tools/NAME.c).
TOOL_BINS := $(BUILD)/tools/proto_client
VERSION   := $(shell cat engine/VERSION 2>/dev/null || echo 0.0.0)
# The console's catalogues, one per po/LANG.po, where the binary looks for
# them: locale/ beside it in a build, share/locale in an install.
LOCALES   := $(patsubst po/%.po,%,$(wildcard po/*.po))
MO_FILES  := $(LOCALES:%=$(BUILD)/locale/%/LC_MESSAGES/irdrill.mo)

.PHONY: all run test asan install clean deps test-deps unit-tests check-suite fuzz bench
.DEFAULT_GOAL := all

# $(call need_debs,PACKAGES): install (root) or name (others) missing packages.
define need_debs
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(1); do \
	    dpkg-query -W -f='$${db:Status-Status}' $$p 2>/dev/null | grep -qx installed || missing="$$missing $$p"; \
	  done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "irdrill: installing Debian packages:$$missing"; \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing || exit 1; \
	  else \
	    echo "irdrill: missing Debian packages:$$missing" >&2; \
	    echo "irdrill: install them with: sudo apt-get update && sudo apt-get install -y$$missing" >&2; \
	    exit 1; \
	  fi; \
	fi
endef

all: deps
	@$(MAKE) --no-print-directory $(BUILD)/irdrill $(MO_FILES) $(TOOL_BINS)

deps:
	$(call need_debs,$(BUILD_DEBS))

test-deps:
	$(call need_debs,$(BUILD_DEBS) $(TEST_DEBS))

$(BUILD)/irdrill: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -DIRDRILL_VERSION='"$(VERSION)"' -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS) tests/unit/harness.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS)

$(BUILD)/tools/proto_client: tests/tools/proto_client.c $(BUILD)/engine/proto.o $(BUILD)/engine/strbuf.o $(BUILD)/engine/xmalloc.o
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(filter %.o,$^)

$(BUILD)/locale/%/LC_MESSAGES/irdrill.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt -c -o $@ $<

unit-tests: $(TEST_BINS)

# The main job: the default drill on the default province in the live
# console, for the white cell and one team.
run: deps
	@$(MAKE) --no-print-directory $(BUILD)/irdrill $(MO_FILES)
	$(BUILD)/irdrill run

# The suite itself; `test` and `asan` differ only in the build they point at.
check-suite: $(BUILD)/irdrill $(MO_FILES) $(TEST_BINS) $(TOOL_BINS)
	IRDRILL=$(BUILD)/irdrill UNIT_DIR=$(BUILD)/tests SAN=$(SAN) sh tests/run

test: test-deps
	@$(MAKE) --no-print-directory check-suite

asan: test-deps
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 check-suite

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/irdrill $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/irdrill $(DESTDIR)$(PREFIX)/bin/irdrill
	cp -R scenarios $(DESTDIR)$(PREFIX)/share/irdrill/
	install -m 644 docs/irdrill.1 $(DESTDIR)$(PREFIX)/share/man/man1/irdrill.1
	for l in $(LOCALES); do \
	  install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/irdrill.mo $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/ || exit 1; \
	done

# Fuzz the decoders with libFuzzer (clang): each harness tests/fuzz/fuzz_NAME.c
# is built with the sources it names here and run FUZZ_TIME seconds from its
# corpus in $(BUILD)/fuzz/NAME.  A crash leaves its input in $(BUILD)/fuzz.
FUZZ_TIME  ?= 60
FUZZ_CC    ?= clang
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_NAMES += proto
FUZZ_SRCS_proto := engine/proto.c engine/strbuf.c engine/xmalloc.c
FUZZ_NAMES += replay
FUZZ_SRCS_replay := replay/replay_read.c replay/replay_record.c engine/event.c engine/hmap.c engine/ipaddr.c \
		    engine/sha1.c engine/strbuf.c engine/xmalloc.c
FUZZ_LIBS_replay := -lz
# The reader takes every CRC-32 in the fuzzer's build (zlib's own check
# stays), so that mutations reach the index, the heads and the records.
FUZZ_CFLAGS_replay := -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_CFLAGS_$*) -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Iengine -Iui -Ireplay -o $@ $< \
	  $(FUZZ_SRCS_$*) $(FUZZ_LIBS_$*)

# The replay reader's seed corpus: small real replays, recorded once (a
# drill paced fast enough to close a chunk every wall second, and stock
# scenarios without background traffic), and their chunks inflated.
fuzz: $(BUILD)/fuzz/replay/.seeded
$(BUILD)/fuzz/replay/.seeded: $(BUILD)/irdrill
	@mkdir -p $(@D)
	IRDRILL_DB=$(BUILD)/fuzz/seeds.db $(BUILD)/irdrill run --headless --speed 1500 --background 0.002 \
	  --network tests/data/net-small.lua --replay $(@D)/seed-paced.rpl tests/data/scenarios/small.lua >/dev/null
	for s in web-defacement-dvc apt-mustang-panda ransomware-vpn-rdp; do \
	  IRDRILL_DB=$(BUILD)/fuzz/seeds.db $(BUILD)/irdrill run --headless --background 0 \
	    --replay $(@D)/seed-$$s.rpl scenarios/$$s.lua >/dev/null || exit 1; \
	done
	python3 tests/fuzz/replay_seeds.py $(@D)
	touch $@

fuzz: $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)
	@for n in $(FUZZ_NAMES); do \
	  mkdir -p $(BUILD)/fuzz/$$n && \
	  echo "fuzz $$n for $(FUZZ_TIME) s" && \
	  $(BUILD)/fuzz/fuzz_$$n -max_total_time=$(FUZZ_TIME) -max_len=65536 \
	    -artifact_prefix=$(BUILD)/fuzz/$$n- $(BUILD)/fuzz/$$n || exit 1; \
	done

# The benchmarks (docs/performance.md), at low priority on a shared machine.
BENCH_FLAGS ?=
bench: all
	nice -n 10 $(BUILD)/irdrill bench $(BENCH_FLAGS)

clean:
	rm -rf build

-include $(OBJS:.o=.d)

# SPDX-License-Identifier: GPL-2.0
#
# Thin wrapper around Kbuild: `make KDIR=<kernel build dir>`.
# The bench (tools/bench) passes KDIR for each target kernel.
# `make bench` runs the performance benchmark in a guest (tools/bench perf).
# `make install` installs the modules for KDIR's kernel under extra/ and
# runs depmod (INSTALL_MOD_PATH= installs under another root); `make dist`
# makes ptwalk-VERSION.tar.gz, the sources DKMS builds (dkms.conf).

KDIR ?= /lib/modules/$(shell uname -r)/build
VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf 2>/dev/null)
DIST ?= ptwalk-$(VERSION).tar.gz
DIST_FILES := dkms.conf Makefile Kbuild Kconfig include kunit 'ptwalk_*.c'

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean

install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=extra modules_install
	depmod $(if $(INSTALL_MOD_PATH),-b $(INSTALL_MOD_PATH)) \
		$(shell cat $(KDIR)/include/config/kernel.release)

# The files git tracks, or would (not ignored), of those DKMS needs.
dist:
	@[ -n "$(VERSION)" ] || { echo "make dist: no PACKAGE_VERSION in dkms.conf" >&2; exit 1; }
	git ls-files --cached --others --exclude-standard -- $(DIST_FILES) | sort -u | \
		tar -czf $(DIST) --transform 's,^,ptwalk-$(VERSION)/,' -T -

bench:
	tools/bench perf

.PHONY: all modules clean install dist bench

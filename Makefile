# SPDX-License-Identifier: GPL-2.0
#
# Thin wrapper around Kbuild: `make KDIR=<kernel build dir>`.
# The bench (tools/bench) passes KDIR for each target kernel.
# `make bench` runs the performance benchmark in a guest (tools/bench perf).

KDIR ?= /lib/modules/$(shell uname -r)/build

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean

bench:
	tools/bench perf

.PHONY: all modules clean bench

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Where a dump spends its time: perf in the guest over reads of the runs
# and attr views of 256 MiB of scattered 4K pages, and over pagemap.
#   PTWALK_GUEST_PERF=1 tools/bench run x86-6.12 tests/profile.sh
echo -1 > /proc/sys/kernel/perf_event_paranoid
echo 0 > /proc/sys/kernel/kptr_restrict
ptwbench hold a 256 > /tmp/hold &
while ! grep -q READY /tmp/hold; do sleep 0.2; done
set -- $(cat /tmp/hold)
pid=$2 start=$3 end=$4
for v in runs attr; do
	echo "=== profile: $v view, 3 reads"
	perf record -q -g -o /tmp/p.data -- sh -c "for i in 1 2 3; do ptwalk -v $v $pid $start $end > /dev/null; done" 2>&1 | tail -2
	perf report -i /tmp/p.data --stdio --no-children --sort sym --percent-limit 1.5 -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -40
done
echo "=== pagemap, 3 reads"
perf record -q -g -o /tmp/p.data -- sh -c "for i in 1 2 3; do dd if=/proc/$pid/pagemap bs=131072 skip=$((start / 4096 * 8 / 131072)) count=$(((end - start) / 4096 * 8 / 131072)) of=/dev/null 2>/dev/null; done"
perf report -i /tmp/p.data --stdio --no-children --sort sym --percent-limit 1.5 -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -30

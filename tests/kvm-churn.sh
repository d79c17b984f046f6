#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# VM churn with debugfs readers.  Under QEMU 7.2's multi-threaded TCG
# (PTWALK_X86_TCG=,thread=multi) x86 guests running this panic within a
# few minutes with "corrupted stack end detected inside scheduler" in a
# VMM's vCPU thread.  A dump of that thread's stack after the panic
# (nokaslr, panic=0, QEMU's monitor: memsave from RSP & ~0x3fff) shows why:
# 62 nested page faults, each at exc_page_fault+0x19, the read of the
# current task from the per-CPU area (mov %gs:pcpu_hot), error code 0,
# interrupts off, each taken on the way into the previous one's handler,
# down to the stack's last word.  A read of the per-CPU area that faults
# means the CPU's GS base or its translation of the direct map was wrong,
# which ptwalk, writing no register and no page table, cannot bring
# about; it happened only in the vCPU threads of nested SVM guests, only
# under multi-threaded TCG, so the bench's x86 guests run on one TCG
# thread, where 420 s of this churn with every file read did not fail.
#
#   tools/bench run x86-6.12-4l tests/kvm-churn.sh SECONDS read [unload] WHAT
#
# WHAT: one or more of stage2 raw info memslots (ptwalk's files), or
# kvmown (KVM's own /sys/kernel/debug/kvm files only).  "noread" instead
# of "read" churns with no reader; "unload" removes ptwalk's modules
# first.
. /lib/ptwalk/lib.sh
SECS=${1:-90}
MODE=${2:-read}
shift 2 2>/dev/null
if [ "${1-}" = unload ]; then
	rmmod ptwalk_kvm
	rmmod ptwalk
	shift
fi
FILES_GLOB=${*:-stage2 raw info memslots}
kvm_touch -t nothp -m 2 -n -H 100000 > /dev/null 2>&1 &
KEEPER=$!
sleep 1
end=$(( $(date +%s) + ${SECS:-90} ))
( while [ $(date +%s) -lt $end ]; do kvm_touch -t nothp -m 4 -n > /dev/null; done ) &
L=$!
n=0
while kill -0 $L 2>/dev/null; do
	if [ "$MODE" = read ]; then
		FILES=
		if [ "$FILES_GLOB" = kvmown ]; then FILES=$(ls -d /sys/kernel/debug/kvm/*-*/* 2>/dev/null); else for g in $FILES_GLOB; do FILES="$FILES $(ls $D/kvm/*/$g 2>/dev/null)"; done; fi
		for f in $FILES; do
			cat $f > /dev/null 2>&1 && n=$((n + 1))
		done
	else
		sleep 0.1
	fi
done
wait $L
kill $KEEPER
echo "churn done, $n reads"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# VM churn with debugfs readers, for chasing a kernel panic ("corrupted
# stack end detected inside scheduler" in a VMM's vCPU thread) seen on
# x86 guests under multi-threaded TCG, twice within a minute of this and
# once in the lifetime scenario.  Whether ptwalk-kvm takes part is not
# settled: runs with KVM's own files read also hit it, runs with ptwalk's
# modules unloaded have not yet, and a boot of the same guests once hit a
# stale-int3 oops in the same function before anything ran.
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

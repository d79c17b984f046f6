#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs every scenario in /scenarios inside the guest and prints one
# "PTWALK-RESULT <name> PASS|FAIL <detail>" line each (tests/lib.sh:
# run_scenario).

# Under QEMU's TCG, patching kernel text while the other vCPU runs it can
# leave a stale int3 behind (seen as "Oops: int3" in __schedule when KVM
# flips preempt_notifier_key).  A VM that lives through all scenarios keeps
# KVM's static keys from flipping at every VM creation and exit.
if [ -e /dev/kvm ]; then
	kvm_touch -t nothp -m 2 -n -H 100000 > /dev/null 2>&1 &
	KEEPER=$!
	export KEEPER
	sleep 1
fi

. /lib/ptwalk/lib.sh
for s in /scenarios/*.sh; do
	run_scenario "" "$s"
done
if [ -n "${KEEPER-}" ]; then
	kill "$KEEPER"
fi

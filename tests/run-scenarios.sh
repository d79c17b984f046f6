#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs every scenario in /scenarios inside the guest and prints one
# "PTWALK-RESULT <name> PASS|FAIL <detail>" line each; a scenario that
# prints nothing, runs past SCENARIO_TIMEOUT seconds (default 300) or dies
# counts as failed.

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

# Each scenario runs in a session of its own; when it ends, or after its
# time limit, whatever it left running is killed with it.
for s in /scenarios/*.sh; do
	name=$(basename "$s" .sh)
	setsid sh "$s" > "/tmp/$name.out" 2>&1 &
	sid=$!
	(
		i=0
		while [ $i -lt ${SCENARIO_TIMEOUT:-300} ] && kill -0 $sid 2>/dev/null; do
			sleep 1
			i=$((i + 1))
		done
		kill -0 $sid 2>/dev/null && echo "FAIL timed out" >> "/tmp/$name.out"
		kill -KILL -- -$sid 2>/dev/null
	) &
	dog=$!
	wait $sid
	rc=$?
	wait $dog
	kill -KILL -- -$sid 2>/dev/null
	last=$(grep -E '^(PASS|FAIL)' "/tmp/$name.out" | tail -n 1)
	if [ $rc -eq 0 ] && [ "${last%% *}" = PASS ]; then
		echo "PTWALK-RESULT $name PASS ${last#PASS }"
	else
		echo "PTWALK-RESULT $name FAIL rc=$rc ${last#FAIL }"
		tail -n 20 "/tmp/$name.out" | sed 's/^/  | /'
	fi
done
if [ -n "${KEEPER-}" ]; then
	kill "$KEEPER"
fi

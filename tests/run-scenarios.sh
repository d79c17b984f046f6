#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs every scenario in /scenarios inside the guest and prints one
# "PTWALK-RESULT <name> PASS|FAIL <detail>" line each; a scenario that
# prints nothing, hangs (5 minutes) or dies counts as failed.
for s in /scenarios/*.sh; do
	name=$(basename "$s" .sh)
	timeout 300 sh "$s" > "/tmp/$name.out" 2>&1
	rc=$?
	last=$(grep -E '^(PASS|FAIL)' "/tmp/$name.out" | tail -n 1)
	if [ $rc -eq 0 ] && [ "${last%% *}" = PASS ]; then
		echo "PTWALK-RESULT $name PASS ${last#PASS }"
	else
		echo "PTWALK-RESULT $name FAIL rc=$rc ${last#FAIL }"
		tail -n 20 "/tmp/$name.out" | sed 's/^/  | /'
	fi
done

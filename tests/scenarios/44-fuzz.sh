# SPDX-License-Identifier: GPL-2.0
# fuzz_cmd: 20 s of random commands to the pid file, each answer checked
# against the grammar, with no side effect from a rejected command (see
# tests/guest/fuzz_cmd.c).
. /lib/ptwalk/lib.sh
fuzz_cmd 20 > /tmp/fuzz.out 2>&1
rc=$?
cat /tmp/fuzz.out
[ $rc -eq 0 ] || fail "$(grep '^fuzz_cmd: FAIL' /tmp/fuzz.out | sed 's/^fuzz_cmd: FAIL //') (rc=$rc)"
pass "$(tail -n 1 /tmp/fuzz.out | sed 's/^fuzz_cmd: //')"

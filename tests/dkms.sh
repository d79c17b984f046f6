#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest half of `tools/bench dkms`: the README's "On your own machine"
# commands after the first, as they are, from /root (where tools/ptwalk
# is), with nothing loaded and only the modules DKMS installed (and
# Debian's kvm) under /lib/modules; then checks that those modules loaded
# and that the commands printed real dumps.
. /lib/ptwalk/lib.sh
cd /root || fail "no /root"
kver=$(uname -r)
mods=$(find /lib/modules/"$kver" /lib/ptwalk -name 'ptwalk*.ko*' | sort | tr '\n' ' ')
case $mods in
"/lib/modules/$kver/updates/dkms/ptwalk-kvm.ko"*" /lib/modules/$kver/updates/dkms/ptwalk.ko"*" ") ;;
*) fail "the image's ptwalk modules are not (only) DKMS's two: $mods" ;;
esac
grep -q '^ptwalk' /proc/modules && fail "ptwalk was loaded before the README's commands"

echo "--- the README's commands:"
cat readme.sh
sh -e readme.sh > /tmp/out 2>&1
rc=$?
echo "--- what they printed (the first and last 15 lines):"
head -n 15 /tmp/out
echo ...
tail -n 15 /tmp/out
[ $rc = 0 ] || fail "the README's commands failed (exit $rc): $(tail -n 1 /tmp/out)"

for m in ptwalk ptwalk_kvm kvm; do
	grep -q "^$m " /proc/modules || fail "module $m is not loaded"
done
grep -q '^# ptwalk current format [^ ]* view runs range ' /tmp/out ||
	fail "no header line of current"
runs=$(grep -c '^0x[0-9a-f]* 0x[0-9a-f]* [0-9]*[KMGT] [0-9]* 0x[0-9a-f]* [r-][w-][x-]' /tmp/out)
[ "$runs" -gt 0 ] || fail "no runs in the dump of current"
grep -q '^# ptwalk kernel format [^ ]* view summary ' /tmp/out ||
	fail "no summary of the kernel's tables"
grep -q '^total leaves [1-9]' /tmp/out || fail "no leaves in the kernel's summary"
grep -q '^{"type":"header","target":"pid","pid":1,' /tmp/out ||
	fail "no JSON lines of pid 1"
# current shows its reader: awk reads its own maps, then its own tables,
# which map its stack read-write for the user.
awk '
function pad(s) {
	while (length(s) < 16)
		s = "0" s
	return "0x" s
}
FNR == NR {
	if ($NF == "[stack]") {
		split($1, r, "-")
		lo = pad(r[1])
		hi = pad(r[2])
	}
	next
}
/^0x/ && $1 < hi && $2 > lo && $6 ~ /^rw/ && / U / { found = 1 }
END { exit !(lo != "" && found) }' /proc/self/maps $D/current ||
	fail "current does not show its reader's stack"
pass "DKMS's ptwalk and ptwalk-kvm for $kver loaded by the README's commands, which read current ($runs runs, the reader's stack), the kernel's summary and pid 1 as JSON"

# Several VMs at once each get a directory; destroying one leaves the
# others; files held open across their VM's exit read in full, and the VM
# goes once they are closed.
. /lib/ptwalk/lib.sh
n_dirs() { vm_dirs | wc -l; }
for i in 1 2 3; do
	kvm_touch -t nothp -m 8 -n -H 30 > /dev/null &
	sleep 0.3
	eval P$i=$!
done
i=0
while [ "$(n_dirs)" -lt 3 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(n_dirs)" -eq 3 ] || fail "$(n_dirs) directories for 3 VMs"
for d in $(vm_dirs); do
	d=$D/kvm/$d
	grep -q "^format " $d/info || fail "$d/info: no format"
	cat $d/stage2 > /tmp/s2 || fail "cat $d/stage2"
	check_runs_grammar /tmp/s2 || fail "$d/stage2 malformed"
done
kill $P1; wait $P1 2>/dev/null
sleep 1.5
[ "$(n_dirs)" -eq 2 ] || fail "after one VM exited: $(n_dirs) directories"
[ -d $D/kvm/$P2-* ] && [ -d $D/kvm/$P3-* ] || fail "a surviving VM lost its directory"
# Hold files open while the VMM exits: an open file keeps the VM alive
# (KVM's own debugfs directory stays) and reads in full once its
# directory is gone, and closing the files lets KVM destroy the VM.  A
# dump may find no tables left to walk, ENODATA: arm64 frees the stage 2
# when the VMM's memory goes.
d=$(ls -d $D/kvm/$P2-*)
k=/sys/kernel/debug/kvm/$(basename $d)
[ -d $k ] || fail "KVM's own $k missing"
exec 3< $d/stage2 4< $d/info 5< $d/memslots
kill $P2; wait $P2 2>/dev/null
sleep 1.5
[ -e "$d" ] && fail "$d still there after its VMM exited"
[ -d $k ] || fail "the VM was destroyed while a ptwalk file held it"
if cat <&3 > /tmp/held 2> /tmp/held.err; then
	head -n 1 /tmp/held | grep -q "^# ptwalk kvm $(basename $d) root " ||
		fail "held stage2: no header: $(head -n 1 /tmp/held)"
	check_runs_grammar /tmp/held || fail "held stage2 malformed"
	held=dump
else
	grep -q "No data available" /tmp/held.err && [ ! -s /tmp/held ] ||
		fail "read of the held stage2: $(cat /tmp/held.err)"
	held=ENODATA
fi
cat <&4 > /tmp/held.info 2> /tmp/held.err || fail "read of the held info: $(cat /tmp/held.err)"
grep -q "^format " /tmp/held.info || fail "held info: no format line"
cat <&5 > /tmp/held.slots 2> /tmp/held.err || fail "read of the held memslots: $(cat /tmp/held.err)"
[ "$(grep -vc '^#' /tmp/held.slots)" -gt 0 ] || fail "held memslots: none"
exec 4<&- 5<&-
exec 3<&-
sleep 0.5
[ -d $k ] && fail "the VM outlived the last ptwalk file"
kill $P3; wait $P3 2>/dev/null
pass "3 VMs, 3 directories; exits remove only their own; open files pin their VM, read in full after its exit (stage2: $held), and let it go when closed"

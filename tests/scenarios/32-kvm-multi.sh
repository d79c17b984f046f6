# Several VMs at once each get a directory; destroying one leaves the
# others; a file held open across its VM's exit reads fine, and the VM goes
# once the file is closed.
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
# Hold a file open while the VMM exits: the open file keeps the VM alive
# (KVM's own debugfs directory stays), reads end in data or EIO once the
# directory is gone, and closing the file lets KVM destroy the VM.
d=$(ls -d $D/kvm/$P2-*)
k=/sys/kernel/debug/kvm/$(basename $d)
[ -d $k ] || fail "KVM's own $k missing"
exec 3< $d/stage2
kill $P2; wait $P2 2>/dev/null
sleep 1.5
[ -e "$d" ] && fail "$d still there after its VMM exited"
[ -d $k ] || fail "the VM was destroyed while a ptwalk file held it"
out=$(cat <&3 2>&1 > /tmp/held)
case "$out" in ""|*"Input/output error"*) ;; *) fail "read of the held file: $out" ;; esac
exec 3<&-
sleep 0.5
[ -d $k ] && fail "the VM outlived the last ptwalk file"
kill $P3; wait $P3 2>/dev/null
pass "3 VMs, 3 directories; exits remove only their own; an open file pins its VM until closed"

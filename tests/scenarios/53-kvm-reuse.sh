# A VM created on the (pid, fd) of a VM closed a moment ago gets the
# directory; info says how many VMs are not listed.
. /lib/ptwalk/lib.sh
out=$(vm_reuse) || fail "${out#FAIL }"
kvm_touch -t nothp -m 2 -n -H 3 > /tmp/g &
sleep 1.5
for d in $(vm_dirs); do
	grep -q "^vms_unlisted 0$" $D/kvm/$d/info || fail "info: $(grep vms_unlisted $D/kvm/$d/info)"
done
wait
pass "$out"

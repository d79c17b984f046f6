# VMs are created and destroyed in a loop while readers keep reading their
# files; afterwards both modules unload and load again cleanly.
. /lib/ptwalk/lib.sh
end=$(( $(date +%s) + 12 ))
( while [ $(date +%s) -lt $end ]; do kvm_touch -t nothp -m 4 -n > /dev/null; done ) &
L=$!
n=0
while kill -0 $L 2>/dev/null; do
	for f in $D/kvm/*/stage2 $D/kvm/*/raw $D/kvm/*/info $D/kvm/*/memslots; do
		cat $f > /dev/null 2>&1 && n=$((n + 1))
	done
done
wait $L
sleep 1
[ -z "$(vm_dirs)" ] || fail "directories left after every VM exited: $(vm_dirs)"
# A module with an open file cannot go.
exec 3< $D/summary/current
rmmod ptwalk_kvm 2>/dev/null
rmmod ptwalk 2>/dev/null && fail "rmmod ptwalk succeeded with a file open"
exec 3<&-
lsmod | grep -q "^ptwalk_kvm" && { rmmod ptwalk_kvm || fail "rmmod ptwalk_kvm"; }
rmmod ptwalk || fail "rmmod ptwalk"
insmod /lib/ptwalk/ptwalk.ko || fail "insmod ptwalk again"
insmod /lib/ptwalk/ptwalk-kvm.ko || fail "insmod ptwalk-kvm again"
[ -d $D/kvm ] || fail "no kvm directory after reloading"
# VMs that existed before the module was loaded are found too.
if [ -n "${KEEPER-}" ]; then
	sleep 1
	ls $D/kvm | grep -q "^$KEEPER-" || fail "the running VM $KEEPER not found after reloading"
fi
pass "$n reads during VM churn; unload refused with a file open; reload finds running VMs"

# Stress on the debug kernel, for its checkers (KASAN, lockdep, the
# lockup and hung-task detectors) to watch: readers of every file, views
# and VMs included, while processes map, unmap, mprotect, collapse THP,
# fork and exit, VMs come and go, and the modules are unloaded and loaded
# again between reads.  Passes when the churn finished, readers read, the
# modules came back every time; the bench fails the run on any report in
# the kernel log.
. /lib/ptwalk/lib.sh
SECS=${STRESS_SECS:-90}
end=$(( $(date +%s) + SECS ))
: > /tmp/stress.reads
: > /tmp/stress.reloads

( while [ $(date +%s) -lt $end ]; do churn 200; done ) &
P1=$!
( while [ $(date +%s) -lt $end ]; do
	kvm_touch -t nothp -m 4 -n > /dev/null
	kvm_touch -t thp -m 4 -n > /dev/null
done ) &
P2=$!

# Readers: every host file in every view, every pid, every VM file.
reader() {
	while [ $(date +%s) -lt $end ]; do
		for f in $D/kernel $D/current $D/attr/kernel $D/raw/current \
			 $D/summary/kernel $D/kvm/*/stage2 $D/kvm/*/raw \
			 $D/kvm/*/summary $D/kvm/*/info $D/kvm/*/memslots; do
			cat $f > /dev/null 2>&1 && echo >> /tmp/stress.reads
		done
		for p in $(pgrep churn) $(pgrep kvm_touch); do
			{ echo "$p view=raw" >&3 && cat <&3; } 3<>$D/pid \
				> /dev/null 2>&1 && echo >> /tmp/stress.reads
		done
	done
}
reader & R1=$!
reader & R2=$!

# Unload and load again while readers come and go: rmmod fails while a
# file is open (EBUSY) and succeeds between reads.
while [ $(date +%s) -lt $end ]; do
	sleep 5
	if rmmod ptwalk_kvm 2>/dev/null; then
		rmmod ptwalk 2>/dev/null && {
			insmod /lib/ptwalk/ptwalk.ko || fail "insmod ptwalk after unload"
			echo >> /tmp/stress.reloads
		}
		insmod /lib/ptwalk/ptwalk-kvm.ko || fail "insmod ptwalk-kvm after unload"
	fi
done
wait $P1 $P2 $R1 $R2
lsmod | grep -q '^ptwalk_kvm' || fail "ptwalk-kvm not loaded at the end"
reads=$(wc -l < /tmp/stress.reads)
reloads=$(wc -l < /tmp/stress.reloads)
[ "$reads" -gt 0 ] || fail "no file was read"
pass "${SECS}s: $reads reads, $reloads unload+reload cycles, churn and VM churn done"

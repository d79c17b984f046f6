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
: > /tmp/stress.pids

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
		for f in $D/kernel $D/current $D/attr/kernel $D/attr/current \
			 $D/raw/kernel $D/raw/current $D/summary/kernel \
			 $D/summary/current $D/kvm/*/*; do
			cat $f > /dev/null 2>&1 && echo >> /tmp/stress.reads
		done
		for c in /proc/[0-9]*/comm; do
			read -r name 2>/dev/null < $c || continue
			case $name in churn|kvm_touch) ;; *) continue ;; esac
			p=${c#/proc/}
			{ echo "${p%/comm} view=raw" >&3 && cat <&3; } 3<>$D/pid \
				> /dev/null 2>&1 && echo >> /tmp/stress.pids
		done
	done
}
reader & R1=$!
reader & R2=$!

# Unload and load again while readers come and go: rmmod fails while a
# file is open (EBUSY) and succeeds between reads; every 5 s it is tried
# until it succeeds, up to 200 times.
while [ $(date +%s) -lt $end ]; do
	sleep 5
	tries=0
	while [ $tries -lt 200 ]; do
		tries=$((tries + 1))
		rmmod ptwalk_kvm 2>/dev/null || { usleep 20000; continue; }
		if rmmod ptwalk 2>/dev/null; then
			insmod /lib/ptwalk/ptwalk.ko || fail "insmod ptwalk after unload"
			insmod /lib/ptwalk/ptwalk-kvm.ko || fail "insmod ptwalk-kvm after unload"
			echo >> /tmp/stress.reloads
			break
		fi
		insmod /lib/ptwalk/ptwalk-kvm.ko || fail "insmod ptwalk-kvm after unload"
		usleep 20000
	done
done
wait $P1 $P2 $R1 $R2
lsmod | grep -q '^ptwalk_kvm' || fail "ptwalk-kvm not loaded at the end"
reads=$(wc -l < /tmp/stress.reads)
pids=$(wc -l < /tmp/stress.pids)
reloads=$(wc -l < /tmp/stress.reloads)
[ "$reads" -gt 0 ] || fail "no file was read"
[ "$pids" -gt 0 ] || fail "no churning process was read through the pid file"
[ "$reloads" -gt 0 ] || fail "the modules never unloaded between reads"
pass "${SECS}s: $reads reads of files, $pids of churning processes, $reloads unload+reload cycles, churn and VM churn done"

# SPDX-License-Identifier: GPL-2.0
# Helpers for scenarios (busybox sh, inside the guest).  A scenario prints
# what it checked and exits 0, or prints "FAIL reason" and exits 1.

D=/sys/kernel/debug/ptwalk

fail() {
	echo "FAIL $*"
	exit 1
}

pass() {
	echo "PASS $*"
	exit 0
}

# run_scenario PREFIX FILE: runs one scenario in a session of its own,
# killed with whatever it left running when it ends or after
# SCENARIO_TIMEOUT seconds (default 300), and prints one
# "PTWALK-RESULT PREFIXNAME PASS|FAIL detail" line, the detail ending with
# the seconds it took.  A scenario that prints nothing, times out or dies
# has failed.
run_scenario() {
	local name out sid dog rc last t0 secs
	name=$1$(basename "$2" .sh)
	out=/tmp/$(echo "$name" | tr : -).out
	t0=$(cut -d. -f1 /proc/uptime)
	setsid sh "$2" > "$out" 2>&1 &
	sid=$!
	(
		i=0
		while [ $i -lt "${SCENARIO_TIMEOUT:-300}" ] && kill -0 $sid 2>/dev/null; do
			sleep 1
			i=$((i + 1))
		done
		kill -0 $sid 2>/dev/null && echo "FAIL timed out" >> "$out"
		kill -KILL -- -$sid 2>/dev/null
	) &
	dog=$!
	wait $sid
	rc=$?
	wait $dog
	kill -KILL -- -$sid 2>/dev/null
	secs=$(($(cut -d. -f1 /proc/uptime) - t0))
	last=$(grep -E '^(PASS|FAIL)' "$out" | tail -n 1)
	if [ $rc -eq 0 ] && [ "${last%% *}" = PASS ]; then
		echo "PTWALK-RESULT $name PASS ${last#PASS } [${secs} s]"
	else
		echo "PTWALK-RESULT $name FAIL rc=$rc ${last#FAIL } [${secs} s]"
		tail -n 20 "$out" | sed 's/^/  | /'
	fi
}

# Every non-comment line of a runs view must follow the grammar.
check_runs_grammar() {
	awk '
	/^#/ { next }
	!/^0x[0-9a-f]{16} 0x[0-9a-f]{16} [0-9]+[KMGT] [0-9]+ 0x[0-9a-f]{16} [r-][w-][x-]( [^ ]+)*$/ {
		print "malformed: " $0; bad = 1; exit
	}
	END { exit bad }' "$1"
}

# The VMs a scenario made: the directories under $D/kvm, less the VM that
# run-scenarios.sh keeps alive ($KEEPER).
vm_dirs() {
	ls $D/kvm | grep -v "^${KEEPER:-none}-"
}

# KVM's selftests (tests/kvm-selftests): st_begin starts two readers of
# every file of every VM; st_run NAME TEST ARGS runs a selftest under
# quiesce (tests/guest/quiesce.c), which stops it at random points and
# checks its VMs' stage 2 against its pagemap and KVM's leaf counters, and
# fails unless the selftest passed and at least one sample was compared;
# st_end stops the readers and passes with what was done.
ST=/lib/ptwalk/kvm-selftests
# st_mib N: N MiB of selftest memory, a quarter of it on the debug kernel,
# whose checkers make every fault and every read several times slower.
st_mib() {
	case $(uname -r) in
	*-ptwalk-debug) echo $(($1 / 4))M ;;
	*) echo ${1}M ;;
	esac
}
# st_interval: the longest pause, in ms, between quiesce's samples; on the
# debug kernel, where a sample (every root dumped, the audit, info) takes
# seconds, longer: the selftest runs only between samples, and must end
# within the scenario's time limit.
st_interval() {
	case $(uname -r) in
	*-ptwalk-debug) echo 5000 ;;
	*) echo 400 ;;
	esac
}
# A file that opened must read to its end: a VM that goes away or a root
# that vCPU 0 drops mid-dump ends the dump with a trailer, never an error.
# The one error allowed is ENODATA before the dump began: a VM none of
# whose vCPUs has a root yet.
st_begin() {
	[ -d $ST ] || fail "no selftests in $ST"
	: > /tmp/st.reads
	: > /tmp/st.readerr
	rm -f /tmp/st.done
	st_runs=0 st_samples=0 st_several=0
	for r in 1 2; do
		while [ ! -e /tmp/st.done ]; do
			for f in $D/kvm/*/*; do
				# Not "exec 3< $f": a failed redirection of
				# exec ends a non-interactive shell (this
				# reader) when no VM is left to read.  A file
				# that did not open leaves st.err empty.
				: > /tmp/st.err.$r
				if { cat > /dev/null 2>/tmp/st.err.$r; } 2>/dev/null < $f; then
					echo >> /tmp/st.reads
				elif [ ! -s /tmp/st.err.$r ] ||
				     grep -q "No data available" /tmp/st.err.$r; then
					:
				else
					echo "$f: $(cat /tmp/st.err.$r)" >> /tmp/st.readerr
				fi
			done
		done &
	done
}

st_fail() {
	touch /tmp/st.done
	[ -e "$2" ] && tail -n 20 "$2"
	wait
	fail "$1"
}

st_run() {
	local name=$1 out=/tmp/st.$st_runs.log line rc n
	shift
	line=$(quiesce -i $(st_interval) -o $out $ST/"$@" | tail -n 1)
	st_runs=$((st_runs + 1))
	echo "$line" > /tmp/st.line
	echo "$name: $line"
	case $line in
	quiesce:*) ;;
	*) st_fail "$name: ${line#FAIL }" $out ;;
	esac
	rc=${line#*exit }
	rc=${rc%%:*}
	[ "$rc" = 0 ] || st_fail "$name: the selftest failed: $line" $out
	n=$(echo "$line" | sed -n 's/.* \([0-9]*\) samples compared.*/\1/p')
	[ "${n:-0}" -gt 0 ] || st_fail "$name: no quiescent sample: $line"
	st_samples=$((st_samples + n))
	n=$(echo "$line" | sed -n 's/.*; \([0-9]*\) with several roots;.*/\1/p')
	st_several=$((st_several + ${n:-0}))
}

st_end() {
	local reads
	touch /tmp/st.done
	wait
	reads=$(wc -l < /tmp/st.reads)
	[ "$reads" -gt 0 ] || fail "the readers read nothing"
	[ -s /tmp/st.readerr ] &&
		fail "$(wc -l < /tmp/st.readerr) reads failed after open, e.g. $(head -n 1 /tmp/st.readerr)"
	pass "$st_runs runs passed, $st_samples quiescent samples ($st_several with several roots) matched pagemap and KVM's counters in every root, $reads file reads"
}

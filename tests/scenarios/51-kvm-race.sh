# A vCPU faults in 128 MiB while readers dump its stage 2 in a loop: the
# guest finishes, the dumps stay well-formed.
. /lib/ptwalk/lib.sh
kvm_touch -t nothp -m 128 -n -H 2 > /tmp/guest &
G=$!
n=0
while kill -0 $G 2>/dev/null; do
	for d in $D/kvm/*/; do
		[ -e "$d/stage2" ] || continue
		cat "$d/stage2" > /tmp/s2 2>/dev/null || continue
		check_runs_grammar /tmp/s2 || fail "malformed stage2 dump"
		cat "$d/raw" > /dev/null 2>&1
		n=$((n + 1))
	done
done
wait $G || fail "guest: $(cat /tmp/guest)"
grep -q PASS /tmp/guest || fail "guest: $(cat /tmp/guest)"
pass "guest finished during $n dumps"

# Readers loop over processes that keep mapping, unmapping, changing
# protection and exiting: every dump stays well-formed, nothing hangs.
. /lib/ptwalk/lib.sh
end=$(( $(date +%s) + 15 ))
n=0
while [ $(date +%s) -lt $end ]; do
	churn 200 &
	C=$!
	for v in runs raw; do
		exec 3<>$D/pid
		echo "$C view=$v" >&3 2>/dev/null || { exec 3<&-; continue; }
		cat <&3 > /tmp/race 2>/dev/null
		exec 3<&-
		[ $v = runs ] && { check_runs_grammar /tmp/race || fail "malformed dump"; }
		n=$((n + 1))
	done
	wait $C
done
[ $n -gt 0 ] || fail "no dump was taken"
pass "$n dumps of churning processes, all well-formed"

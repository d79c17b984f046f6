# Every file exists and reads fully with its header; pid needs a selection.
. /lib/ptwalk/lib.sh
[ -d $D ] || fail "$D missing"
for f in kernel current attr/kernel attr/current raw/kernel raw/current \
	 summary/kernel summary/current; do
	cat $D/$f > /tmp/out || fail "cat $f failed"
	head -n 1 /tmp/out | grep -q "^# ptwalk " || fail "$f: no header line"
done
check_runs_grammar /tmp/out 2>/dev/null
cat $D/current > /tmp/out && check_runs_grammar /tmp/out || fail "current: bad grammar"
cat $D/pid > /dev/null 2>&1 && fail "pid read without a selection succeeded"
[ -d $D/kvm ] || fail "$D/kvm missing (ptwalk-kvm not loaded)"
pass "all files read, grammar ok"

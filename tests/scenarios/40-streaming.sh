# A 1-byte-buffer read of a quiescent process equals one large read, in
# every view.
. /lib/ptwalk/lib.sh
sleep 600 &
P=$!
sleep 1
for v in runs attr raw summary; do
	ptwalk -v $v $P > /tmp/big || fail "ptwalk -v $v $P"
	exec 3<>$D/pid
	echo "$P view=$v" >&3 || fail "select $P view=$v"
	dd bs=1 <&3 of=/tmp/small 2>/dev/null
	exec 3<&-
	cmp /tmp/big /tmp/small > /dev/null || fail "view $v: dd bs=1 differs"
	[ -s /tmp/big ] || fail "view $v: empty"
done
kill $P
pass "dd bs=1 output identical to one read in all views"

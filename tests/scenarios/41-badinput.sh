# Bad commands get their documented errno and change nothing.
. /lib/ptwalk/lib.sh
sleep 600 &
P=$!
expect() {
	want=$1
	shift
	exec 3<>$D/pid
	echo "$P" >&3
	got=$( (echo -n "$*" >&3) 2>&1)
	case $got in *"$want"*) ;; *) fail "'$*': wanted '$want', got '$got'" ;; esac
	# The earlier selection still stands.
	head -n 1 <&3 | grep -q "pid $P " || fail "'$*' changed the selection"
	exec 3<&-
}
expect "Invalid argument" "abc"
expect "Invalid argument" "-5"
expect "Invalid argument" "99999999999999999999"
expect "No such process" "99999"
expect "Invalid argument" "2"
expect "Invalid argument" "$P view=bogus"
expect "Numerical result out of range" "$P 0x2000 0x1000"
expect "Invalid argument" "$P 1 2 3"
expect "Argument list too long" "$P $(printf '%0200d' 0)"
exec 3<>$D/current
echo -n 0x8000000000000000 >&3 || fail "range write rejected early"
cat <&3 > /dev/null 2>/tmp/err && fail "non-canonical range read succeeded"
grep -q "out of range" /tmp/err || fail "non-canonical range: $(cat /tmp/err)"
exec 3<&-
kill $P
pass "every bad command rejected with its errno, selection intact"

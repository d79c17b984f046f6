# ptwalk's KUnit suites as modules on the debug kernel, where KASAN and
# lockdep watch them: every suite's KTAP result must be "ok", with no
# failed case.
. /lib/ptwalk/lib.sh
ls /lib/ptwalk/kunit/*.ko > /dev/null 2>&1 || fail "no KUnit modules in the initramfs"
dmesg -c > /dev/null
for m in /lib/ptwalk/kunit/*.ko; do
	insmod "$m" || fail "insmod $(basename "$m")"
done
dmesg > /tmp/kunit.log
cat /tmp/kunit.log | grep -E "^\[ *[0-9.]+\] +(ok|not ok|# Totals)" | tail -n 5
notok=$(grep -c "not ok" /tmp/kunit.log)
suites=$(grep -c -E "\] ok [0-9]+ ptwalk_" /tmp/kunit.log)
totals=$(grep -E "# Totals: pass:[0-9]+ fail:0 " /tmp/kunit.log |
	sed 's/.*pass:\([0-9]*\).*/\1/' | tr '\n' ' ')
for m in /lib/ptwalk/kunit/*.ko; do
	rmmod "$(basename "$m" .ko)" || fail "rmmod $(basename "$m")"
done
[ "$notok" -eq 0 ] || { grep -B5 "not ok" /tmp/kunit.log | head -40; fail "$notok KUnit results not ok"; }
n=$(ls /lib/ptwalk/kunit/*.ko | wc -l)
[ "$suites" -eq "$n" ] || fail "$suites of $n suites reported ok"
pass "$n suites ok (cases passed per suite: $totals) under KASAN and lockdep"

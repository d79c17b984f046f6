# The kernel's own ptdump (CONFIG_PTDUMP_DEBUGFS) as a second oracle, on
# the debug kernel: ptwalk's kernel file against page_tables/kernel and its
# current file against page_tables/current_user (the guest boots with
# pti=on), mapping by mapping; ptdump_check lists every difference.
. /lib/ptwalk/lib.sh
[ -d /sys/kernel/debug/page_tables ] ||
	fail "no /sys/kernel/debug/page_tables (CONFIG_PTDUMP_DEBUGFS)"
msg=
for what in kernel user; do
	ptdump_check $what > /tmp/ptdump_$what 2>&1
	rc=$?
	cat /tmp/ptdump_$what
	[ $rc -eq 0 ] || fail "$(tail -n 1 /tmp/ptdump_$what)"
	msg="$msg; $(grep -E "^$what:" /tmp/ptdump_$what | sed 's/;.*//')"
done
pass "kernel and current_user agree with the kernel's ptdump$msg"

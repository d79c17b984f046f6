# Nested VMX: KVM's vmx_dirty_log_test runs an L1 guest that runs its own
# L2, first without EPT, then with EPT, which KVM shadows for L2 in
# guest_mmu (roots "mmu l2" in info, direct 0, guest_mode 1).  Three runs,
# while two readers read every file of every VM (tests/lib.sh: st_begin)
# and a third keeps the root lines of info, which must parse.  The VMs
# live for moments, so how many L2 roots the third sees varies: it is
# reported, not required.
. /lib/ptwalk/lib.sh
T=$ST/vmx_dirty_log_test
[ -x $T ] || fail "no $T"
st_begin
(
	while [ ! -e /tmp/st.done ]; do
		cat $D/kvm/*/info 2>/dev/null | grep '^root vcpu'
	done > /tmp/nested.roots
) &
for i in 1 2 3; do
	$T > /tmp/nested.$i.log 2>&1 || st_fail "run $i: vmx_dirty_log_test failed" /tmp/nested.$i.log
	grep -q 'Nested EPT: enabled' /tmp/nested.$i.log ||
		st_fail "run $i: no nested EPT" /tmp/nested.$i.log
done
touch /tmp/st.done
wait
reads=$(wc -l < /tmp/st.reads)
[ "$reads" -gt 0 ] || fail "the readers read nothing"
[ -s /tmp/st.readerr ] &&
	fail "$(wc -l < /tmp/st.readerr) reads failed after open, e.g. $(head -n 1 /tmp/st.readerr)"
bad=$(grep -v -E '^root vcpu [0-9]+ mmu l[12] (current 0x[0-9a-f]{16} level [45] direct [01] ad (on|off) smm [01] guest_mode [01]|cached 0x[0-9a-f]{16})$' /tmp/nested.roots | head -n 1)
[ -z "$bad" ] || fail "info: unparsable root line: $bad"
l2=$(grep -c ' mmu l2 current .* direct 0 .* guest_mode 1$' /tmp/nested.roots)
pass "3 runs with nested EPT passed, $reads file reads, $(wc -l < /tmp/nested.roots) root lines sampled, $l2 of them L2 shadow-EPT roots"

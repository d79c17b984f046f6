# Nested VMX: KVM's vmx_dirty_log_test runs an L1 guest that runs its own
# L2, first without EPT, on a guest_mode root of KVM's L1 MMU ("direct 1
# ... guest_mode 1" in info), then with EPT, which KVM shadows for L2 in
# guest_mmu ("direct 0 ... guest_mode 1").  Three runs under quiesce
# (tests/lib.sh: st_run), which compares every root of every sample: roots
# of guest physical addresses (L2's without EPT are L1's) against
# pagemap, the shadow-EPT roots' leaves against the VM's memory, all
# leaves against KVM's counters; two readers read every file of every VM
# meanwhile, and a third keeps info's root lines, which must parse.  At
# least one sample must have compared an L2 (guest_mode) root.
. /lib/ptwalk/lib.sh
T=vmx_dirty_log_test
[ -x $ST/$T ] || fail "no $ST/$T"
st_begin
(
	while [ ! -e /tmp/st.done ]; do
		cat $D/kvm/*/info 2>/dev/null | grep '^root '
	done > /tmp/nested.roots
) &
l2=0 nested=0
for i in 1 2 3; do
	st_run run$i $T
	grep -q 'Nested EPT: enabled' /tmp/st.$((st_runs - 1)).log ||
		st_fail "run $i: no nested EPT" /tmp/st.$((st_runs - 1)).log
	n=$(sed -n 's/.* guest_mode \([0-9]*\) nested .*/\1/p' /tmp/st.line)
	l2=$((l2 + ${n:-0}))
	n=$(sed -n 's/.* nested \([0-9]*\) invalid .*/\1/p' /tmp/st.line)
	nested=$((nested + ${n:-0}))
done
touch /tmp/st.done
wait
reads=$(wc -l < /tmp/st.reads)
[ -s /tmp/st.readerr ] &&
	fail "$(wc -l < /tmp/st.readerr) reads failed after open, e.g. $(head -n 1 /tmp/st.readerr)"
bad=$(grep -v -E '^root 0x[0-9a-f]{16} (level [45] direct [01] ad (on|off) smm [01] guest_mode [01] invalid [01]|role unknown) mmu (tdp|shadow) users( none| vcpu[0-9]+:l[12]:(current|cached[1-3]))+$' /tmp/nested.roots | head -n 1)
[ -z "$bad" ] || fail "info: unparsable root line: $bad"
[ "$l2" -gt 0 ] || fail "no sample compared an L2 root"
seen=$(grep -c ' guest_mode 1 ' /tmp/nested.roots)
pass "3 runs with nested EPT passed, $st_samples quiescent samples matched in every root, $l2 L2 roots compared ($nested of them shadow EPT); $reads file reads, $(wc -l < /tmp/nested.roots) root lines sampled, $seen of them L2 roots"

# What a VM's files say about its second stage, against the configuration
# tests/run-vmx.sh loaded ($VMX_FORMAT, $VMX_MMU): the format in info and
# in the dump's header, the mmu line, the runs grammar, and the
# accessed/dirty tokens: with A/D every run the guest touched is accessed
# and the pages it wrote are dirty; in shadow tables too, but for the
# guest's own page tables, which KVM maps read-only while it shadows them;
# without A/D, EPT's bits 8 and 9 are ignored and never shown.  The guest
# runs in 64-bit mode (kvm_touch -l), which shadow paging needs for x86-64
# tables.
. /lib/ptwalk/lib.sh
[ -n "${VMX_FORMAT-}" ] && [ -n "${VMX_MMU-}" ] ||
	fail "no expected format or mmu (tests/run-vmx.sh sets them)"
# Emptied first: the child truncates it only when it gets to run, and the
# file may hold the line of another configuration's run.
: > /tmp/fmt.out
kvm_touch -l -t nothp -m 8 -n -H 100000 > /tmp/fmt.out 2>&1 &
pid=$!
i=0
until vm=$(sed -n 's/^PASS guest ran: vm //p' /tmp/fmt.out); [ -n "$vm" ]; do
	kill -0 $pid 2>/dev/null || fail "kvm_touch: $(cat /tmp/fmt.out)"
	i=$((i + 1))
	[ $i -lt 600 ] || fail "the guest did not run"
	sleep 0.1
done
d=$D/kvm/$vm
i=0
until [ -e $d/info ]; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "no $d"
	sleep 0.1
done
cat $d/info > /tmp/fmt.info || fail "info: read failed"
fmt=$(sed -n 's/^format //p' /tmp/fmt.info)
mmu=$(sed -n 's/^mmu //p' /tmp/fmt.info)
[ "$fmt" = "$VMX_FORMAT" ] && [ "$mmu" = "$VMX_MMU" ] ||
	fail "info says format '$fmt' mmu '$mmu', expected $VMX_FORMAT and $VMX_MMU: $(tr '\n' ';' < /tmp/fmt.info)"
cat $d/stage2 > /tmp/fmt.stage2 || fail "stage2: read failed"
head -n 1 /tmp/fmt.stage2 | grep -q " format $VMX_FORMAT " ||
	fail "stage2 header: $(head -n 1 /tmp/fmt.stage2)"
check_runs_grammar /tmp/fmt.stage2 > /tmp/fmt.bad || fail "stage2 $(cat /tmp/fmt.bad)"
for f in attr raw summary memslots; do
	cat $d/$f > /dev/null || fail "$f: read failed"
done
# runs, runs with A, pages with D, read-only pages and their range,
# writable runs, writable runs with A
set -- $(awk '!/^#/ {
	a = d = 0
	for (i = 7; i <= NF; i++) { if ($i == "A") a = 1; if ($i == "D") d = 1 }
	pages = $4 * ($3 == "2M" ? 512 : 1)
	n++; na += a; if (d) pd += pages
	if ($6 !~ /w/) { ro += pages; if (!rs) rs = $1; re = $2 } else { nw++; naw += a }
} END { print n + 0, na + 0, pd + 0, ro + 0, rs "-" re, nw + 0, naw + 0 }' /tmp/fmt.stage2)
[ "$1" -gt 0 ] || fail "no leaves"
# The guest ran on each of the 2048 pages and wrote all but its code page.
case $VMX_FORMAT in
*+ad)
	[ "$2" = "$1" ] || fail "$1 runs, $2 of them accessed"
	[ "$3" -ge 2047 ] || fail "$3 pages dirty, the guest wrote 2047" ;;
x86-64/*)
	# KVM write-protects the guest's page tables (pages 1 to 3), which it
	# shadows, and emulates the guest's writes to them.
	[ "$4 $5" = "3 0x0000000000001000-0x0000000000004000" ] ||
		fail "read-only: $4 pages ($5), not the guest's page tables 0x1000-0x4000"
	[ "$7" = "$6" ] || fail "$6 writable runs, $7 of them accessed"
	[ "$3" -ge 2044 ] || fail "$3 pages dirty, the guest wrote 2044 through its mappings" ;;
*)
	[ "$2 $3" = "0 0" ] || fail "$2 runs accessed, $3 pages dirty: EPT without A/D has neither" ;;
esac
kill $pid
wait $pid
pass "format $fmt, mmu $mmu, $1 runs, $2 accessed, $3 pages dirty, $4 read-only"

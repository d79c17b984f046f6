# ptwalk --json: every view of real dumps (the kernel, a process, current,
# every file of every KVM VM, and a dump cut short by its process's exit
# when it ends with the trailer) becomes JSON lines and, through --from-json, the same bytes again.  A
# line the converter cannot parse fails, and so does a comment of no known
# kind.  busybox awk under emulation converts about 100 lines a second
# each way (arm64), so a dump past 1500 lines is cut to its first 800 and
# last 300 lines, 300 lines between them and every comment and total, and
# the kernel's raw view (on arm64 a line per 4K page of the linear map,
# 800000 lines) to its first 20000 lines before that.
. /lib/ptwalk/lib.sh

lines=0
files=0
# rt NAME: the round trip of the dump in /tmp/rt.txt.
rt() {
	n=$(wc -l < /tmp/rt.txt)
	[ "$n" -gt 0 ] || fail "$1: empty dump"
	if [ "$n" -gt 1500 ]; then
		awk -v n="$n" 'NR <= 800 || NR > n - 300 || NR % int(n / 300) == 0 ||
			/^#/ || /^total /' /tmp/rt.txt > /tmp/rt.cut
		mv /tmp/rt.cut /tmp/rt.txt
		n=$(wc -l < /tmp/rt.txt)
	fi
	ptwalk --json /tmp/rt.txt > /tmp/rt.json 2> /tmp/rt.err ||
		fail "$1: --json: $(head -n 1 /tmp/rt.err)"
	[ "$(wc -l < /tmp/rt.json)" -eq "$n" ] || fail "$1: not one object per line"
	grep -q '^{"type":"comment"' /tmp/rt.json &&
		fail "$1: a comment of no known kind: $(grep -m 1 '^{"type":"comment"' /tmp/rt.json)"
	ptwalk --from-json /tmp/rt.json > /tmp/rt.back 2> /tmp/rt.err ||
		fail "$1: --from-json: $(head -n 1 /tmp/rt.err)"
	cmp /tmp/rt.txt /tmp/rt.back > /tmp/rt.err 2>&1 ||
		fail "$1: the text came back changed: $(cat /tmp/rt.err)"
	lines=$((lines + n))
	files=$((files + 1))
}

# A line the converter does not know fails it, whatever comes around it.
{ head -n 3 $D/current; echo "0x0000000000400000 garbage"; } > /tmp/rt.txt
ptwalk --json /tmp/rt.txt > /dev/null 2>&1 && fail "--json took a malformed line"
echo '{"type":"run","start":"0x0"' | ptwalk --from-json > /dev/null 2>&1 &&
	fail "--from-json took a malformed object"

sleep 1000 &
sp=$!
for v in runs attr raw summary; do
	if [ $v = raw ]; then
		ptwalk -v $v kernel | head -n 20000 > /tmp/rt.txt
	else
		ptwalk -v $v kernel > /tmp/rt.txt || fail "kernel $v"
	fi
	rt "kernel $v"
	ptwalk -v $v self > /tmp/rt.txt || fail "self $v"
	rt "self $v"
	ptwalk -v $v $sp > /tmp/rt.txt || fail "pid $sp $v"
	rt "pid $v"
	cat $D/$v/current > /tmp/rt.txt 2>/dev/null || cat $D/current > /tmp/rt.txt
	rt "current $v"
done
kill $sp

# The trailer, if the dump of a process that exits after the first read
# ends with one (43-exit checks that it does).
sh -c 'sleep 2' &
q=$!
exec 3<>$D/pid
echo $q >&3 || fail "select $q"
{ dd bs=64 count=1 2>/dev/null; sleep 3; cat 2>/dev/null; } <&3 > /tmp/rt.txt
exec 3<&-
trailer="no trailer"
if grep -q '; dump incomplete$' /tmp/rt.txt; then
	rt "exited pid"
	trailer="a trailer"
fi

# The live path: a dump read and converted in one go.
ptwalk --json -v summary kernel > /tmp/rt.json || fail "ptwalk --json -v summary kernel"
head -n 1 /tmp/rt.json | grep -q '^{"type":"header","target":"kernel",.*"view":"summary"' ||
	fail "ptwalk --json: $(head -n 1 /tmp/rt.json)"
grep -q '^{"type":"total","leaves":[0-9]' /tmp/rt.json || fail "ptwalk --json: no total"

vms=0
if [ -e /dev/kvm ]; then
	kvm_touch -t thp -n -H 30 > /dev/null 2>&1 &
	vm_pid=$!
	i=0
	while [ $i -lt 20 ] && ! [ -d "$(echo $D/kvm/$vm_pid-*)" ]; do
		sleep 1
		i=$((i + 1))
	done
	for d in $D/kvm/*/; do
		for f in "$d"*; do
			cat "$f" > /tmp/rt.txt 2>/dev/null || continue
			rt "kvm $(basename "$d")/$(basename "$f")"
		done
		vms=$((vms + 1))
		vm=$(basename "$d")
	done
	[ $vms -gt 0 ] || fail "no VM directory under $D/kvm"
	ptwalk --json -v attr "kvm/$vm" > /tmp/rt.json || fail "ptwalk --json kvm/$vm"
	head -n 1 /tmp/rt.json | grep -q '^{"type":"header","target":"kvm",' ||
		fail "ptwalk --json kvm/$vm: $(head -n 1 /tmp/rt.json)"
	kill $vm_pid 2>/dev/null
	wait $vm_pid 2>/dev/null
fi
pass "$files dumps ($lines lines; $vms VMs, $trailer) went to JSON and back unchanged"

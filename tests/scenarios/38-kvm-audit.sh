# A VM whose guest touched its memslot, then stopped: the audit finds every
# leaf where the host has it (stale 0), with 4K pages and with THP, and
# counts the leaves KVM counts (pages_4k + pages_2m + pages_1g on x86; on
# arm64, which has no such counters, the summary view's totals).  Read one
# byte at a time it gives the same bytes; a VM whose VMM exits while the
# file is open ends the read cleanly.
. /lib/ptwalk/lib.sh

# start_vm MODE MIB: start a VMM whose guest touches its memory and stays;
# true once it says so, false (the polls, its exit status and its output in
# $WHY) if it ended, or did not say so in time, first.
start_vm() {
	local i=0
	kvm_touch -t $1 -m $2 -n -H 60 > /tmp/audit.vm 2>&1 &
	VMM=$!
	# Counted, not timed with /proc/uptime: on arm64 a wait timed that
	# way ended within a second while the VMM still ran (our SIGTERM then
	# ended it: exit status 143).  A guest backed by THP under emulation
	# has taken more than 100 polls.
	while ! grep -q PASS /tmp/audit.vm 2>/dev/null && [ $i -lt 1200 ] &&
	      kill -0 $VMM 2>/dev/null; do
		sleep 0.1; i=$((i + 1))
	done
	grep -q PASS /tmp/audit.vm && return 0
	kill -0 $VMM 2>/dev/null && kill $VMM
	wait $VMM
	WHY="after $i polls, exit status $?: $(cat /tmp/audit.vm)"
	return 1
}

# stop_vm: end the VMM and wait until its VM's directory is gone.
stop_vm() {
	local i=0
	kill $VMM; wait $VMM 2>/dev/null
	while ls -d $D/kvm/$VMM-* > /dev/null 2>&1 && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
}

# audit_vm MODE MIB: start a VM, audit it, leave its pid in $VMM.  A VMM
# whose guest did not run is started once more, and said so in the result.
audit_vm() {
	local d i=0 k leaves kvm t
	if ! start_vm $1 $2; then
		RETRIED="$RETRIED; $1: the first VMM's guest did not run ($WHY)"
		start_vm $1 $2 || fail "$1: the guest did not run ($WHY)"
	fi
	i=0
	while [ ! -e $D/kvm/$VMM-*/audit ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	d=$(ls -d $D/kvm/$VMM-*)
	cat $d/audit > /tmp/audit.out || fail "$1: cat $d/audit"
	t=$(grep '^audit leaves ' /tmp/audit.out) || fail "$1: no totals line"
	echo "$1: $t"
	echo "$t" | grep -q ' stale 0 ' || { cat /tmp/audit.out; fail "$1: stale leaves"; }
	echo "$t" | grep -q ' racing 0 ' || fail "$1: racing leaves in a stopped VM"
	grep -v '^#' /tmp/audit.out | grep -qv '^audit ' &&
		fail "$1: a disagreement line: $(grep -v '^#' /tmp/audit.out | head -n 1)"
	leaves=$(echo "$t" | awk '{ print $3 }')
	k=/sys/kernel/debug/kvm/$(basename $d)
	if [ -e $k/pages_4k ]; then
		kvm=$(($(cat $k/pages_4k) + $(cat $k/pages_2m) + $(cat $k/pages_1g)))
	else
		kvm=$(awk '/^total / { n += $3 } END { print n + 0 }' $d/summary)
	fi
	[ "$leaves" = "$kvm" ] || fail "$1: audit leaves $leaves, KVM's $kvm"
	# The guest touched every page: with 4K pages, one leaf each.
	[ $1 = thp ] || [ "$leaves" -eq $(($2 * 256)) ] ||
		fail "$1: audit leaves $leaves for $2 MiB of 4K pages"
	[ "$leaves" -gt 0 ] || fail "$1: no leaves"
	dd if=$d/audit of=/tmp/audit.1 bs=1 2>/dev/null
	cmp -s /tmp/audit.out /tmp/audit.1 || fail "$1: a read of 1-byte reads differs"
	DIR=$d
}

RETRIED=
audit_vm nothp 32
stop_vm
audit_vm thp 32
stop_vm

# The VMM exits while the file is open and half read: the rest reads as
# data, a trailer, or EIO once the directory is gone; nothing else.
audit_vm nothp 8
exec 3< $DIR/audit
dd bs=1 count=100 <&3 > /dev/null 2>&1
kill $VMM; wait $VMM 2>/dev/null
sleep 1.5
out=$(cat <&3 2>&1 > /tmp/audit.held)
case "$out" in ""|*"Input/output error"*) ;; *) fail "read of the held file: $out" ;; esac
exec 3<&-
pass "stale 0 with 4K pages and THP, leaves equal KVM's; 1-byte reads; the VMM's exit mid-read$RETRIED"

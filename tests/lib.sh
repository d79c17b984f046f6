# SPDX-License-Identifier: GPL-2.0
# Helpers for scenarios (busybox sh, inside the guest).  A scenario prints
# what it checked and exits 0, or prints "FAIL reason" and exits 1.

D=/sys/kernel/debug/ptwalk

fail() {
	echo "FAIL $*"
	exit 1
}

pass() {
	echo "PASS $*"
	exit 0
}

# Every non-comment line of a runs view must follow the grammar.
check_runs_grammar() {
	awk '
	/^#/ { next }
	!/^0x[0-9a-f]{16} 0x[0-9a-f]{16} [0-9]+[KMGT] [0-9]+ 0x[0-9a-f]{16} [r-][w-][x-]( [^ ]+)*$/ {
		print "malformed: " $0; bad = 1; exit
	}
	END { exit bad }' "$1"
}

# The VMs a scenario made: the directories under $D/kvm, less the VM that
# run-scenarios.sh keeps alive ($KEEPER).
vm_dirs() {
	ls $D/kvm | grep -v "^${KEEPER:-none}-"
}

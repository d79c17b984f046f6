#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The performance benchmark, run inside a guest by `tools/bench perf`
# (`make bench`).  Prints PERF/CDF/TOUCH lines that the host collects;
# tests/guest/ptwbench.c and kvm_touch.c say what each one measures.
#
#   perf.sh [MIB [REPS [VM_MIB]]]   defaults 1024 5 256

MIB=${1:-1024}
REPS=${2:-5}
VM_MIB=${3:-256}
st=0

echo "PERF fig=env kernel=$(uname -r) cpus=$(nproc) mem_kb=$(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo) thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled)"

# A process, four shapes (figures 1, 2, 3; 4 and 6 on shape a).
for s in a b c s; do
	ptwbench proc $s -m "$MIB" -r "$REPS" || st=1
done

# A VM, 4K and 2M stage-2 leaves.
[ -e /dev/kvm ] || { echo "FAIL no /dev/kvm: no VM figures"; exit 1; }
for t in nothp thp; do
	# Figure 5: the guest's time to fault in and touch its memory, with
	# and without a reader of its stage2 file, alternately.
	for i in 1 2 3; do
		for r in "" -R; do
			if out=$(kvm_touch -m "$VM_MIB" -t $t -n -T $r); then
				echo "$out" | grep '^TOUCH'
			else
				echo "FAIL kvm_touch -t $t $r: $out"
				st=1
			fi
		done
	done
	# Figures 1 and 3 for the VM's dump: a VM kept alive, quiescent.
	kvm_touch -m "$VM_MIB" -t $t -n -H 3600 > /tmp/vm.out &
	vmm=$!
	i=0
	while ! grep -q "^PASS guest ran" /tmp/vm.out && [ $i -lt 600 ]; do
		kill -0 $vmm 2>/dev/null || break
		sleep 1
		i=$((i + 1))
	done
	vm=$(sed -n 's/^PASS guest ran: vm //p' /tmp/vm.out)
	if [ -z "$vm" ]; then
		echo "FAIL kvm_touch $t: $(cat /tmp/vm.out)"
		st=1
	else
		i=0
		while [ ! -e "/sys/kernel/debug/ptwalk/kvm/$vm/stage2" ] && [ $i -lt 30 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		ptwbench vm "$vm" -r "$REPS" "$t" || st=1
	fi
	kill $vmm
	wait $vmm 2>/dev/null
done
exit $st

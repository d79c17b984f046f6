#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Intel VMX targets' scenarios (tools/bench vmx-*, under Bochs).
#
#   run-vmx.sh CONFIG...
#
# For each KVM configuration of tests/vmx/configs in turn, load it, then
# run its scenarios, printing one "PTWALK-RESULT CONFIG:NAME PASS|FAIL
# detail" line each, like run-scenarios.sh.  /init loaded the first
# configuration's modules; for a next one with other parameters,
# ptwalk-kvm, kvm_intel and kvm are unloaded and loaded again with them,
# in the same boot, which under Bochs saves over a minute per
# configuration.  The CONFIG:modules line says whether the parameters
# took effect.

L=/lib/ptwalk
. $L/lib.sh

# "a=0,b=1" -> "a=0 b=1"; "-" -> nothing
params() { [ "$1" = - ] || echo "$1" | tr , ' '; }

# check_params MODULE "P=V...": the loaded module's parameters read V
# (sysfs shows booleans as Y and N).
check_params() {
	local p v got
	for p in $2; do
		v=${p#*=}
		p=${p%%=*}
		case $v in 0) v=N ;; 1) v=Y ;; esac
		got=$(cat /sys/module/$1/parameters/$p 2>/dev/null)
		[ "$got" = "$v" ] || { echo "$1.$p is '$got', not $v"; return 1; }
	done
}

# reload KVM_PARAMS INTEL_PARAMS: ptwalk-kvm needs kvm, so it goes first;
# a VM's last file may still be closing, so rmmod is tried a few times.
reload() {
	local i=0
	rmmod ptwalk_kvm 2>/dev/null
	until rmmod kvm_intel kvm 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 10 ] || { echo "rmmod kvm_intel kvm: $(lsmod | grep kvm | tr '\n' ' ')"; return 1; }
		sleep 1
	done
	insmod $L/kvm.ko $1 || { echo "insmod kvm $1 failed"; return 1; }
	insmod $L/kvm-intel.ko $2 || { echo "insmod kvm-intel $2 failed"; return 1; }
	insmod $L/ptwalk-kvm.ko || { echo "insmod ptwalk-kvm failed"; return 1; }
}

# run_config NAME KVM INTEL FORMAT MMU SCENARIO...: a line of
# tests/vmx/configs.  /init loaded the first configuration's modules; a
# next one is loaded anew unless its parameters are those loaded.
run_config() {
	local c=$1 k i msg= how="as loaded" s f found
	k=$(params "$2")
	i=$(params "$3")
	export VMX_FORMAT=$4 VMX_MMU=$5
	shift 5
	if [ -n "${LOADED+set}" ] && [ "$LOADED" != "$k|$i" ]; then
		how=reloaded
		msg=$(reload "$k" "$i")
	fi
	LOADED="$k|$i"
	[ -n "$msg" ] || msg=$(check_params kvm "$k" && check_params kvm_intel "$i")
	if [ -n "$msg" ]; then
		echo "PTWALK-RESULT $c:modules FAIL $msg"
		LOADED=failed
		return
	fi
	echo "PTWALK-RESULT $c:modules PASS kvm ${k:-defaults}, kvm_intel ${i:-defaults} ($how):" \
		"tdp_mmu=$(cat /sys/module/kvm/parameters/tdp_mmu)" \
		"ept=$(cat /sys/module/kvm_intel/parameters/ept)" \
		"eptad=$(cat /sys/module/kvm_intel/parameters/eptad)"
	for s in "$@"; do
		found=
		for f in /scenarios/$s.sh; do
			[ -e "$f" ] || continue
			found=1
			run_scenario "$c:" "$f"
		done
		[ -n "$found" ] || echo "PTWALK-RESULT $c:$s FAIL no /scenarios/$s.sh"
	done
}

for c in "$@"; do
	line=$(grep "^$c " $L/vmx-configs)
	if [ -z "$line" ]; then
		echo "PTWALK-RESULT $c:modules FAIL no configuration '$c' in tests/vmx/configs"
		continue
	fi
	# Split the line without expanding its patterns.
	set -f
	set -- $line
	set +f
	run_config "$@"
done

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What `tools/bench demo` shows: live dumps from the booted kernel.
D=/sys/kernel/debug/ptwalk
run() {
	echo
	echo "\$ $*"
	"$@"
}
run sh -c "cat $D/current"
run sh -c "cat $D/summary/current"
run sh -c "head -n 40 $D/kernel"
if [ -e /dev/kvm ]; then
	kvm_touch -t thp -n -H 8 > /dev/null &
	sleep 3
	vm=$(ls $D/kvm | head -n 1)
	run sh -c "cat $D/kvm/$vm/info"
	run sh -c "cat $D/kvm/$vm/stage2"
	wait
fi

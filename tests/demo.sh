#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What `tools/bench demo` shows: live dumps from the booted kernel.
D=/sys/kernel/debug/ptwalk
run() {
	echo
	echo "\$ $1"
	sh -c "$1"
}
run "cat $D/current"
run "cat $D/summary/current"
run "head -n 40 $D/kernel"
if [ -e /dev/kvm ]; then
	kvm_touch -t thp -n -H 8 > /dev/null &
	sleep 3
	vm=$(ls $D/kvm | head -n 1)
	run "cat $D/kvm/$vm/info"
	run "cat $D/kvm/$vm/stage2"
	wait
fi

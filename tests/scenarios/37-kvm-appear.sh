# VMs are found without polling (tests/guest/vm_appear.c): among 2000
# processes with 64 more files each, a VM's directory appears within 50 ms
# (median) of KVM_CREATE_VM and goes after close(); with no VM coming or
# going, nothing scans but the 5-second fallback.  The debug kernel forks
# a quarter of the processes.
case $(uname -r) in
*-ptwalk-debug) exec vm_appear -p 500 ;;
*) exec vm_appear ;;
esac

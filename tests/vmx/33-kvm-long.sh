# kvm_touch -l: a 64-bit guest on its own identity map touches a 32 MiB
# memslot backed by 4K pages, then by THP; every leaf is checked against
# pagemap and the leaf counts against KVM's.  With shadow paging the dump
# translates guest virtual addresses, which the identity map makes the
# GPAs kvm_touch checks.
. /lib/ptwalk/lib.sh
a=$(kvm_touch -l -t nothp) || fail "4K: ${a#FAIL }"
b=$(kvm_touch -l -t thp) || fail "THP: ${b#FAIL }"
pass "${a#PASS }; ${b#PASS }"

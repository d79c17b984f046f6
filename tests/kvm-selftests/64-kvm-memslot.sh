# KVM's memslot_modification_stress_test (a memslot added and deleted
# while vCPUs run), with and without the quirk that zaps every SPTE on a
# deletion, under quiesce and readers of every VM file (tests/lib.sh:
# st_run).
. /lib/ptwalk/lib.sh
st_begin
st_run zap-all memslot_modification_stress_test -b $(st_mib 16) -v 2 -i 200
st_run zap-slot memslot_modification_stress_test -b $(st_mib 16) -v 2 -i 200 -q
st_end

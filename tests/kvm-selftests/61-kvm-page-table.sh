# KVM's kvm_page_table_test (create, update and adjust mappings, dirty
# logging splitting huge pages) on 4K pages, THP (2M leaves) and a 1G
# hugetlb page (1G leaves; not on the debug kernel), under quiesce and
# readers of every VM file (tests/lib.sh: st_run).
. /lib/ptwalk/lib.sh
st_begin
st_run 4k kvm_page_table_test -b $(st_mib 32) -v 2 -s anonymous
st_run thp kvm_page_table_test -b $(st_mib 64) -v 2 -s anonymous_thp
# A 1G page cannot be scaled down, and on the debug kernel its run alone
# takes longer than the scenario's time limit: the other targets run it.
case $(uname -r) in
*-ptwalk-debug) ;;
*) st_run hugetlb-1g kvm_page_table_test -b 1G -v 2 -s anonymous_hugetlb_1gb ;;
esac
st_end

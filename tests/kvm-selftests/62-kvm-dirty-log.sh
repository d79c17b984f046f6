# KVM's dirty_log_perf_test (write-protect, clear the log, split huge
# pages) on 4K and THP memory over two memslots, under quiesce and readers
# of every VM file (tests/lib.sh: st_run).
. /lib/ptwalk/lib.sh
st_begin
st_run 4k dirty_log_perf_test -b $(st_mib 16) -v 2 -i 3
st_run thp dirty_log_perf_test -b $(st_mib 32) -v 2 -i 2 -s anonymous_thp -x 2
st_end

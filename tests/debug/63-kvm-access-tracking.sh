# KVM's access_tracking_perf_test (page_idle: clear_young through the MMU
# notifier) under quiesce and readers of every VM file (tests/lib.sh:
# st_run).  It needs CONFIG_IDLE_PAGE_TRACKING, which Debian's kernels do
# not have and the debug kernel has.
. /lib/ptwalk/lib.sh
st_begin
st_run access access_tracking_perf_test -b $(st_mib 8) -v 2
st_end

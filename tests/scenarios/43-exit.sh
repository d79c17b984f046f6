# A process that exits in the middle of a dump ends it with the documented
# trailer; a pid selected before it exited reads as ESRCH afterwards.
. /lib/ptwalk/lib.sh
sh -c 'sleep 2' &
Q=$!
exec 3<>$D/pid
echo $Q >&3 || fail "select $Q"
dd bs=64 count=1 <&3 > /dev/null 2>&1
sleep 3
tail -n 1 <&3 > /tmp/trailer
exec 3<&-
grep -qx "# target exited; dump incomplete" /tmp/trailer || fail "trailer: $(cat /tmp/trailer)"
exec 3<>$D/pid
out=$( (echo $Q >&3) 2>&1)
case "$out" in *"No such process"*) ;; *) fail "selecting the dead pid: '$out'" ;; esac
exec 3<&-
pass "an exit mid-dump ends with the trailer; the dead pid is ESRCH"

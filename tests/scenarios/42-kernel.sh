# The kernel file shows kernel text r-x and the direct/linear map rw- and
# not executable.
. /lib/ptwalk/lib.sh
cat $D/kernel > /tmp/k || fail "cat kernel"
check_runs_grammar /tmp/k || fail "kernel: bad grammar"
case $(uname -m) in
x86_64) text="High Kernel Mapping"; lin="Low Kernel Mapping" ;;
*) text="vmalloc() area"; lin="Linear Mapping" ;;
esac
awk -v m="$text" '/---\[/ { in_ = index($0, m) > 0; next } in_ && $6 == "r-x" { f = 1 } END { exit !f }' /tmp/k ||
	fail "no r-x mapping under '$text'"
# Executable bytes there are few (x86 keeps its real-mode trampoline so).
awk -v m="$lin" '
function hex(s,  i, c, v) {
	v = 0
	for (i = 3; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(s, i, 1)) - 1
		v = v * 16 + c
	}
	return v
}
/---\[/ { in_ = index($0, m) > 0; next }
in_ && !/^#/ { sz = hex($2) - hex($1); all += sz; if ($6 ~ /x/) x += sz }
END { printf "%s: %d MiB mapped, %d KiB executable\n", m, all / 1048576, x / 1024; exit !(all > 0 && x * 100 < all) }' /tmp/k ||
	fail "'$lin' is not mostly non-executable"
awk -v m="$lin" '/---\[/ { in_ = index($0, m) > 0; next } in_ && $6 == "rw-" { f = 1 } END { exit !f }' /tmp/k ||
	fail "no rw- mapping under '$lin'"
pass "kernel text r-x, $lin rw- and (almost all) not executable"

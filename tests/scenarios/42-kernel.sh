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
# The linear (arm64) or direct (x86) map is there and maps every page of
# System RAM, by /proc/iomem's top-level ranges (arm64 lists its NOMAP
# memory as "reserved" there).  A 52-bit arm64 kernel on a CPU with 48-bit
# VAs once lost this whole region: its marker was outside TTBR1's range.
grep -qxF "# ---[ $lin ]---" /tmp/k || fail "no '$lin' region"
grep -E '^[0-9a-f]+-[0-9a-f]+ : System RAM$' /proc/iomem > /tmp/ram ||
	fail "no System RAM in /proc/iomem"
ram=$(awk -v m="$lin" -v n=0 -v k=0 '
function hex(s,  i, v) {
	v = 0
	sub(/^0x/, "", s)
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}
function bytes(s,  u, v) {
	v = substr(s, 1, length(s) - 1)
	for (u = index("KMGT", substr(s, length(s))); u > 0; u--)
		v *= 1024
	return v
}
FNR == NR { split($1, a, "-"); lo[n] = hex(a[1]); hi[n] = hex(a[2]) + 1; n++; next }
/---\[/ { in_ = $0 == "# ---[ " m " ]---"; next }
in_ && !/^#/ { pa[k] = hex($5); pe[k] = pa[k] + $4 * bytes($3); k++ }
END {
	for (i = 0; i < n; i++) {
		all += hi[i] - lo[i]
		for (j = 0; j < k; j++) {
			s = pa[j] > lo[i] ? pa[j] : lo[i]
			e = pe[j] < hi[i] ? pe[j] : hi[i]
			if (s < e)
				got += e - s
		}
	}
	if (got != all)
		printf "%d KiB of ", (all - got) / 1024
	printf "%d MiB of System RAM\n", all / 1048576
	exit got != all
}' /tmp/ram /tmp/k) || fail "'$lin' does not map $ram"
pass "kernel text r-x, $lin rw- and (almost all) not executable, and maps all $ram"

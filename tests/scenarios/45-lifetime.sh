# Lifetimes: a dump walks the mm it was begun on or ends with the trailer
# (a shared descriptor, an exited opener, an execve() of the selected
# process); a seek far past the end returns; the files' modes.
. /lib/ptwalk/lib.sh
for c in shared exited exec seek modes; do
	out=$(lifetime $c) || fail "$c: ${out#FAIL }"
	echo "$out"
done
pass "shared, exited, exec, seek, modes"

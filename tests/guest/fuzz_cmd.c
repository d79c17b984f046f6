// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_cmd [SECONDS [SEED]]: for SECONDS (default 20), write random
 * commands to /sys/kernel/debug/ptwalk/pid and check every answer against
 * a model of the grammar in Documentation/ptwalk.rst,
 * "[PID] [START [END]] [view=NAME]", one command per write():
 *
 * - write() returns its full count, or -1 with the errno the model
 *   predicts: E2BIG (128 bytes or more), EFAULT (the buffer cannot be
 *   read), EINVAL (unknown view, malformed number, third number, no pid,
 *   a pid that is not a positive decimal int, a kernel thread), ERANGE
 *   (START >= END), ESRCH (no such process); EPERM (no CAP_SYS_PTRACE)
 *   is documented too but never expected here, where we run as root;
 * - after a rejected write, a read gives what the read before it gave:
 *   the same header line (pid, view, range), or the same errno;
 * - after an accepted write, the file reads to its end with no error and
 *   its header names the new pid, view and range; ERANGE only when the
 *   range starts past the process's address space, or ends past it where
 *   that end may not be an address of the format at all.
 *
 * The writes: random bytes (NULs included) of lengths from 0 to far past
 * the limit; commands built of tokens the grammar knows, with live, dead,
 * kernel-thread and malformed pids, numbers of every base and size, and
 * good and bad view names; either kind cut into pieces written one by
 * one, each piece then being a command of its own; and buffers that end
 * in an unreadable page.  Now and then the file is opened afresh, and
 * reads with no pid selected fail with EINVAL.
 *
 * Prints the counts and exits 0, or prints "fuzz_cmd: FAIL ..." with the
 * case and the seed that reproduces it, and exits 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PID_FILE	"/sys/kernel/debug/ptwalk/pid"
#define PAGE		4096UL
/* Documentation/ptwalk.rst: E2BIG for a command of 128 bytes or more. */
#define CMD_MAX		128
#define BIG		(1024 * 1024UL)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define PF_KTHREAD	0x00200000

static const char *const views[] = { "runs", "attr", "raw", "summary" };
#define NVIEWS		4

/* The errnos a write() to the pid file may fail with. */
static const int write_errnos[] = {
	E2BIG, EFAULT, EINVAL, ERANGE, ESRCH, EPERM,
};

static const char *const errno_names[] = {
	"E2BIG", "EFAULT", "EINVAL", "ERANGE", "ESRCH", "EPERM",
};

#define NERRNOS		ARRAY_SIZE(write_errnos)

/**
 * struct sel - A selection, what an accepted command sets.
 * @pid:	The process; 0 before any.
 * @view:	Index in views[].
 * @nrange:	How many numbers the command gave.
 * @start:	START.
 * @end:	END.
 */
struct sel {
	int		pid;
	int		view;
	int		nrange;
	uint64_t	start;
	uint64_t	end;
};

/**
 * struct outcome - What reading the file from its start gives.
 * @err:	0, or the negative errno of the read that failed.
 * @header:	The first line, without its newline.
 */
struct outcome {
	int	err;
	char	header[256];
};

static struct {
	unsigned int	seed;
	uint64_t	rng;
	int		fd;
	struct sel	cur;		/* the model's selection */
	struct outcome	last;		/* the last read */
	char		fmt[64];	/* format name, from the first header */
	uint64_t	top;		/* end of a process's space, likewise */
	pid_t		child, dead, kthread;
	int		pid_max;
	char		*page;		/* a page, then an unreadable one */
	char		*big;
	const char	*what;		/* the kind of case being run */
	unsigned long	writes, accepted, reads, pieces, reopens;
	unsigned long	rejected[NERRNOS];
} g;

static void fail(const char *fmt, ...)
{
	va_list ap;

	printf("fuzz_cmd: FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" (%s case, seed %u, after %lu writes)\n", g.what, g.seed,
	       g.writes);
	if (g.child > 0)
		kill(g.child, SIGKILL);
	exit(1);
}

static uint64_t rnd64(void)
{
	/* xorshift64* */
	g.rng ^= g.rng >> 12;
	g.rng ^= g.rng << 25;
	g.rng ^= g.rng >> 27;
	return g.rng * 0x2545f4914f6cdd1dULL;
}

static unsigned int rnd(unsigned int n)
{
	return rnd64() % n;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* @buf[0..@len) with C escapes, for messages. */
static const char *quote(const char *buf, size_t len)
{
	static char out[CMD_MAX * 4 + 64];
	size_t i, o = 0;

	if (len > CMD_MAX + 8) {
		snprintf(out, sizeof(out), "<%zu bytes>", len);
		return out;
	}
	out[o++] = '"';
	for (i = 0; i < len; i++) {
		unsigned char c = buf[i];

		if (c == '"' || c == '\\')
			o += sprintf(out + o, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			out[o++] = c;
		else
			o += sprintf(out + o, "\\x%02x", c);
	}
	out[o++] = '"';
	out[o] = '\0';
	return out;
}

/* ---- The model ---- */

/*
 * A process's state as /proc sees it: 0 no such task, 1 a kernel thread,
 * 2 a task with user memory; @state gets its state letter.
 */
static int pid_kind(int nr, char *state)
{
	char path[64], buf[1024], *p;
	unsigned int flags;
	int fd, n;

	*state = '?';
	snprintf(path, sizeof(path), "/proc/%d/stat", nr);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 2, "%c %*d %*d %*d %*d %*d %u", state, &flags) != 2)
		fail("cannot parse %s", path);
	return flags & PF_KTHREAD ? 1 : 2;
}

/* The pid in a WORD, as kstrtoint(word, 10) and "> 0" accept it. */
static bool parse_pid(const char *s, int *nr)
{
	long long v = 0;

	if (*s == '+')
		s++;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
		if (v > INT_MAX)
			return false;
	}
	*nr = v;
	return v > 0;
}

/* A number as kstrtou64(s, 0) accepts it. */
static bool parse_u64(const char *s, uint64_t *res)
{
	unsigned int base = 10, n = 0, d;
	bool over = false;
	uint64_t v = 0;

	if (*s == '+')
		s++;
	if (s[0] == '0') {
		base = 8;
		if ((s[1] | 0x20) == 'x' && s[2] &&
		    strchr("0123456789abcdefABCDEF", s[2])) {
			base = 16;
			s += 2;
		}
	}
	for (; *s; s++, n++) {
		unsigned char c = *s, lc = c | 0x20;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (lc >= 'a' && lc <= 'f')
			d = lc - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		if (v > (UINT64_MAX - d) / base)
			over = true;
		v = v * base + d;
	}
	if (over || !n || *s)
		return false;
	*res = v;
	return true;
}

/*
 * What writing @buf[0..@len) does to a file selecting @cur: 0 and the new
 * selection in @next, or a negative errno.  @readable is false for a buffer
 * whose bytes cannot all be read.
 */
static int model_write(const char *buf, size_t len, bool readable,
		       const struct sel *cur, struct sel *next)
{
	char cmd[CMD_MAX], *p, *tok, *word = NULL, state;
	uint64_t range[2];
	int view = cur->view, nrange = 0, nr, i;

	if (len >= CMD_MAX)
		return -E2BIG;
	if (!readable && len)
		return -EFAULT;
	memcpy(cmd, buf, len);
	cmd[len] = '\0';
	p = cmd;
	while ((tok = strsep(&p, " \t\n"))) {
		if (!*tok)
			continue;
		if (!strncmp(tok, "view=", 5)) {
			for (i = 0; i < NVIEWS; i++)
				if (!strcmp(tok + 5, views[i]))
					break;
			if (i == NVIEWS)
				return -EINVAL;
			view = i;
		} else if (!word) {
			word = tok;
		} else if (nrange < 2) {
			if (!parse_u64(tok, &range[nrange++]))
				return -EINVAL;
		} else {
			return -EINVAL;
		}
	}
	if (!word)
		return -EINVAL;
	if (nrange == 2 && range[0] >= range[1])
		return -ERANGE;
	if (!parse_pid(word, &nr))
		return -EINVAL;
	switch (pid_kind(nr, &state)) {
	case 0:
		return -ESRCH;
	case 1:
		return -EINVAL;
	}
	next->pid = nr;
	next->view = view;
	next->nrange = nrange;
	next->start = nrange > 0 ? range[0] : 0;
	next->end = nrange > 1 ? range[1] : 0;
	return 0;
}

/*
 * What reading a file selecting @s should give: 0 and its header in @hdr,
 * a negative errno, or 1 for "the header in @hdr, or -ERANGE".
 */
static int model_read(const struct sel *s, char *hdr, size_t size)
{
	uint64_t lo = s->start, hi = s->end ? s->end : g.top;
	int ret = 0;

	if (!s->pid)
		return -EINVAL;
	if (lo >= g.top)
		return -ERANGE;
	if (hi > g.top) {
		/* Clipped, unless END - 1 is no address of the format. */
		hi = g.top;
		ret = 1;
	}
	snprintf(hdr, size,
		 "# ptwalk pid %d format %s view %s range 0x%016" PRIx64
		 " 0x%016" PRIx64, s->pid, g.fmt, views[s->view], lo, hi);
	return ret;
}

/* ---- The file ---- */

static void read_file(struct outcome *o)
{
	static char buf[65536];
	size_t hlen = 0;
	bool in_header = true;
	ssize_t n;

	g.reads++;
	if (lseek(g.fd, 0, SEEK_SET) != 0)
		fail("lseek: %s", strerror(errno));
	memset(o, 0, sizeof(*o));
	while ((n = read(g.fd, buf, sizeof(buf))) > 0) {
		char *nl;
		size_t take;

		if (!in_header)
			continue;
		nl = memchr(buf, '\n', n);
		take = nl ? (size_t)(nl - buf) : (size_t)n;
		if (take > sizeof(o->header) - 1 - hlen)
			take = sizeof(o->header) - 1 - hlen;
		memcpy(o->header + hlen, buf, take);
		hlen += take;
		in_header = !nl;
	}
	if (n < 0)
		o->err = -errno;
}

static void open_file(void)
{
	if (g.fd >= 0)
		close(g.fd);
	g.fd = open(PID_FILE, O_RDWR);
	if (g.fd < 0)
		fail("open %s: %s", PID_FILE, strerror(errno));
	memset(&g.cur, 0, sizeof(g.cur));
	read_file(&g.last);
	if (g.last.err != -EINVAL)
		fail("read with no pid selected: %s, wanted EINVAL",
		     g.last.err ? strerror(-g.last.err) : g.last.header);
}

/* After an accepted write: the file must read as @s says. */
static void check_read(const struct sel *s, const char *buf, size_t len)
{
	char want[256], state;
	struct outcome o;
	int ret = model_read(s, want, sizeof(want));

	read_file(&o);
	if (o.err == -ESRCH) {
		/* Documented: the process is gone (or has no memory left). */
		if (pid_kind(s->pid, &state) == 2 && state != 'Z')
			fail("after %s: read failed: ESRCH, but pid %d lives",
			     quote(buf, len), s->pid);
		g.last = o;
		return;
	}
	if (o.err && o.err != (ret > 0 ? -ERANGE : ret))
		fail("after %s: read failed: %s, wanted %s", quote(buf, len),
		     strerror(-o.err), ret < 0 ? strerror(-ret) : want);
	if (!o.err && ret < 0)
		fail("after %s: read gave '%s', wanted %s", quote(buf, len),
		     o.header, strerror(-ret));
	if (!o.err && strcmp(o.header, want))
		fail("after %s: header '%s', wanted '%s'", quote(buf, len),
		     o.header, want);
	g.last = o;
}

/* After a rejected write: the file must read as it did before. */
static void check_unchanged(const char *buf, size_t len, int err)
{
	struct outcome o;

	read_file(&o);
	if (o.err != g.last.err || strcmp(o.header, g.last.header))
		fail("%s rejected (%s) but the file changed: '%s' (%s), was '%s' (%s)",
		     quote(buf, len), strerror(-err), o.header,
		     o.err ? strerror(-o.err) : "ok", g.last.header,
		     g.last.err ? strerror(-g.last.err) : "ok");
}

static void count_rejected(int err)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(write_errnos); i++) {
		if (write_errnos[i] == -err) {
			g.rejected[i]++;
			return;
		}
	}
	fail("write failed with %s, which is not in the documented set",
	     strerror(-err));
}

/*
 * One write() of @len bytes at @buf, checked: its return against the
 * model (run before and after it, in case a process came or went), then
 * the file.
 */
static void write_checked(const char *buf, size_t len, bool readable)
{
	struct sel next1 = g.cur, next2 = g.cur;
	int want1, want2, err = 0;
	ssize_t ret;

	want1 = model_write(buf, len, readable, &g.cur, &next1);
	g.writes++;
	ret = write(g.fd, buf, len);
	if (ret < 0)
		err = -errno;
	want2 = model_write(buf, len, readable, &g.cur, &next2);
	if (ret >= 0 && (size_t)ret != len)
		fail("%s: write returned %zd of %zu", quote(buf, len), ret,
		     len);
	if (ret < 0)
		count_rejected(err);
	if (err != want1 && err != want2)
		fail("%s: %s, wanted %s", quote(buf, len),
		     err ? strerror(-err) : "accepted",
		     want1 ? strerror(-want1) : "accepted");
	if (err) {
		check_unchanged(buf, len, err);
		return;
	}
	g.accepted++;
	g.cur = want1 ? next2 : next1;
	check_read(&g.cur, buf, len);
}

/* ---- The commands ---- */

static size_t put(char *buf, size_t len, size_t cap, const char *s)
{
	size_t n = strlen(s);

	if (len + n > cap)
		n = cap - len;
	memcpy(buf + len, s, n);
	return len + n;
}

static const char *sep(void)
{
	static const char *const seps[] = {
		" ", " ", " ", "\t", "\n", "  ", " \t", "\n\n", "\r", "\v",
	};

	return seps[rnd(rnd(4) ? 8 : 10)];
}

static const char *pid_token(void)
{
	static char s[32];

	switch (rnd(16)) {
	case 0:
		return "1";
	case 1:
		snprintf(s, sizeof(s), "%d", getpid());
		break;
	case 2:
		snprintf(s, sizeof(s), "%d", getppid());
		break;
	case 3:
		snprintf(s, sizeof(s), "%d", g.kthread);
		break;
	case 4:
		snprintf(s, sizeof(s), "%d", g.dead);
		break;
	case 5:
		snprintf(s, sizeof(s), "%d", rnd(2) ? g.pid_max + 1 : INT_MAX);
		break;
	case 6: {
		static const char *const bad[] = {
			"0", "-1", "+", "2147483648", "99999999999", "abc",
			"1a", "-0",
		};

		return bad[rnd(8)];
	}
	case 7:
		snprintf(s, sizeof(s), "0x%x", g.child);
		break;
	case 8:
		snprintf(s, sizeof(s), "+%d", g.child);
		break;
	case 9:
		snprintf(s, sizeof(s), "000%d", g.child);
		break;
	default:
		snprintf(s, sizeof(s), "%d", g.child);
		break;
	}
	return s;
}

static uint64_t rnd_addr(void)
{
	switch (rnd(10)) {
	case 0:
		return 0;
	case 1:
		return g.top - PAGE;
	case 2:
		return g.top;
	case 3:
		return g.top + PAGE;
	case 4:
		return 1ULL << 63;
	case 5:
		return UINT64_MAX - rnd(2) * (PAGE - 1);
	case 6:
		return rnd64() >> rnd(64);
	default:
		return (rnd64() % (g.top / PAGE)) * PAGE;
	}
}

static const char *num_token(uint64_t v)
{
	static char s[40];
	const char *plus = rnd(10) ? "" : "+";

	switch (rnd(24)) {
	case 0:
		return "-4096";
	case 1:
		return "18446744073709551616";
	case 2:
		return "0x10000000000000000";
	case 3:
		return "0x";
	case 4:
		return "08";
	case 5:
		snprintf(s, sizeof(s), "0x%" PRIx64 "g", v);
		return s;
	case 6:
	case 7:
		snprintf(s, sizeof(s), "%s%" PRIu64, plus, v);
		return s;
	case 8:
		snprintf(s, sizeof(s), "%s0X%" PRIX64, plus, v);
		return s;
	case 9:
		snprintf(s, sizeof(s), "%s0%" PRIo64, plus, v);
		return s;
	default:
		snprintf(s, sizeof(s), "%s0x%" PRIx64, plus, v);
		return s;
	}
}

static const char *view_token(void)
{
	static const char *const bad[] = {
		"view=", "view=RAW", "view=run", "view=bogus", "View=raw",
		"view=raw,attr",
	};
	static char s[32];

	if (rnd(6))
		snprintf(s, sizeof(s), "view=%s", views[rnd(NVIEWS)]);
	else
		snprintf(s, sizeof(s), "%s", bad[rnd(6)]);
	return s;
}

/*
 * A command from the grammar's tokens: mostly a pid first, up to three
 * numbers (mostly two at most, mostly increasing), views anywhere; now
 * and then padded with spaces to just under or at the limit.  Returns its
 * length.
 */
static size_t gen_tokens(char *buf, size_t cap)
{
	int nnum = rnd(8) ? rnd(3) : 3, nview = rnd(3) ? rnd(2) : 2;
	int ntok, i, n = 0, v = 0, at[2];
	uint64_t num[3];
	bool has_pid = rnd(12);
	size_t len = 0;

	for (i = 0; i < nnum; i++)
		num[i] = rnd_addr();
	if (nnum >= 2 && rnd(4) && num[0] > num[1]) {
		uint64_t t = num[0];

		num[0] = num[1];
		num[1] = t;
	}
	ntok = has_pid + nnum;
	for (i = 0; i < nview; i++)
		at[i] = rnd(ntok + 1);
	if (rnd(4) == 0)
		len = put(buf, len, cap, sep());
	for (i = 0; i <= ntok; i++) {
		for (v = 0; v < nview; v++) {
			if (at[v] == i) {
				len = put(buf, len, cap, view_token());
				len = put(buf, len, cap, sep());
			}
		}
		if (i == ntok)
			break;
		if (has_pid && i == 0)
			len = put(buf, len, cap, pid_token());
		else
			len = put(buf, len, cap, num_token(num[n++]));
		if (i + 1 < ntok || rnd(3) == 0)
			len = put(buf, len, cap, sep());
	}
	if (rnd(8) == 0) {
		size_t want = CMD_MAX - 1 + rnd(2);

		while (len < want && len < cap)
			buf[len++] = rnd(2) ? ' ' : '\n';
	}
	return len;
}

/* Random bytes, all of them or from the grammar's alphabet. */
static size_t gen_bytes(char *buf, size_t cap)
{
	static const char alpha[] = "0123456789abcdefxX+- \t\nview=rawsumy";
	size_t len, i;
	bool any = rnd(2);

	switch (rnd(10)) {
	case 0:
	case 1:
	case 2:
	case 3:
		len = rnd(41);
		break;
	case 4:
	case 5:
	case 6:
		len = rnd(CMD_MAX);
		break;
	case 7:
		len = CMD_MAX - 1 + rnd(3);
		break;
	case 8:
		len = CMD_MAX + rnd(1024);
		break;
	default:
		len = rnd(2) ? 4096 : rnd(2) ? 65536 : BIG;
		break;
	}
	if (len > cap)
		len = cap;
	for (i = 0; i < len; i++)
		buf[i] = any ? rnd(256) : alpha[rnd(sizeof(alpha) - 1)];
	return len;
}

/* A command cut into 2 to 4 pieces (some maybe empty), written in turn. */
static void case_split(void)
{
	size_t len, cut[5], i, j;
	char buf[CMD_MAX * 2];
	int n = 2 + rnd(3);

	len = rnd(5) ? gen_tokens(buf, sizeof(buf)) :
		       gen_bytes(buf, sizeof(buf));
	cut[0] = 0;
	cut[n] = len;
	for (i = 1; i < (size_t)n; i++)
		cut[i] = len ? rnd(len + 1) : 0;
	/* Sort the inner cuts. */
	for (i = 1; i < (size_t)n; i++)
		for (j = i + 1; j < (size_t)n; j++)
			if (cut[j] < cut[i]) {
				size_t t = cut[i];

				cut[i] = cut[j];
				cut[j] = t;
			}
	for (i = 0; i < (size_t)n; i++) {
		g.pieces++;
		write_checked(buf + cut[i], cut[i + 1] - cut[i], true);
	}
}

/*
 * A command whose last bytes, or all of them, lie in an unreadable page:
 * EFAULT, even when the readable part is a good command.
 */
static void case_fault(void)
{
	size_t good, extra;
	char cmd[CMD_MAX * 2];

	good = rnd(2) ? gen_tokens(cmd, sizeof(cmd)) : 0;
	if (good > PAGE)
		good = PAGE;
	switch (rnd(4)) {
	case 0:
		extra = 0;
		break;
	case 1:
		extra = 1;
		break;
	case 2:
		extra = 1 + rnd(CMD_MAX);
		break;
	default:
		extra = 4096;
		break;
	}
	memcpy(g.page + PAGE - good, cmd, good);
	write_checked(g.page + PAGE - good, good + extra, !extra);
}

/* ---- Setup ---- */

static void spawn(void)
{
	char state;
	FILE *f;

	/* The target: a process that waits, with its pages touched. */
	g.child = fork();
	if (g.child < 0)
		fail("fork: %s", strerror(errno));
	if (!g.child) {
		for (;;)
			pause();
	}
	/* A pid no process has: one that exited and was reaped. */
	g.dead = fork();
	if (g.dead < 0)
		fail("fork: %s", strerror(errno));
	if (!g.dead)
		_exit(0);
	waitpid(g.dead, NULL, 0);
	if (pid_kind(g.dead, &state))
		fail("pid %d still there after its exit", g.dead);
	/* kthreadd. */
	g.kthread = 2;
	if (pid_kind(g.kthread, &state) != 1)
		fail("pid 2 is not a kernel thread");
	f = fopen("/proc/sys/kernel/pid_max", "r");
	if (!f || fscanf(f, "%d", &g.pid_max) != 1)
		fail("cannot read pid_max");
	fclose(f);
}

/*
 * Select the target and learn, from the header of its dump, the format
 * and where a process's address space ends.
 */
static void first_selection(void)
{
	char cmd[32], view[16];
	uint64_t lo, hi;
	int pid, n;

	n = snprintf(cmd, sizeof(cmd), "%d\n", g.child);
	if (write(g.fd, cmd, n) != n)
		fail("select %d: %s", g.child, strerror(errno));
	read_file(&g.last);
	if (g.last.err)
		fail("read pid %d: %s", g.child, strerror(-g.last.err));
	if (sscanf(g.last.header,
		   "# ptwalk pid %d format %63s view %15s range 0x%" SCNx64
		   " 0x%" SCNx64, &pid, g.fmt, view, &lo, &hi) != 5 ||
	    pid != g.child || strcmp(view, "runs") || lo || !hi)
		fail("first header: '%s'", g.last.header);
	g.top = hi;
	g.cur = (struct sel){ .pid = g.child };
	printf("fuzz_cmd: %s\n", g.last.header);
}

/* Cases with a known answer, run first. */
static void fixed_cases(void)
{
	static char cmd[CMD_MAX * 2];
	int i;

	g.what = "fixed";
	/* Split "PID START END": the tail alone is a command of its own. */
	snprintf(cmd, sizeof(cmd), "%d 0x1000", g.child);
	write_checked(cmd, strlen(cmd), true);
	write_checked(" 0x2000", 7, true);
	if (g.cur.nrange != 1 || g.cur.start != 0x1000)
		fail("a second write added to the first");
	/* 127 bytes pass, 128 do not, whatever they hold. */
	memset(cmd, ' ', sizeof(cmd));
	i = snprintf(cmd, sizeof(cmd), "%d view=raw", g.child);
	cmd[i] = ' ';
	write_checked(cmd, CMD_MAX - 1, true);
	if (g.cur.view != 2)
		fail("127 bytes: not selected");
	snprintf(cmd, sizeof(cmd), "%d view=attr", g.child);
	cmd[strlen(cmd)] = ' ';
	write_checked(cmd, CMD_MAX, true);
	/* What follows a NUL is never read. */
	write_checked("1\0garbage", 9, true);
	for (i = 0; i < NVIEWS; i++) {
		snprintf(cmd, sizeof(cmd), "%d view=%s 0x0 0x%" PRIx64,
			 g.child, views[i], g.top);
		write_checked(cmd, strlen(cmd), true);
	}
	snprintf(cmd, sizeof(cmd), "%d 0x2000 0x1000", g.child);
	write_checked(cmd, strlen(cmd), true);
	snprintf(cmd, sizeof(cmd), "%d 0x1000 0x1000", g.child);
	write_checked(cmd, strlen(cmd), true);
	write_checked("", 0, true);
	write_checked("view=raw", 8, true);
	snprintf(cmd, sizeof(cmd), "%d", g.child);
	write_checked(cmd, strlen(cmd), true);
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 20, t0;
	unsigned long i;
	char *buf;

	setvbuf(stdout, NULL, _IOLBF, 0);
	g.seed = argc > 2 ? strtoul(argv[2], NULL, 0) : time(NULL) ^ getpid();
	g.rng = g.seed * 0x9e3779b97f4a7c15ULL + 1;
	g.fd = -1;
	g.what = "setup";
	g.page = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	buf = malloc(BIG);
	if (g.page == MAP_FAILED || !buf ||
	    mprotect(g.page + PAGE, PAGE, PROT_NONE))
		fail("memory: %s", strerror(errno));
	spawn();
	open_file();
	first_selection();
	fixed_cases();

	t0 = now();
	while (now() - t0 < secs) {
		switch (rnd(20)) {
		case 0:
			g.what = "reopen";
			g.reopens++;
			open_file();
			break;
		case 1:
		case 2:
		case 3:
			g.what = "split";
			case_split();
			break;
		case 4:
		case 5:
			g.what = "fault";
			case_fault();
			break;
		case 6:
		case 7:
		case 8:
		case 9:
		case 10:
			g.what = "bytes";
			write_checked(buf, gen_bytes(buf, BIG), true);
			break;
		default:
			g.what = "tokens";
			write_checked(buf, gen_tokens(buf, CMD_MAX * 2), true);
			break;
		}
	}
	kill(g.child, SIGKILL);
	waitpid(g.child, NULL, 0);
	printf("fuzz_cmd: seed %u, %.0f s: %lu writes", g.seed, now() - t0,
	       g.writes);
	printf(" (%lu as pieces of split commands), %lu accepted; rejected:",
	       g.pieces, g.accepted);
	for (i = 0; i < NERRNOS; i++)
		printf(" %s %lu", errno_names[i], g.rejected[i]);
	printf("; %lu reads, %lu reopens\n", g.reads, g.reopens);
	return 0;
}

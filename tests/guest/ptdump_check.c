// SPDX-License-Identifier: GPL-2.0
/*
 * ptdump_check: compare ptwalk's dump with the kernel's own ptdump
 * (CONFIG_PTDUMP_DEBUGFS, x86), mapping by mapping.
 *
 *   ptdump_check kernel   ptwalk/attr/kernel against page_tables/kernel,
 *                         over the kernel half
 *   ptdump_check user     ptwalk/attr/current against
 *                         page_tables/current_user (PTI), over the user half
 *
 * Both are read by this one process, ptwalk's twice (before and after the
 * kernel's), into memory touched beforehand, so this process's own
 * mappings do not change between the reads.  Each dump becomes a list of
 * present intervals with the attributes both print: writable, executable,
 * user, global.  ptwalk's repeat lines ("N more PDEs point to the table
 * ... above") are expanded into copies of the entry before them.  Where
 * ptwalk's two reads agree and the kernel's differs, that is a
 * difference; where ptwalk's two reads disagree, the mapping changed
 * during the check and the stretch is not compared.
 *
 * Prints every difference ("DIFF start end ptwalk=... ptdump=...") and
 * "PASS ..." or "FAIL ..."; exits 0 or 1.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUF_SIZE	(16UL << 20)
#define MAX_IV		(1UL << 19)

#define AT_W	1u
#define AT_X	2u
#define AT_U	4u
#define AT_G	8u
#define AT_NONE	0x100u	/* not present */

struct iv {
	uint64_t	first, last;	/* inclusive */
	unsigned int	attr;
};

struct ivs {
	struct iv	*v;
	size_t		n;
};

static char bufs[3][BUF_SIZE];
static struct iv ivmem[3][MAX_IV];
/* Where the kernel's ptdump only counted lines ("... N entries skipped"). */
static struct iv unkmem[256];
static struct ivs unknown = { unkmem, 0 };

static void die(const char *msg)
{
	printf("FAIL %s\n", msg);
	exit(1);
}

static size_t slurp(const char *path, char *buf)
{
	size_t len = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		printf("FAIL cannot open %s\n", path);
		exit(1);
	}
	while ((r = read(fd, buf + len, BUF_SIZE - 1 - len)) > 0)
		len += r;
	close(fd);
	if (r < 0 || len >= BUF_SIZE - 1) {
		printf("FAIL cannot read all of %s\n", path);
		exit(1);
	}
	buf[len] = '\0';
	return len;
}

/* Append [first, last] with @attr, merging with an equal neighbour. */
static void add(struct ivs *s, uint64_t first, uint64_t last, unsigned int attr)
{
	struct iv *p = s->n ? &s->v[s->n - 1] : NULL;

	if (p && p->attr == attr && p->last + 1 == first && p->last != UINT64_MAX) {
		p->last = last;
		return;
	}
	if (s->n == MAX_IV)
		die("too many intervals");
	s->v[s->n++] = (struct iv){ first, last, attr };
}

/* Copy what [from, from + size) holds, @n times, from from + size on. */
static void repeat(struct ivs *s, uint64_t from, uint64_t size, uint64_t n)
{
	size_t i, j = s->n, end = s->n;
	uint64_t k;

	/* The intervals that cover the source are the last ones so far. */
	while (j > 0 && s->v[j - 1].last >= from)
		j--;
	for (k = 1; k <= n; k++) {
		for (i = j; i < end; i++) {
			struct iv c = s->v[i];

			if (c.last < from || c.first >= from + size)
				continue;
			if (c.first < from)
				c.first = from;
			if (c.last > from + size - 1)
				c.last = from + size - 1;
			add(s, c.first + k * size, c.last + k * size, c.attr);
		}
	}
}

static int has(const char *line, const char *tok)
{
	size_t l = strlen(tok);
	const char *p = line;

	while ((p = strstr(p, tok))) {
		if ((p == line || p[-1] == ' ') && (p[l] == ' ' || p[l] == '\0'))
			return 1;
		p += l;
	}
	return 0;
}

/* ptwalk's attributes view, repeats expanded; only [lo, hi] is kept. */
static void parse_ptwalk(char *buf, struct ivs *s)
{
	char *line, *save;

	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long long a, b, n;
		char perm[8], name[16];
		unsigned int attr = 0;

		if (sscanf(line, "# %llx %llx: %llu more %15s", &a, &b, &n, name) == 4) {
			uint64_t size = (b - a) / n;

			repeat(s, a - size, size, n);
			continue;
		}
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%llx %llx %*s %7s", &a, &b, perm) != 3) {
			printf("FAIL unparsed ptwalk line: %s\n", line);
			exit(1);
		}
		if (!strcmp(perm, "---"))	/* a bad entry: maps nothing */
			continue;
		attr |= perm[1] == 'w' ? AT_W : 0;
		attr |= perm[2] == 'x' ? AT_X : 0;
		attr |= has(line, "U") ? AT_U : 0;
		attr |= has(line, "G") ? AT_G : 0;
		add(s, a, b - 1, attr);
	}
}

/*
 * The kernel's ptdump: "0xS-0xE size flags level", markers, and, for
 * regions with a line limit (x86's ESPfix area), "... N entries skipped
 * ..." before the next marker: what lies between the last line printed
 * and the next one is unknown.
 */
static void parse_ptdump(char *buf, struct ivs *s)
{
	unsigned long long last_end = 0;
	char *line, *save;
	int skipped = 0;

	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long long a, b;
		unsigned int attr = 0;

		if (strstr(line, " skipped ...")) {
			skipped = 1;
			continue;
		}
		if (strncmp(line, "0x", 2))
			continue;
		if (sscanf(line, "%llx-%llx", &a, &b) != 2) {
			printf("FAIL unparsed ptdump line: %s\n", line);
			exit(1);
		}
		if (skipped && a > last_end)
			add(&unknown, last_end, a - 1, 0);
		skipped = 0;
		last_end = b;
		if (!has(line, "RW") && !has(line, "ro"))
			continue;	/* not present */
		attr |= has(line, "RW") ? AT_W : 0;
		attr |= has(line, "NX") ? 0 : AT_X;
		attr |= has(line, "USR") ? AT_U : 0;
		attr |= has(line, "GLB") ? AT_G : 0;
		add(s, a, b - 1, attr);
	}
}

/* Attributes of @addr in @s (sorted), from index *@i on. */
static unsigned int attr_at(const struct ivs *s, size_t *i, uint64_t addr,
			    uint64_t *next)
{
	while (*i < s->n && s->v[*i].last < addr)
		(*i)++;
	if (*i < s->n && s->v[*i].first <= addr) {
		if (s->v[*i].last < *next)
			*next = s->v[*i].last;
		return s->v[*i].attr;
	}
	if (*i < s->n && s->v[*i].first - 1 < *next)
		*next = s->v[*i].first - 1;
	return AT_NONE;
}

static const char *attr_name(unsigned int a, char *buf)
{
	if (a == AT_NONE)
		return "none";
	sprintf(buf, "r%c%c%s%s", a & AT_W ? 'w' : '-', a & AT_X ? 'x' : '-',
		a & AT_U ? ",U" : "", a & AT_G ? ",G" : "");
	return buf;
}

int main(int argc, char **argv)
{
	const char *ours, *theirs;
	struct ivs s[3];
	uint64_t lo, hi, addr, diffs = 0, unstable = 0, compared = 0, skipped = 0;
	size_t i[3] = { 0, 0, 0 };
	int k, user;

	if (argc != 2 || (strcmp(argv[1], "kernel") && strcmp(argv[1], "user")))
		die("usage: ptdump_check kernel|user");
	user = !strcmp(argv[1], "user");
	ours = user ? "/sys/kernel/debug/ptwalk/attr/current" :
		      "/sys/kernel/debug/ptwalk/attr/kernel";
	theirs = user ? "/sys/kernel/debug/page_tables/current_user" :
			"/sys/kernel/debug/page_tables/kernel";
	if (access(theirs, R_OK))
		die("no kernel ptdump file (CONFIG_PTDUMP_DEBUGFS, and PTI for current_user)");
	/* Touch everything now, so that the reads map nothing new. */
	memset(bufs, 0, sizeof(bufs));
	memset(ivmem, 0, sizeof(ivmem));
	for (k = 0; k < 3; k++)
		s[k] = (struct ivs){ ivmem[k], 0 };

	slurp(ours, bufs[0]);
	slurp(theirs, bufs[1]);
	slurp(ours, bufs[2]);
	parse_ptwalk(bufs[0], &s[0]);
	parse_ptdump(bufs[1], &s[1]);
	parse_ptwalk(bufs[2], &s[2]);

	/* The half each side covers in full (x86: bit 47 or 56 splits it). */
	{
		FILE *f = fopen(ours, "r");
		unsigned long long a, b;
		char head[256];

		if (!f || !fgets(head, sizeof(head), f) ||
		    !strstr(head, " range ") ||
		    sscanf(strstr(head, " range "), " range %llx %llx", &a, &b) != 2)
			die("cannot read ptwalk's header");
		fclose(f);
		lo = a;
		hi = b - 1;
	}

	addr = lo;
	for (;;) {
		uint64_t next = hi;
		unsigned int a0 = attr_at(&s[0], &i[0], addr, &next);
		unsigned int a1 = attr_at(&s[1], &i[1], addr, &next);
		unsigned int a2 = attr_at(&s[2], &i[2], addr, &next);
		char n0[16], n1[16];
		size_t iu = 0;
		uint64_t unext = next;

		unsigned int au = attr_at(&unknown, &iu, addr, &unext);

		if (unext < next)
			next = unext;
		if (au != AT_NONE) {
			/* The kernel's ptdump did not print this: not compared. */
			skipped += next - addr + 1;
		} else if (a0 != a2) {
			unstable += next - addr + 1;
		} else if (a0 != a1) {
			if (diffs < 64)
				printf("DIFF 0x%016llx 0x%016llx ptwalk=%s ptdump=%s\n",
				       (unsigned long long)addr,
				       (unsigned long long)next + 1,
				       attr_name(a0, n0), attr_name(a1, n1));
			diffs++;
		} else if (a0 != AT_NONE) {
			compared += next - addr + 1;
		}
		if (next >= hi)
			break;
		addr = next + 1;
	}
	printf("%s: %zu and %zu ptwalk intervals, %zu ptdump intervals; %llu bytes mapped alike, %llu bytes changed during the check, %llu bytes not printed by ptdump\n",
	       argv[1], s[0].n, s[2].n, s[1].n, (unsigned long long)compared,
	       (unsigned long long)unstable, (unsigned long long)skipped);
	if (diffs) {
		printf("FAIL %s: %llu stretches differ from the kernel's ptdump\n",
		       argv[1], (unsigned long long)diffs);
		return 1;
	}
	if (!compared)
		die("nothing compared");
	printf("PASS %s: every mapping as the kernel's ptdump shows it\n", argv[1]);
	return 0;
}

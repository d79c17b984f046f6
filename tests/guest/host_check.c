// SPDX-License-Identifier: GPL-2.0
/*
 * host_check: map memory with known properties, read this process's own
 * tables through ptwalk, and compare with independent truth.
 *
 *   host_check pagemap    every present page's PA equals pagemap's PFN
 *   host_check thp        2M leaves, as many as smaps' AnonHugePages
 *   host_check hugetlb    hugetlbfs 2M and 1G pages show as such leaves
 *   host_check perms      PROT_READ r--, PROT_READ|PROT_EXEC r-x, PROT_NONE absent
 *   host_check cow        after fork both sides share the page read-only;
 *                         after the child writes, they differ
 *   host_check accessed   clear_refs clears A; dumping leaves A and D alone
 *
 * Prints "PASS ..." or "FAIL reason"; exits 0 or 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/mman.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

#define MB	(1UL << 20)
#define DIR	"/sys/kernel/debug/ptwalk"

struct row {
	unsigned long long start, end, pages, pa;
	unsigned long long pgsize;
	char perm[4];
	char flags[160];
};

struct dump {
	struct row *rows;
	int n;
};

static unsigned long long parse_size(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	switch (*end) {
	case 'K': return v << 10;
	case 'M': return v << 20;
	case 'G': return v << 30;
	case 'T': return v << 40;
	default: fail("bad page size '%s'", s);
	}
	return 0;
}

/*
 * Read a runs view.  @pid 0 reads "current"; otherwise the pid file, with
 * the pid written to the same descriptor first.
 */
static void load(struct dump *d, pid_t pid)
{
	char line[512], cmd[32];
	int cap = 256, fd;
	FILE *f;

	if (pid) {
		fd = open(DIR "/pid", O_RDWR);
		if (fd < 0)
			fail("open pid: %s", strerror(errno));
		snprintf(cmd, sizeof(cmd), "%d\n", pid);
		if (write(fd, cmd, strlen(cmd)) != (ssize_t)strlen(cmd))
			fail("select pid %d: %s", pid, strerror(errno));
	} else {
		fd = open(DIR "/current", O_RDONLY);
		if (fd < 0)
			fail("open current: %s", strerror(errno));
	}
	f = fdopen(fd, "r");
	d->n = 0;
	d->rows = realloc(NULL, cap * sizeof(*d->rows));
	while (fgets(line, sizeof(line), f)) {
		struct row *r;
		char size[16];
		int used;

		if (line[0] == '#')
			continue;
		if (d->n == cap)
			d->rows = realloc(d->rows, (cap *= 2) * sizeof(*d->rows));
		r = &d->rows[d->n++];
		if (sscanf(line, "%llx %llx %15s %llu %llx %3s%n", &r->start, &r->end,
			   size, &r->pages, &r->pa, r->perm, &used) != 6)
			fail("malformed line: %s", line);
		r->pgsize = parse_size(size);
		if (r->end - r->start != r->pages * r->pgsize)
			fail("end - start != pages * pgsize: %s", line);
		snprintf(r->flags, sizeof(r->flags), "%s ", line + used);
		r->flags[strcspn(r->flags, "\n")] = ' ';
	}
	if (ferror(f))
		fail("read dump: %s", strerror(errno));
	fclose(f);
}

static const struct row *find(const struct dump *d, unsigned long va)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (va >= d->rows[i].start && va < d->rows[i].end)
			return &d->rows[i];
	return NULL;
}

static int has_flag(const struct row *r, const char *flag)
{
	char pat[16];

	snprintf(pat, sizeof(pat), " %s ", flag);
	return strstr(r->flags, pat) != NULL;
}

static uint64_t pfn_of(unsigned long va)
{
	static int pm = -1;
	uint64_t e;

	if (pm < 0)
		pm = open("/proc/self/pagemap", O_RDONLY);
	if (pm < 0 || pread(pm, &e, 8, (va / PAGE) * 8) != 8)
		fail("pagemap: %s", strerror(errno));
	return e & (1ULL << 63) ? e & ((1ULL << 55) - 1) : 0;
}

static void *map(unsigned long size, int flags, unsigned long align)
{
	uint8_t *p = mmap(NULL, size + align, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);

	if (p == MAP_FAILED)
		fail("mmap %lu: %s", size, strerror(errno));
	if (align)
		p = (uint8_t *)(((unsigned long)p + align - 1) & ~(align - 1));
	return p;
}

static void touch(volatile uint8_t *p, unsigned long size)
{
	unsigned long off;

	for (off = 0; off < size; off += PAGE)
		p[off] = 1;
}

/* Every present page of [p, p + size) must be mapped where pagemap says. */
static unsigned long check_pa(const struct dump *d, uint8_t *p,
			      unsigned long size, const char *perm)
{
	unsigned long off, n = 0;

	for (off = 0; off < size; off += PAGE) {
		unsigned long va = (unsigned long)p + off;
		const struct row *r = find(d, va);
		uint64_t pfn = pfn_of(va);

		if (!pfn)
			continue;
		if (!r)
			fail("va 0x%lx: present in pagemap (pfn 0x%" PRIx64 "), not in the dump",
			     va, pfn);
		if ((r->pa + (va - r->start)) / PAGE != pfn)
			fail("va 0x%lx: dump pa 0x%llx, pagemap pfn 0x%" PRIx64, va,
			     r->pa + (va - r->start), pfn);
		if (perm && strcmp(r->perm, perm))
			fail("va 0x%lx: perm %s, expected %s", va, r->perm, perm);
		if (!has_flag(r, "U"))
			fail("va 0x%lx: user page without U", va);
		n++;
	}
	return n;
}

static int test_pagemap(void)
{
	unsigned long size = 8 * MB, n;
	uint8_t *p = map(size, 0, 0), *q = map(MB, 0, 0);
	struct dump d;
	int i;

	madvise(p, size, MADV_NOHUGEPAGE);
	touch(p, size);
	load(&d, 0);
	n = check_pa(&d, p, size, "rw-");
	if (n != size / PAGE)
		fail("%lu of %lu pages present", n, size / PAGE);
	for (i = 0; i < d.n; i++)
		if (d.rows[i].end > (unsigned long)q &&
		    d.rows[i].start < (unsigned long)q + MB)
			fail("untouched memory has a mapping at 0x%llx", d.rows[i].start);
	printf("PASS %lu pages at the PAs pagemap reports, untouched memory absent\n", n);
	return 0;
}

static unsigned long anon_huge_kb(void *addr)
{
	char line[256];
	unsigned long start, end, kb = 0;
	int in = 0;
	FILE *f = fopen("/proc/self/smaps", "r");

	if (!f)
		fail("smaps: %s", strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &start, &end) == 2 && strchr(line, '-') < strchr(line, ' '))
			in = (unsigned long)addr >= start && (unsigned long)addr < end;
		else if (in && sscanf(line, "AnonHugePages: %lu kB", &kb) == 1)
			break;
	}
	fclose(f);
	return kb;
}

static int test_thp(void)
{
	unsigned long size = 16 * MB, n2m = 0, kb;
	uint8_t *p = map(size, 0, 2 * MB);
	struct dump d;
	int i;

	if (madvise(p, size, MADV_HUGEPAGE))
		fail("MADV_HUGEPAGE: %s", strerror(errno));
	touch(p, size);
	load(&d, 0);
	check_pa(&d, p, size, "rw-");
	for (i = 0; i < d.n; i++) {
		const struct row *r = &d.rows[i];

		if (r->end <= (unsigned long)p || r->start >= (unsigned long)p + size)
			continue;
		if (r->pgsize == 2 * MB)
			n2m += r->pages;
	}
	kb = anon_huge_kb(p);
	if (n2m * 2048 != kb)
		fail("2M leaves %lu, smaps AnonHugePages %lu kB", n2m, kb);
	if (!n2m)
		fail("no 2M leaves (THP unavailable?)");
	printf("PASS %lu 2M leaves = AnonHugePages %lu kB\n", n2m, kb);
	return 0;
}

static int test_hugetlb(void)
{
	static const struct { unsigned long size; int flag; const char *name; } h[] = {
		{ 2 * MB, MAP_HUGE_2MB, "2M" },
		{ 1024 * MB, MAP_HUGE_1GB, "1G" },
	};
	struct dump d;
	int i;

	for (i = 0; i < 2; i++) {
		uint8_t *p = mmap(NULL, h[i].size, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | h[i].flag,
				  -1, 0);
		const struct row *r;

		if (p == MAP_FAILED)
			fail("hugetlb %s: %s (reserve with hugepagesz= hugepages=)",
			     h[i].name, strerror(errno));
		p[0] = 1;
		load(&d, 0);
		r = find(&d, (unsigned long)p);
		if (!r || r->pgsize != h[i].size || r->start != (unsigned long)p)
			fail("hugetlb %s page at %p: %s", h[i].name, p,
			     r ? "wrong leaf size" : "not mapped");
		if (pfn_of((unsigned long)p) != r->pa / PAGE)
			fail("hugetlb %s: pa differs from pagemap", h[i].name);
	}
	printf("PASS hugetlb 2M and 1G pages are 2M and 1G leaves\n");
	return 0;
}

static int test_perms(void)
{
	unsigned long size = 4 * PAGE;
	uint8_t *p = map(3 * size, 0, 0);
	const struct row *r;
	struct dump d;
	int i;

	madvise(p, 3 * size, MADV_NOHUGEPAGE);
	touch(p, 3 * size);
	if (mprotect(p, size, PROT_READ) ||
	    mprotect(p + size, size, PROT_READ | PROT_EXEC) ||
	    mprotect(p + 2 * size, size, PROT_NONE))
		fail("mprotect: %s", strerror(errno));
	load(&d, 0);
	for (i = 0; i < 4; i++) {
		r = find(&d, (unsigned long)p + i * PAGE);
		if (!r || strcmp(r->perm, "r--"))
			fail("PROT_READ page %d: %s", i, r ? r->perm : "absent");
		r = find(&d, (unsigned long)p + size + i * PAGE);
		if (!r || strcmp(r->perm, "r-x"))
			fail("PROT_READ|PROT_EXEC page %d: %s", i, r ? r->perm : "absent");
		r = find(&d, (unsigned long)p + 2 * size + i * PAGE);
		if (r)
			fail("PROT_NONE page %d shows as %s", i, r->perm);
	}
	printf("PASS PROT_READ r--, PROT_READ|PROT_EXEC r-x, PROT_NONE not present\n");
	return 0;
}

static int test_cow(void)
{
	uint8_t *p = map(PAGE, 0, 0);
	int go[2], done[2];
	const struct row *pr, *cr;
	unsigned long long ppa;
	struct dump dp, dc;
	pid_t child;
	char c;

	p[0] = 1;
	if (pipe(go) || pipe(done))
		fail("pipe");
	child = fork();
	if (child < 0)
		fail("fork: %s", strerror(errno));
	if (!child) {
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		p[0] = 2;
		if (write(done[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	load(&dp, 0);
	load(&dc, child);
	pr = find(&dp, (unsigned long)p);
	cr = find(&dc, (unsigned long)p);
	if (!pr || !cr)
		fail("shared page missing: parent %p child %p", pr, cr);
	if (strcmp(pr->perm, "r--") || strcmp(cr->perm, "r--"))
		fail("after fork: parent %s, child %s; expected r-- both", pr->perm, cr->perm);
	if (pr->pa != cr->pa)
		fail("after fork: parent pa 0x%llx, child 0x%llx", pr->pa, cr->pa);
	ppa = pr->pa;
	if (write(go[1], "x", 1) != 1 || read(done[0], &c, 1) != 1)
		fail("child handshake");
	load(&dc, child);
	cr = find(&dc, (unsigned long)p);
	if (!cr || cr->pa == ppa || strcmp(cr->perm, "rw-"))
		fail("after the child's write: child %s at 0x%llx, parent at 0x%llx",
		     cr ? cr->perm : "absent", cr ? cr->pa : 0, ppa);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	printf("PASS fork shares the page r-- at one PA; a write separates them\n");
	return 0;
}

/* The rows of [p, p + size) as text, to compare two dumps. */
static void region_text(const struct dump *d, uint8_t *p, unsigned long size,
			char *buf, size_t len)
{
	int i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < d->n; i++) {
		const struct row *r = &d->rows[i];

		if (r->end <= (unsigned long)p || r->start >= (unsigned long)p + size)
			continue;
		n += snprintf(buf + n, len - n, "%llx %llx %llx %s %s\n", r->start,
			      r->end, r->pa, r->perm, r->flags);
		if ((size_t)n >= len)
			fail("region text overflow");
	}
}

static int test_accessed(void)
{
	unsigned long size = 16 * PAGE, off;
	uint8_t *p = map(size, 0, 0), *ro = map(8 * PAGE, 0, 0);
	static char t1[1 << 16], t2[1 << 16];
	volatile uint8_t sink;
	const struct row *r;
	struct dump d1, d2;
	int fd;

	madvise(p, size, MADV_NOHUGEPAGE);
	touch(p, size);
	for (off = 0; off < 8 * PAGE; off += PAGE)
		sink = ro[off];
	(void)sink;
	fd = open("/proc/self/clear_refs", O_WRONLY);
	if (fd < 0 || write(fd, "1", 1) != 1)
		fail("clear_refs: %s", strerror(errno));
	close(fd);

	load(&d1, 0);
	load(&d2, 0);
	region_text(&d1, p, size, t1, sizeof(t1));
	region_text(&d2, p, size, t2, sizeof(t2));
	if (strcmp(t1, t2))
		fail("two dumps differ:\n%s---\n%s", t1, t2);
	for (off = 0; off < size; off += PAGE) {
		r = find(&d2, (unsigned long)p + off);
		if (!r || has_flag(r, "A"))
			fail("after clear_refs page %lu: %s", off / PAGE, r ? "A set" : "absent");
	}
	/* Pages only read: no D before or after the dumps. */
	for (off = 0; off < 8 * PAGE; off += PAGE) {
		r = find(&d2, (unsigned long)ro + off);
		if (r && has_flag(r, "D"))
			fail("read-only-touched page %lu shows D", off / PAGE);
	}

	/*
	 * clear_refs does not flush the TLB, and a CPU sets A only when it
	 * walks the tables: flush by changing the protection back and forth
	 * (which keeps A as it is), then touch page 5.
	 */
	if (mprotect(p, size, PROT_READ) || mprotect(p, size, PROT_READ | PROT_WRITE))
		fail("mprotect: %s", strerror(errno));
	sink = p[5 * PAGE];
	load(&d2, 0);
	for (off = 0; off < size; off += PAGE) {
		r = find(&d2, (unsigned long)p + off);
		if (!r)
			fail("page %lu vanished", off / PAGE);
		if (has_flag(r, "A") != (off == 5 * PAGE)) {
			region_text(&d2, p, size, t2, sizeof(t2));
			fail("page %lu: A %s after touching page 5 only:\n%s", off / PAGE,
			     has_flag(r, "A") ? "set" : "clear", t2);
		}
	}
	printf("PASS A cleared by clear_refs stays clear across dumps; only the touched page regains it; no D on read pages\n");
	return 0;
}

int main(int argc, char **argv)
{
	static const struct { const char *name; int (*fn)(void); } tests[] = {
		{ "pagemap", test_pagemap },
		{ "thp", test_thp },
		{ "hugetlb", test_hugetlb },
		{ "perms", test_perms },
		{ "cow", test_cow },
		{ "accessed", test_accessed },
	};
	unsigned int i;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (i = 0; argc == 2 && i < sizeof(tests) / sizeof(tests[0]); i++)
		if (!strcmp(argv[1], tests[i].name))
			return tests[i].fn();
	fprintf(stderr, "usage: %s pagemap|thp|hugetlb|perms|cow|accessed\n", argv[0]);
	return 2;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * ptwbench: measure ptwalk against /proc/PID/pagemap on the same tables.
 * Run as root in a guest (tools/bench perf does it; see tests/perf.sh).
 *
 *   ptwbench proc SHAPE [-m MIB] [-r REPS] [-d SECONDS]
 *	Map MIB (default 1024) of anonymous memory in SHAPE, touch every
 *	page, then report:
 *	  - the time to read each view of this process's dump over the
 *	    mapping (through the pid file, with a range, in reads of 128
 *	    KiB as cat(1) makes) and to read pagemap over the same range
 *	    in one pread() (its best case), REPS times each, with bytes per
 *	    line and time per leaf (figure 1);
 *	  - the walk-only cost, the summary view's time per leaf (figure 2);
 *	  - the bytes each produced (figure 3);
 *	  - with SHAPE a: the latency of mmap + munmap in a second thread,
 *	    for SECONDS with nothing else running, with the runs view read
 *	    back to back and with pagemap read back to back (figure 4);
 *	  - the kernel memory each open, half-read dump holds (figure 6).
 *	SHAPE: a  4K pages touched in random order (scattered physical
 *		  addresses: the worst case for folding)
 *	       b  THP (MADV_HUGEPAGE, 2M-aligned)
 *	       c  64 VMAs, alternately read-write and read-only, 4K pages
 *	       s  4K pages touched in order (physical addresses that mostly
 *		  follow each other: runs that fold)
 *   ptwbench vm PID-FD [-r REPS] [LABEL]
 *	The same figure 1 and 3 measurements for a VM's stage-2 dump
 *	(ptwalk/kvm/PID-FD/) against the VMM's pagemap over the HVAs of
 *	its memslots.
 *
 *   ptwbench hold SHAPE [MIB]
 *	Map MIB (default 256) in SHAPE, print "READY pid start end" and
 *	wait: a quiescent target for a profiler or a developer.
 *
 * Output: "PERF key=value ..." lines for the host to collect, and
 * "CDF cond=.. pct=.. us=.." lines (figure 4's distributions).  Exits 1
 * with a "FAIL" line when a read fails or a workload does not come out
 * the way it must (for example no THP in shape b).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define HUGE		(2UL << 20)
#define PTWALK		"/sys/kernel/debug/ptwalk"
#define BUFSZ		(128 << 10)	/* what cat(1) reads at a time */
#define MAXREPS		31
#define NOPEN		64		/* dumps held open for figure 6 */

static char buf[BUFSZ];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* A dump of [start, end) in VIEW: the open pid file, selection written. */
static int ptwalk_open(const char *file, const char *who, unsigned long start,
		       unsigned long end, const char *view)
{
	char cmd[128];
	int fd, n;

	fd = open(file, O_RDWR);
	if (fd < 0)
		fail("open %s: %s", file, strerror(errno));
	n = snprintf(cmd, sizeof(cmd), "%s%s0x%lx 0x%lx view=%s\n", who,
		     *who ? " " : "", start, end, view);
	if (write(fd, cmd, n) != n)
		fail("write '%.*s' to %s: %s", n - 1, cmd, file, strerror(errno));
	return fd;
}

/* Read a whole dump; the byte count, and its lines in *lines. */
static size_t read_all(int fd, const char *what, unsigned long *lines)
{
	size_t total = 0;
	ssize_t n;

	*lines = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		total += n;
		for (char *p = buf; (p = memchr(p, '\n', buf + n - p)); p++)
			(*lines)++;
	}
	if (n < 0)
		fail("read %s: %s", what, strerror(errno));
	return total;
}

static size_t read_ptwalk(const char *file, const char *who, unsigned long start,
			  unsigned long end, const char *view, unsigned long *lines)
{
	int fd = ptwalk_open(file, who, start, end, view);
	size_t n = read_all(fd, file, lines);

	close(fd);
	return n;
}

/*
 * pagemap over [start, end) of a process at its best: one pread() of the
 * whole range into a buffer as large.
 */
static size_t read_pagemap(const char *pid, unsigned long start, unsigned long end)
{
	static char *big;
	static size_t big_len;
	size_t len = (end - start) / PAGE * 8;
	char path[64];
	ssize_t n;
	int fd;

	if (len > big_len) {
		free(big);
		big = malloc(len);
		if (!big)
			fail("malloc %zu", len);
		big_len = len;
	}
	snprintf(path, sizeof(path), "/proc/%s/pagemap", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		fail("open %s: %s", path, strerror(errno));
	n = pread(fd, big, len, start / PAGE * 8);
	if (n != (ssize_t)len)
		fail("read %s: %s", path, n < 0 ? strerror(errno) : "short");
	close(fd);
	return n;
}

struct range {
	unsigned long start, end;
};

/*
 * Figure 1 and 3 for one target: every view of FILE (selected with WHO)
 * over the ranges PT, and pagemap of PID over the ranges PM (the same
 * memory), REPS times each, interleaved so that drift in the emulated
 * machine hits all of them alike.  ptwalk is read as cat(1) reads it, in
 * reads of BUFSZ; pagemap in one read of the whole range.  The cost per
 * leaf divides by LEAVES, pagemap's by the pages of the range.
 */
static void time_views(const char *load, const char *file, const char *who,
		       const char *pid, const struct range *pt,
		       const struct range *pm, int nr, unsigned long mapped,
		       unsigned long leaves, int reps)
{
	static const char *const peers[] = { "runs", "attr", "raw", "summary", "pagemap" };
	double t[5][MAXREPS];
	size_t bytes[5] = { 0 };
	unsigned long lines[5] = { 0 };

	for (int rep = 0; rep < reps; rep++) {
		for (int v = 0; v < 5; v++) {
			double t0 = now();
			size_t b = 0;
			unsigned long l = 0, li;

			for (int i = 0; i < nr; i++) {
				if (v == 4) {
					b += read_pagemap(pid, pm[i].start, pm[i].end);
					continue;
				}
				b += read_ptwalk(file, who, pt[i].start, pt[i].end,
						 peers[v], &li);
				l += li;
			}
			t[v][rep] = now() - t0;
			/* A quiescent target dumps the same every time. */
			if (rep && (b != bytes[v] || l != lines[v]))
				fail("%s %s: %zu bytes, %lu lines, then %zu, %lu",
				     load, peers[v], bytes[v], lines[v], b, l);
			bytes[v] = b;
			lines[v] = l;
		}
	}
	for (int v = 0; v < 5; v++) {
		qsort(t[v], reps, sizeof(double), cmp_double);
		unsigned long per = v == 4 ? mapped / PAGE : leaves;

		printf("PERF fig=read load=%s view=%s reps=%d median_ms=%.3f min_ms=%.3f max_ms=%.3f bytes=%zu lines=%lu mapped=%lu bytes_per_gib=%.0f bytes_per_line=%.1f ns_per_leaf=%.1f\n",
		       load, peers[v], reps, t[v][reps / 2] * 1e3, t[v][0] * 1e3,
		       t[v][reps - 1] * 1e3, bytes[v], lines[v], mapped,
		       (double)bytes[v] * (1UL << 30) / mapped,
		       lines[v] ? (double)bytes[v] / lines[v] : 0.0,
		       per ? t[v][reps / 2] * 1e9 / per : 0.0);
	}
}

/* Leaves the summary view counts over a range (its "total leaves N"). */
static unsigned long summary_leaves(const char *file, const char *who,
				    const struct range *r, int nr)
{
	unsigned long leaves = 0, n;
	char *p;

	for (int i = 0; i < nr; i++) {
		int fd = ptwalk_open(file, who, r[i].start, r[i].end, "summary");
		ssize_t len = read(fd, buf, sizeof(buf) - 1);

		close(fd);
		if (len <= 0)
			fail("read summary: %s", len ? strerror(errno) : "empty");
		buf[len] = 0;
		p = strstr(buf, "total leaves ");
		if (!p || sscanf(p, "total leaves %lu", &n) != 1)
			fail("summary without a total: %s", buf);
		leaves += n;
	}
	return leaves;
}

/* ---- figure 4: mmap + munmap latency in another thread ------------------ */

enum reader { NONE, RUNS, PAGEMAP };

static const char *const reader_name[] = { "none", "ptwalk-runs", "pagemap" };

struct intrusion {
	enum reader reader;
	struct range r;
	volatile int stop;
	unsigned long dumps;
};

static void *reader_thread(void *arg)
{
	struct intrusion *in = arg;
	unsigned long lines;
	char who[32];

	snprintf(who, sizeof(who), "%d", getpid());
	while (!in->stop) {
		if (in->reader == RUNS)
			read_ptwalk(PTWALK "/pid", who, in->r.start, in->r.end,
				    "runs", &lines);
		else
			read_pagemap("self", in->r.start, in->r.end);
		in->dumps++;
	}
	return NULL;
}

static void latency(struct range r, double secs)
{
	static const double pcts[] = { 0, 1, 5, 10, 20, 30, 40, 50, 60, 70, 80,
				       90, 95, 98, 99, 99.5, 99.9, 100 };
	size_t cap = 4 << 20, n;
	double *lat = malloc(cap * sizeof(double));
	double p99[3] = { 0 };

	if (!lat)
		fail("malloc");
	for (int c = NONE; c <= PAGEMAP; c++) {
		struct intrusion in = { .reader = c, .r = r };
		pthread_t th;
		double end;

		if (c != NONE && pthread_create(&th, NULL, reader_thread, &in))
			fail("pthread_create");
		usleep(200000);
		n = 0;
		end = now() + secs;
		while (n < cap) {
			double t0 = now(), t1;
			void *p = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p == MAP_FAILED)
				fail("mmap: %s", strerror(errno));
			munmap(p, 16 * PAGE);
			t1 = now();
			lat[n++] = t1 - t0;
			if (t1 > end)
				break;
		}
		in.stop = 1;
		if (c != NONE)
			pthread_join(th, NULL);
		qsort(lat, n, sizeof(double), cmp_double);
		for (size_t i = 0; i < sizeof(pcts) / sizeof(pcts[0]); i++) {
			size_t k = (size_t)(pcts[i] / 100 * (n - 1));

			printf("CDF cond=%s pct=%g us=%.2f\n", reader_name[c], pcts[i],
			       lat[k] * 1e6);
		}
		p99[c] = lat[(size_t)(0.99 * (n - 1))];
		printf("PERF fig=intrusion reader=%s samples=%zu dumps=%lu p50_us=%.2f p99_us=%.2f max_us=%.2f\n",
		       reader_name[c], n, in.dumps, lat[n / 2] * 1e6, p99[c] * 1e6,
		       lat[n - 1] * 1e6);
	}
	printf("PERF fig=intrusion-ratio p99_ptwalk_over_none=%.2f p99_pagemap_over_none=%.2f\n",
	       p99[RUNS] / p99[NONE], p99[PAGEMAP] / p99[NONE]);
	free(lat);
}

/* ---- figure 6: kernel memory held by open dumps -------------------------- */

static long meminfo_kb(const char *key)
{
	char line[256];
	size_t len = strlen(key);
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		fail("/proc/meminfo: %s", strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, len) && line[len] == ':')
			v = strtol(line + len + 1, NULL, 10);
	fclose(f);
	return v;
}

/*
 * Open NOPEN dumps of the range, read 4 KiB of each (so each holds its
 * buffer and a walk in progress), and see what slab and vmalloc grew by,
 * per dump.  Other activity (RCU freeing the page tables of earlier
 * workloads, for one) moves these counters too: the median of three
 * tries is reported.
 */
static void memory(const char *load, struct range r, unsigned long mapped)
{
	double slab[3], vm[3];
	int fds[NOPEN];
	char who[32];

	snprintf(who, sizeof(who), "%d", getpid());
	for (int t = 0; t < 3; t++) {
		long slab0, vm0;

		sleep(1);
		slab0 = meminfo_kb("Slab");
		vm0 = meminfo_kb("VmallocUsed");
		for (int i = 0; i < NOPEN; i++) {
			fds[i] = ptwalk_open(PTWALK "/pid", who, r.start, r.end, "runs");
			if (read(fds[i], buf, 4096) <= 0)
				fail("read: %s", strerror(errno));
		}
		slab[t] = (double)(meminfo_kb("Slab") - slab0) / NOPEN;
		vm[t] = (double)(meminfo_kb("VmallocUsed") - vm0) / NOPEN;
		for (int i = 0; i < NOPEN; i++)
			close(fds[i]);
	}
	qsort(slab, 3, sizeof(double), cmp_double);
	qsort(vm, 3, sizeof(double), cmp_double);
	printf("PERF fig=memory load=%s mapped=%lu open=%d slab_kb_per_dump=%.2f vmalloc_kb_per_dump=%.2f\n",
	       load, mapped, NOPEN, slab[1], vm[1]);
}

/* ---- workloads ------------------------------------------------------------ */

static uint8_t *map_aligned(unsigned long size)
{
	uint8_t *raw = mmap(NULL, size + HUGE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (raw == MAP_FAILED)
		fail("mmap %lu MiB: %s", size >> 20, strerror(errno));
	return (uint8_t *)(((unsigned long)raw + HUGE - 1) & ~(HUGE - 1));
}

static uint8_t *shape(char s, unsigned long size)
{
	unsigned long npages = size / PAGE, i;
	uint8_t *mem = map_aligned(size);

	switch (s) {
	case 'a': {
		/* Touch in a random order: neighbours get unrelated frames. */
		uint32_t *perm = malloc(npages * sizeof(*perm));
		uint64_t x = 88172645463325252ULL;

		if (!perm)
			fail("malloc");
		madvise(mem, size, MADV_NOHUGEPAGE);
		for (i = 0; i < npages; i++)
			perm[i] = i;
		for (i = npages - 1; i > 0; i--) {
			unsigned long j;
			uint32_t tmp;

			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			j = x % (i + 1);
			tmp = perm[i];
			perm[i] = perm[j];
			perm[j] = tmp;
		}
		for (i = 0; i < npages; i++)
			mem[(unsigned long)perm[i] * PAGE] = 1;
		free(perm);
		break;
	}
	case 'b':
		madvise(mem, size, MADV_HUGEPAGE);
		for (i = 0; i < npages; i++)
			mem[i * PAGE] = 1;
		break;
	case 's':
		madvise(mem, size, MADV_NOHUGEPAGE);
		for (i = 0; i < npages; i++)
			mem[i * PAGE] = 1;
		break;
	case 'c':
		madvise(mem, size, MADV_NOHUGEPAGE);
		for (i = 0; i < npages; i++)
			mem[i * PAGE] = 1;
		for (i = 1; i < 64; i += 2)
			if (mprotect(mem + i * (size / 64), size / 64, PROT_READ))
				fail("mprotect: %s", strerror(errno));
		break;
	default:
		fail("unknown shape %c (a, b, c or s)", s);
	}
	return mem;
}

static int cmd_proc(int argc, char **argv)
{
	unsigned long size = 1024UL << 20, leaves, want;
	double secs = 3;
	int reps = 5, opt;
	struct range r;
	char load[8], who[32];
	uint8_t *mem;
	char s;

	if (argc < 2 || strlen(argv[1]) != 1)
		fail("usage: ptwbench proc a|b|c|s [-m MIB] [-r REPS] [-d SECONDS]");
	s = argv[1][0];
	optind = 2;
	while ((opt = getopt(argc, argv, "m:r:d:")) != -1) {
		switch (opt) {
		case 'm': size = strtoul(optarg, NULL, 0) << 20; break;
		case 'r': reps = atoi(optarg); break;
		case 'd': secs = atof(optarg); break;
		default: fail("usage: ptwbench proc a|b|c|s [-m MIB] [-r REPS] [-d SECONDS]");
		}
	}
	if (reps < 1 || reps > MAXREPS || size < (64UL << 20) || size % (64 * HUGE))
		fail("bad -r or -m (REPS 1..%d, MIB a multiple of 128)", MAXREPS);
	snprintf(load, sizeof(load), "%c", s);
	snprintf(who, sizeof(who), "%d", getpid());

	double t0 = now();

	mem = shape(s, size);
	r.start = (unsigned long)mem;
	r.end = r.start + size;
	printf("PERF fig=setup load=%s mib=%lu touch_s=%.2f\n", load, size >> 20,
	       now() - t0);

	/* The workload must be what it claims, or the figures mean nothing. */
	leaves = summary_leaves(PTWALK "/pid", who, &r, 1);
	want = s == 'b' ? size / HUGE : size / PAGE;
	if (leaves != want)
		fail("shape %c: %lu leaves over the range, expected %lu%s", s, leaves,
		     want, s == 'b' ? " (THP not available?)" : "");

	time_views(load, PTWALK "/pid", who, "self", &r, &r, 1, size, leaves,
		   reps);
	{
		double tw[MAXREPS];

		for (int i = 0; i < reps; i++) {
			double t1 = now();

			summary_leaves(PTWALK "/pid", who, &r, 1);
			tw[i] = now() - t1;
		}
		qsort(tw, reps, sizeof(double), cmp_double);
		printf("PERF fig=walk load=%s leaves=%lu median_ns_per_leaf=%.1f min_ns_per_leaf=%.1f max_ns_per_leaf=%.1f ms_per_gib=%.2f\n",
		       load, leaves, tw[reps / 2] * 1e9 / leaves, tw[0] * 1e9 / leaves,
		       tw[reps - 1] * 1e9 / leaves,
		       tw[reps / 2] * 1e3 * (1UL << 30) / size);
	}
	if (s == 'a') {
		latency(r, secs);
		memory(load, r, size);
		/* The same at a quarter of the size: memory must not grow. */
		r.end = r.start + size / 4;
		memory(load, r, size / 4);
	}
	return 0;
}

/* Map a shape, print where, and wait (for a profiler or a developer). */
static int cmd_hold(int argc, char **argv)
{
	unsigned long size = argc > 2 ? strtoul(argv[2], NULL, 0) << 20 : 256UL << 20;
	uint8_t *mem;

	if (argc < 2 || strlen(argv[1]) != 1 || size < (64UL << 20) ||
	    size % (64 * HUGE))
		fail("usage: ptwbench hold a|b|c|s [MIB, a multiple of 128]");
	mem = shape(argv[1][0], size);
	printf("READY %d 0x%lx 0x%lx\n", getpid(), (unsigned long)mem,
	       (unsigned long)mem + size);
	for (;;)
		pause();
	return 0;
}

/* ---- a VM's stage-2 ------------------------------------------------------- */

static int cmd_vm(int argc, char **argv)
{
	struct range gpas[16], hvas[16];
	unsigned long gpa, gend, pages, hva, mapped = 0;
	char path[192], line[256], pid[32], load[48];
	int reps = 5, nr = 0, opt, slot;
	FILE *f;

	if (argc < 2)
		fail("usage: ptwbench vm PID-FD [-r REPS]");
	optind = 2;
	while ((opt = getopt(argc, argv, "r:")) != -1) {
		if (opt != 'r')
			fail("usage: ptwbench vm PID-FD [-r REPS]");
		reps = atoi(optarg);
	}
	if (reps < 1 || reps > MAXREPS)
		fail("REPS 1..%d", MAXREPS);
	snprintf(pid, sizeof(pid), "%.*s", (int)strcspn(argv[1], "-"), argv[1]);

	/* memslots: "slot gpa_start gpa_end pages hva flags as" */
	snprintf(path, sizeof(path), PTWALK "/kvm/%s/memslots", argv[1]);
	f = fopen(path, "r");
	if (!f)
		fail("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f) && nr < 16) {
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%d %lx %lx %lu %lx", &slot, &gpa, &gend, &pages,
			   &hva) != 5)
			fail("memslots line: %s", line);
		/* Ours walks the GPAs, pagemap the HVAs backing them. */
		gpas[nr] = (struct range){ gpa, gend };
		hvas[nr] = (struct range){ hva, hva + (gend - gpa) };
		mapped += gend - gpa;
		nr++;
	}
	fclose(f);
	if (!nr)
		fail("%s: no memslots", path);
	snprintf(path, sizeof(path), PTWALK "/kvm/%s/stage2", argv[1]);
	snprintf(load, sizeof(load), "vm-%s", argc > optind ? argv[optind] : "");
	time_views(load, path, "", pid, gpas, hvas, nr, mapped,
		   summary_leaves(path, "", gpas, nr), reps);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && !strcmp(argv[1], "proc"))
		return cmd_proc(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "vm"))
		return cmd_vm(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "hold"))
		return cmd_hold(argc - 1, argv + 1);
	fprintf(stderr, "usage: ptwbench proc a|b|c|s [-m MIB] [-r REPS] [-d S]\n"
			"       ptwbench vm PID-FD [-r REPS] [LABEL]\n"
			"       ptwbench hold a|b|c|s [MIB]\n");
	return 2;
}

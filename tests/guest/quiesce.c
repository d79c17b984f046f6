// SPDX-License-Identifier: GPL-2.0
/*
 * quiesce: run a VMM (a KVM selftest) and check ptwalk's view of its VMs
 * at points where nothing in it moves.
 *
 *   quiesce [-i MS] [-o LOG] CMD [ARG...]
 *
 * CMD runs as a child, its output in LOG (default /dev/null).  Once it has
 * a VM, it is stopped with SIGSTOP every 1..20 milliseconds until a first
 * sample was compared, then every 1..MS (default 300).  When waitpid()
 * reports the whole thread group stopped, no vCPU runs and no ioctl is in
 * flight, and each of the child's VMs is checked, every root its info file
 * names (dumped with "root=ID"):
 *   - every leaf of a root of guest physical addresses lies in a memslot of
 *     the root's address space (1 for SMM roots) and maps the host page
 *     that /proc/PID/pagemap reports for the HVA backing that GPA;
 *   - every leaf of a nested guest's root (shadow EPT/NPT) maps a page of
 *     the VM's memory;
 *   - the leaves per size, summed over the roots, equal KVM's own counters
 *     (/sys/kernel/debug/kvm/PID-FD/pages_4k, pages_2m, pages_1g), which
 *     count the leaves of every root;
 *   - the default dump walks the root info calls the default, which is
 *     neither an SMM nor a guest_mode root;
 *   - its audit file reports no disagreement but "racing" ones, and counts
 *     as many leaves as the default root has.
 * A sample counts only when KVM's counters read the same before and after
 * it (the host may still zap SPTEs of a stopped VMM, for example when
 * khugepaged collapses its memory) and no root went away meanwhile.  Then
 * the child continues.
 *
 * Prints "quiesce: ..." with the child's exit status and the samples
 * taken, or "FAIL reason".  Exits with the child's status (killed by a
 * signal: 128 + the signal), or 1 on a failed check.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE		4096UL
#define PTWALK_KVM	"/sys/kernel/debug/ptwalk/kvm"
#define KVM_STATS	"/sys/kernel/debug/kvm"
#define MAX_SLOTS	64
#define MAX_ROOTS	64

static pid_t child;

static void fail(const char *fmt, ...)
{
	va_list ap;

	printf("FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (child > 0) {
		kill(child, SIGKILL);
		kill(child, SIGCONT);
	}
	exit(1);
}

struct slot {
	unsigned long long gpa, end, hva;
	int as;
};

/* A root as info names it; @known: its role is. */
struct root {
	unsigned long long hpa;
	int known, level, direct, smm, guest_mode, invalid;
};

struct sample {
	long long stat[3];	/* pages_4k, pages_2m, pages_1g */
	unsigned long long leaves[3];
	unsigned long pages_checked;
};

static unsigned long compared, unsettled, no_root, vm_gone, pages_total,
		     audit_racing;
/* Samples with more than one root; roots compared, by kind. */
static unsigned long several, seen_smm, seen_guest_mode, seen_nested,
		     seen_invalid;
/* The most leaves of each size one sample compared. */
static unsigned long long most[3];

/* -1: no such file (the VM went away) */
static long long read_ll(const char *dir, const char *name)
{
	char path[512];
	long long v;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%lld", &v) != 1)
		fail("%s: not a number", path);
	fclose(f);
	return v;
}

static int read_stats(const char *kdir, long long *s)
{
	static const char * const names[] = { "pages_4k", "pages_2m", "pages_1g" };
	int i;

	for (i = 0; i < 3; i++) {
		s[i] = read_ll(kdir, names[i]);
		if (s[i] < 0)
			return -1;
	}
	return 0;
}

/*
 * The roots info names and its default root (0 for none): the number of
 * roots, or -1 when the file is gone.
 */
static int read_roots(const char *pdir, struct root *roots,
		      unsigned long long *def)
{
	char path[512], line[1024];
	int n = 0;
	FILE *f;

	*def = 0;
	snprintf(path, sizeof(path), "%s/info", pdir);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		struct root r = { 0 };
		char ad[8];

		if (sscanf(line, "default_root 0x%llx", def) == 1)
			continue;
		if (strncmp(line, "root 0x", 7))
			continue;
		if (sscanf(line, "root %llx level %d direct %d ad %7s smm %d guest_mode %d invalid %d",
			   &r.hpa, &r.level, &r.direct, ad, &r.smm,
			   &r.guest_mode, &r.invalid) == 7)
			r.known = 1;
		else if (sscanf(line, "root %llx", &r.hpa) != 1)
			fail("%s: unparsable root line: %s", path, line);
		if (n == MAX_ROOTS)
			fail("%s: more than %d roots", path, MAX_ROOTS);
		roots[n++] = r;
	}
	fclose(f);
	return n;
}

static int read_slots(const char *pdir, struct slot *slots)
{
	char path[512], line[256];
	unsigned long long gpa, end, pages, hva;
	int id, as, n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/memslots", pdir);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%d %llx %llx %llu %llx %*x %d", &id, &gpa,
			   &end, &pages, &hva, &as) != 6)
			fail("memslots: unparsable line: %s", line);
		if (n == MAX_SLOTS)
			fail("memslots: more than %d", MAX_SLOTS);
		slots[n++] = (struct slot){ gpa, end, hva, as };
	}
	fclose(f);
	return n;
}

/*
 * Every page of a run [start, end) at @pa, in address space @as, against
 * the VMM's pagemap: 0, or 1 + the first GPA that differs.
 */
static unsigned long check_run(int pm, const struct slot *slots, int nslots,
			       int as, unsigned long long start,
			       unsigned long long end, unsigned long long pa,
			       const char *line)
{
	static uint64_t buf[512];
	unsigned long long off, hva;
	const struct slot *s = NULL;
	size_t n, i;
	int j;

	for (j = 0; j < nslots; j++)
		if (slots[j].as == as && start >= slots[j].gpa &&
		    end <= slots[j].end)
			s = &slots[j];
	if (!s)
		fail("a stage-2 run outside every memslot: %s", line);
	hva = s->hva + (start - s->gpa);
	for (off = 0; start + off < end; off += n * PAGE) {
		n = (end - start - off) / PAGE;
		if (n > 512)
			n = 512;
		if (pread(pm, buf, n * 8, (hva + off) / PAGE * 8) != (ssize_t)(n * 8))
			fail("pagemap read: %s", strerror(errno));
		for (i = 0; i < n; i++) {
			uint64_t pfn = buf[i] & (1ULL << 63) ?
				       buf[i] & ((1ULL << 55) - 1) : 0;

			if (pfn != (pa + off) / PAGE + i)
				return start + off + i * PAGE + 1;
		}
	}
	return 0;
}

/*
 * Whether the child still has the VM open: ptwalk notices a closed VM
 * within half a second, KVM at once.
 */
static int vm_open(const char *name)
{
	char path[64], target[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/fd/%s", child,
		 strchr(name, '-') + 1);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return 0;
	target[n] = 0;
	return !strcmp(target, "anon_inode:kvm-vm");
}

/**
 * struct audit - What a VM's audit file said.
 * @leaves:	Leaves it checked (its totals line).
 * @racing:	Disagreements seen while KVM was invalidating.
 * @stale:	Other disagreements.
 * @first:	The first of those, or "".
 * @complete:	It ended with its totals line.
 */
struct audit {
	unsigned long long leaves, racing, stale;
	char first[512];
	bool complete;
};

/* Read PDIR/audit: 0, or the errno that ended the read. */
static int read_audit(const char *pdir, struct audit *a)
{
	char path[512], line[512];
	unsigned long long ok;
	int r;
	FILE *f;

	memset(a, 0, sizeof(*a));
	snprintf(path, sizeof(path), "%s/audit", pdir);
	f = fopen(path, "r");
	if (!f)
		return errno;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (line[0] == '#')
			continue;
		if (sscanf(line, "audit leaves %llu ok %llu", &a->leaves,
			   &ok) == 2) {
			a->complete = true;
			continue;
		}
		if (strstr(line, " racing host="))
			a->racing++;
		else if (!a->stale++)
			snprintf(a->first, sizeof(a->first), "%s", line);
	}
	r = ferror(f) ? errno : 0;
	fclose(f);
	return r;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The PFNs of the VM's memory, every memslot's that pagemap shows, sorted. */
static uint64_t *vm_pfns(int pm, const struct slot *slots, int nslots,
			 size_t *n)
{
	static uint64_t buf[512];
	unsigned long long hva, end;
	uint64_t *pfns = NULL;
	size_t cap = 0, k, i;
	int j;

	*n = 0;
	for (j = 0; j < nslots; j++) {
		end = slots[j].hva + (slots[j].end - slots[j].gpa);
		for (hva = slots[j].hva; hva < end; hva += k * PAGE) {
			k = (end - hva) / PAGE;
			if (k > 512)
				k = 512;
			if (pread(pm, buf, k * 8, hva / PAGE * 8) != (ssize_t)(k * 8))
				fail("pagemap read: %s", strerror(errno));
			for (i = 0; i < k; i++) {
				if (!(buf[i] & (1ULL << 63)))
					continue;
				if (*n == cap) {
					cap = cap ? 2 * cap : 4096;
					pfns = realloc(pfns, cap * sizeof(*pfns));
					if (!pfns)
						fail("realloc: %s", strerror(errno));
				}
				pfns[(*n)++] = buf[i] & ((1ULL << 55) - 1);
			}
		}
	}
	qsort(pfns, *n, sizeof(*pfns), cmp_u64);
	return pfns;
}

/* What one sample of a VM checks against, and what it found. */
struct vm_check {
	const char *name;
	char stage2[512];
	int pm;
	struct slot slots[MAX_SLOTS];
	int nslots;
	uint64_t *pfns;		/* for roots of other addresses than GPAs */
	size_t npfns;
	unsigned long long bad_gpa;
	char first_bad[600];
};

/*
 * Dump root @r (or the default one, @r NULL) of the VM: 0 and the root the
 * header names in @hdr_root, or the errno that ended the dump.  Leaves
 * count into @s and are checked, as the root's role says.
 */
static int dump_root(struct vm_check *c, const struct root *r,
		     struct sample *s, unsigned long long *hdr_root)
{
	char line[512], cmd[64];
	FILE *f;
	int fd, err;

	fd = open(c->stage2, O_RDWR);
	if (fd < 0)
		return errno;
	if (r) {
		snprintf(cmd, sizeof(cmd), "root=0x%llx", r->hpa);
		if (write(fd, cmd, strlen(cmd)) < 0) {
			err = errno;
			close(fd);
			return err;
		}
	}
	f = fdopen(fd, "r");
	if (!f)
		fail("fdopen: %s", strerror(errno));
	if (!fgets(line, sizeof(line), f)) {
		err = ferror(f) ? errno : ENODATA;
		fclose(f);
		return err;
	}
	if (sscanf(line, "# ptwalk kvm %*s root %llx", hdr_root) != 1)
		fail("VM %s: stage2: no header: %s", c->name, line);
	while (r && fgets(line, sizeof(line), f)) {
		unsigned long long start, end, pages, pa, bad = 0, off;
		char pgsize[16], perm[8];

		line[strcspn(line, "\n")] = 0;
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%llx %llx %15s %llu %llx %7s", &start, &end,
			   pgsize, &pages, &pa, perm) != 6)
			fail("VM %s: unparsable stage2 line: %s", c->name, line);
		if (!strcmp(pgsize, "4K"))
			s->leaves[0] += pages;
		else if (!strcmp(pgsize, "2M"))
			s->leaves[1] += pages;
		else if (!strcmp(pgsize, "1G"))
			s->leaves[2] += pages;
		else
			fail("VM %s: leaf size %s: %s", c->name, pgsize, line);
		if (!r->known)
			continue;
		if (r->direct) {
			bad = check_run(c->pm, c->slots, c->nslots, r->smm,
					start, end, pa, line);
			s->pages_checked += (end - start) / PAGE;
		} else {
			/* A nested guest's (or shadow paging's) leaf. */
			for (off = 0; !bad && start + off < end; off += PAGE) {
				uint64_t pfn = (pa + off) / PAGE;

				if (!bsearch(&pfn, c->pfns, c->npfns,
					     sizeof(pfn), cmp_u64))
					bad = start + off + 1;
			}
		}
		if (bad && !c->bad_gpa) {
			c->bad_gpa = bad - 1;
			snprintf(c->first_bad, sizeof(c->first_bad),
				 "root 0x%llx: %s", r->hpa, line);
		}
	}
	err = ferror(f) ? errno : 0;
	fclose(f);
	return err;
}

/* One VM of the stopped child: 1 compared, 0 not a quiescent sample. */
static int check_vm(const char *name)
{
	static struct vm_check c;
	char pdir[256], kdir[256], path[512];
	unsigned long long def, hdr, def_leaves = 0;
	struct audit audit = { 0 };
	struct root roots[MAX_ROOTS];
	struct sample s = { 0 };
	long long after[3];
	int nroots, r, i;
	bool def_ok = false;

	memset(&c, 0, sizeof(c));
	c.name = name;
	snprintf(pdir, sizeof(pdir), PTWALK_KVM "/%s", name);
	snprintf(kdir, sizeof(kdir), KVM_STATS "/%s", name);
	snprintf(c.stage2, sizeof(c.stage2), "%s/stage2", pdir);
	if (read_stats(kdir, s.stat)) {
		if (!vm_open(name))
			return vm_gone++, 0;
		fail("VM %s: KVM's counters are not in %s", name, kdir);
	}
	nroots = read_roots(pdir, roots, &def);
	if (nroots < 0)
		return vm_gone++, 0;
	if (!nroots)
		return no_root++, 0;
	c.nslots = read_slots(pdir, c.slots);
	if (c.nslots < 0)
		return vm_gone++, 0;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", child);
	c.pm = open(path, O_RDONLY);
	if (c.pm < 0)
		fail("%s: %s", path, strerror(errno));
	for (i = 0; i < nroots; i++)
		if (roots[i].known && !roots[i].direct && !c.pfns)
			c.pfns = vm_pfns(c.pm, c.slots, c.nslots, &c.npfns);

	for (i = 0; i < nroots; i++) {
		unsigned long long before = s.leaves[0] + s.leaves[1] + s.leaves[2];

		r = dump_root(&c, &roots[i], &s, &hdr);
		/* ENOENT: the root went away (KVM zaps invalid roots late). */
		if (r == ENOENT)
			goto unsettled;
		if (r)
			fail("VM %s: reading root 0x%llx: %s", name,
			     roots[i].hpa, strerror(r));
		if (hdr != roots[i].hpa)
			fail("VM %s: root=0x%llx dumped root 0x%llx", name,
			     roots[i].hpa, hdr);
		if (roots[i].hpa == def) {
			def_ok = roots[i].known && !roots[i].smm &&
				 !roots[i].guest_mode;
			def_leaves = s.leaves[0] + s.leaves[1] + s.leaves[2] -
				     before;
		}
	}
	/* The default dump walks info's default root, an L1 one. */
	if (def) {
		if (!def_ok)
			fail("VM %s: default root 0x%llx is not a known L1 root of info's",
			     name, def);
		r = dump_root(&c, NULL, &s, &hdr);
		if (r == ENODATA || r == ENOENT)
			goto unsettled;
		if (r)
			fail("VM %s: reading stage2: %s", name, strerror(r));
		if (hdr != def)
			fail("VM %s: the default dump walks root 0x%llx, info says 0x%llx",
			     name, hdr, def);
		r = read_audit(pdir, &audit);
		if (r == ENODATA || r == ENOENT || r == EIO)
			goto unsettled;
		if (r)
			fail("VM %s: reading audit: %s", name, strerror(r));
		/* A trailer instead of the totals: the default root went. */
		if (!audit.complete)
			goto unsettled;
	}
	close(c.pm);
	free(c.pfns);

	if (read_stats(kdir, after))
		return vm_gone++, 0;
	for (i = 0; i < 3; i++)
		if (after[i] != s.stat[i])
			return unsettled++, 0;
	if (c.bad_gpa)
		fail("VM %s: address 0x%llx maps a page other than pagemap's: %s",
		     name, c.bad_gpa, c.first_bad);
	if (s.leaves[0] != (unsigned long long)s.stat[0] ||
	    s.leaves[1] != (unsigned long long)s.stat[1] ||
	    s.leaves[2] != (unsigned long long)s.stat[2])
		fail("VM %s: %d roots' leaves 4K %llu 2M %llu 1G %llu, KVM says pages_4k %lld pages_2m %lld pages_1g %lld",
		     name, nroots, s.leaves[0], s.leaves[1], s.leaves[2],
		     s.stat[0], s.stat[1], s.stat[2]);
	if (audit.stale)
		fail("VM %s: audit: %llu disagreements, the first: %s", name,
		     audit.stale, audit.first);
	if (def && audit.leaves != def_leaves)
		fail("VM %s: audit checked %llu leaves, the default root 0x%llx has %llu",
		     name, audit.leaves, def, def_leaves);
	audit_racing += audit.racing;
	pages_total += s.pages_checked;
	for (i = 0; i < 3; i++)
		if (s.leaves[i] > most[i])
			most[i] = s.leaves[i];
	several += nroots > 1;
	for (i = 0; i < nroots; i++) {
		seen_smm += roots[i].smm;
		seen_guest_mode += roots[i].guest_mode;
		seen_nested += roots[i].known && !roots[i].direct;
		seen_invalid += roots[i].invalid;
	}
	compared++;
	return 1;

unsettled:
	close(c.pm);
	free(c.pfns);
	return unsettled++, 0;
}

/* Check the child's VMs, or only count them (@check false). */
static int child_vms(bool check)
{
	char prefix[32];
	struct dirent *de;
	DIR *d = opendir(PTWALK_KVM);
	int n = 0;

	if (!d)
		fail(PTWALK_KVM ": %s", strerror(errno));
	snprintf(prefix, sizeof(prefix), "%d-", child);
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		n++;
		if (check)
			check_vm(de->d_name);
	}
	closedir(d);
	return n;
}

int main(int argc, char **argv)
{
	const char *log = "/dev/null";
	unsigned int seed = getpid();
	int opt, st, interval = 300;
	unsigned long stops = 0;

	while ((opt = getopt(argc, argv, "+i:o:")) != -1) {
		switch (opt) {
		case 'i':
			interval = atoi(optarg);
			break;
		case 'o':
			log = optarg;
			break;
		default:
			fail("usage: quiesce [-i MS] [-o LOG] CMD [ARG...]");
		}
	}
	if (optind >= argc || interval < 1)
		fail("usage: quiesce [-i MS] [-o LOG] CMD [ARG...]");

	fflush(stdout);
	child = fork();
	if (child < 0)
		fail("fork: %s", strerror(errno));
	if (!child) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(126);
		execv(argv[optind], argv + optind);
		_exit(127);
	}

	for (;;) {
		struct timespec ts;
		/* Densely until the first sample: short selftests end soon. */
		long ms = 1 + rand_r(&seed) % (compared ? interval : 20);

		ts.tv_sec = ms / 1000;
		ts.tv_nsec = ms % 1000 * 1000000;
		nanosleep(&ts, NULL);
		if (waitpid(child, &st, WNOHANG) == child)
			break;
		/*
		 * Not while a VM is being made: KVM_CREATE_VM fails with
		 * EINTR when a signal is pending (mm_take_all_locks() in
		 * mmu_notifier_register() gives up), and selftests do not
		 * retry it.  ptwalk shows a VM half a second after it is made.
		 */
		if (!child_vms(false))
			continue;
		if (kill(child, SIGSTOP))
			fail("SIGSTOP: %s", strerror(errno));
		if (waitpid(child, &st, WUNTRACED) != child)
			fail("waitpid: %s", strerror(errno));
		if (!WIFSTOPPED(st))
			break;
		stops++;
		child_vms(true);
		kill(child, SIGCONT);
	}
	child = 0;
	if (WIFSIGNALED(st)) {
		printf("quiesce: %s killed by signal %d\n", argv[optind],
		       WTERMSIG(st));
		return 128 + WTERMSIG(st);
	}
	printf("quiesce: %s exit %d: %lu stops, %lu samples compared (%lu pages against pagemap; most leaves 4K %llu 2M %llu 1G %llu; %lu with several roots; roots compared: smm %lu guest_mode %lu nested %lu invalid %lu), %lu unsettled, %lu with no root, %lu VMs gone, %lu racing leaves in audits\n",
	       argv[optind], WEXITSTATUS(st), stops, compared, pages_total,
	       most[0], most[1], most[2], several, seen_smm, seen_guest_mode,
	       seen_nested, seen_invalid, unsettled, no_root, vm_gone,
	       audit_racing);
	return WEXITSTATUS(st);
}

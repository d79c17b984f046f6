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
 * flight, and each of the child's VMs is checked:
 *   - every leaf of its stage2 file lies in a memslot and maps the host page
 *     that /proc/PID/pagemap reports for the HVA backing that GPA;
 *   - the leaves per size equal KVM's own counters
 *     (/sys/kernel/debug/kvm/PID-FD/pages_4k, pages_2m, pages_1g);
 *   - its audit file reports no disagreement but "racing" ones, and counts
 *     as many leaves as the stage2 file shows.
 * A sample counts only when every vCPU is on one root (the stage2 file
 * shows vCPU 0's; KVM counts the leaves of all roots) and KVM's counters
 * read the same before and after it (the host may still zap SPTEs of a
 * stopped VMM, for example when khugepaged collapses its memory).  Then
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
};

struct sample {
	long long stat[3];	/* pages_4k, pages_2m, pages_1g */
	unsigned long long leaves[3];
	unsigned long pages_checked;
};

static unsigned long compared, unsettled, roots_differ, no_root, vm_gone,
		     pages_total, audit_racing;
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

/* The vCPUs KVM lists for the VM: its vcpuN directories. */
static int count_vcpus(const char *kdir)
{
	struct dirent *de;
	DIR *d = opendir(kdir);
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, "vcpu", 4))
			n++;
	closedir(d);
	return n;
}

/*
 * 1 when every vCPU's current L1 root is one and the same and no vCPU has
 * another root (cached, or an L2 one), 0 when not, 2 when no vCPU has a
 * root (none has run yet), -1 when the file is gone.
 */
static int one_root(const char *pdir, int nvcpus)
{
	char path[512], line[256];
	unsigned long long hpa, first = 0;
	int vcpu, n = 0, ok = 1;
	char mmu[8], which[16];
	FILE *f;

	snprintf(path, sizeof(path), "%s/info", pdir);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "root vcpu %d mmu %7s %15s %llx", &vcpu, mmu,
			   which, &hpa) != 4)
			continue;
		if (strcmp(mmu, "l1") || strcmp(which, "current") ||
		    (n && hpa != first))
			ok = 0;
		if (!n++)
			first = hpa;
	}
	fclose(f);
	if (!n)
		return 2;
	return ok && n == nvcpus;
}

static int read_slots(const char *pdir, struct slot *slots)
{
	char path[512], line[256];
	unsigned long long gpa, end, pages, hva;
	int id, n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/memslots", pdir);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%d %llx %llx %llu %llx", &id, &gpa, &end,
			   &pages, &hva) != 5)
			fail("memslots: unparsable line: %s", line);
		if (n == MAX_SLOTS)
			fail("memslots: more than %d", MAX_SLOTS);
		slots[n++] = (struct slot){ gpa, end, hva };
	}
	fclose(f);
	return n;
}

/* Every page of a run [start, end) at @pa against the VMM's pagemap. */
static unsigned long check_run(int pm, const struct slot *slots, int nslots,
			       unsigned long long start, unsigned long long end,
			       unsigned long long pa, const char *line)
{
	static uint64_t buf[512];
	unsigned long long off, hva;
	const struct slot *s = NULL;
	size_t n, i;
	int j;

	for (j = 0; j < nslots; j++)
		if (start >= slots[j].gpa && end <= slots[j].end)
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

/* One VM of the stopped child: 1 compared, 0 not a quiescent sample. */
static int check_vm(const char *name)
{
	char pdir[256], kdir[256], path[512], line[512], first_bad[512] = "";
	unsigned long long bad_gpa = 0;
	struct slot slots[MAX_SLOTS];
	long long after[3];
	struct sample s = { 0 };
	struct audit audit;
	int nslots, nvcpus, pm, r, i;
	FILE *f;

	snprintf(pdir, sizeof(pdir), PTWALK_KVM "/%s", name);
	snprintf(kdir, sizeof(kdir), KVM_STATS "/%s", name);
	if (read_stats(kdir, s.stat)) {
		if (!vm_open(name))
			return vm_gone++, 0;
		fail("VM %s: KVM's counters are not in %s", name, kdir);
	}
	nvcpus = count_vcpus(kdir);
	if (nvcpus <= 0)
		return no_root++, 0;
	r = one_root(pdir, nvcpus);
	if (r < 0)
		return vm_gone++, 0;
	if (!r)
		return roots_differ++, 0;
	if (r == 2)
		return no_root++, 0;
	nslots = read_slots(pdir, slots);
	if (nslots < 0)
		return vm_gone++, 0;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", child);
	pm = open(path, O_RDONLY);
	if (pm < 0)
		fail("%s: %s", path, strerror(errno));
	snprintf(path, sizeof(path), "%s/stage2", pdir);
	f = fopen(path, "r");
	if (!f) {
		close(pm);
		return vm_gone++, 0;
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, pages, pa, bad;
		char pgsize[16], perm[8];

		line[strcspn(line, "\n")] = 0;
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%llx %llx %15s %llu %llx %7s", &start, &end,
			   pgsize, &pages, &pa, perm) != 6)
			fail("VM %s: unparsable stage2 line: %s", name, line);
		if (!strcmp(pgsize, "4K"))
			s.leaves[0] += pages;
		else if (!strcmp(pgsize, "2M"))
			s.leaves[1] += pages;
		else if (!strcmp(pgsize, "1G"))
			s.leaves[2] += pages;
		else
			fail("VM %s: leaf size %s: %s", name, pgsize, line);
		bad = check_run(pm, slots, nslots, start, end, pa, line);
		if (bad && !bad_gpa) {
			bad_gpa = bad - 1;
			snprintf(first_bad, sizeof(first_bad), "%s", line);
		}
		s.pages_checked += (end - start) / PAGE;
	}
	r = ferror(f) ? errno : 0;
	fclose(f);
	close(pm);
	/* ENODATA: vCPU 0 has no root (yet, or any more). */
	if (r == ENODATA)
		return no_root++, 0;
	if (r)
		fail("VM %s: reading stage2: %s", name, strerror(r));
	r = read_audit(pdir, &audit);
	if (r == ENODATA)
		return no_root++, 0;
	if (r == ENOENT || r == EIO)
		return vm_gone++, 0;
	if (r)
		fail("VM %s: reading audit: %s", name, strerror(r));
	/* A trailer instead of the totals: vCPU 0 lost its root meanwhile. */
	if (!audit.complete)
		return no_root++, 0;

	if (read_stats(kdir, after))
		return vm_gone++, 0;
	for (i = 0; i < 3; i++)
		if (after[i] != s.stat[i])
			return unsettled++, 0;
	if (bad_gpa)
		fail("VM %s: gpa 0x%llx maps a page other than pagemap's: %s",
		     name, bad_gpa, first_bad);
	if (s.leaves[0] != (unsigned long long)s.stat[0] ||
	    s.leaves[1] != (unsigned long long)s.stat[1] ||
	    s.leaves[2] != (unsigned long long)s.stat[2])
		fail("VM %s: stage2 leaves 4K %llu 2M %llu 1G %llu, KVM says pages_4k %lld pages_2m %lld pages_1g %lld",
		     name, s.leaves[0], s.leaves[1], s.leaves[2],
		     s.stat[0], s.stat[1], s.stat[2]);
	if (audit.stale)
		fail("VM %s: audit: %llu disagreements, the first: %s", name,
		     audit.stale, audit.first);
	if (audit.leaves != s.leaves[0] + s.leaves[1] + s.leaves[2])
		fail("VM %s: audit checked %llu leaves, stage2 shows %llu",
		     name, audit.leaves, s.leaves[0] + s.leaves[1] + s.leaves[2]);
	audit_racing += audit.racing;
	pages_total += s.pages_checked;
	for (i = 0; i < 3; i++)
		if (s.leaves[i] > most[i])
			most[i] = s.leaves[i];
	compared++;
	return 1;
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
	printf("quiesce: %s exit %d: %lu stops, %lu samples compared (%lu pages against pagemap; most leaves 4K %llu 2M %llu 1G %llu), %lu unsettled, %lu with vCPUs on different roots, %lu with no root, %lu VMs gone, %lu racing leaves in audits\n",
	       argv[optind], WEXITSTATUS(st), stops, compared, pages_total,
	       most[0], most[1], most[2], unsettled, roots_differ, no_root,
	       vm_gone, audit_racing);
	return WEXITSTATUS(st);
}

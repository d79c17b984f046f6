// SPDX-License-Identifier: GPL-2.0
/*
 * kvm_touch: create a VM with one memslot, run a vCPU whose code stores to
 * every page of the slot, then check ptwalk's view of the VM's second stage
 * against independent truth:
 *   - every stage-2 leaf in the slot maps the host page that this process's
 *     own /proc/self/pagemap reports for the HVA backing that GPA;
 *   - the leaf counts per size equal KVM's own counters (x86:
 *     /sys/kernel/debug/kvm/<pid>-<fd>/pages_4k, pages_2m) or, where KVM
 *     has none (arm64), the number of pages the guest touched.
 *
 * Usage: kvm_touch [-m MIB] [-t thp|nothp] [-H SECONDS] [-n] [-T] [-R] [-l]
 *   -n: run the guest but check nothing (for stress loops);
 *   -H: keep the VM alive for SECONDS after the check (for other readers);
 *   -T: print the time the guest took to fault in and touch its memory;
 *   -R: read the VM's stage2 file back to back in a child process while
 *       the guest runs (with -T: the cost of a reader to the guest);
 *   -l: (x86) the guest runs in 64-bit mode on its own page tables, an
 *       identity map, so that a shadow MMU (ept=0, npt=0) gives it 4-level
 *       shadow tables: a guest without paging gets PAE ones.
 * Prints "PASS ..." or "FAIL reason" and exits 0 or 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/kvm.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define HUGE		(2UL << 20)
#define PTWALK_KVM	"/sys/kernel/debug/ptwalk/kvm"

static unsigned long slot_size = 32UL << 20;
static int long_mode;

#if defined(__x86_64__)
/*
 * -l: the same loop in 64-bit mode, on an identity map of 2M pages whose
 * tables are the slot's pages 1 to 3 (PML4, PDPT, PD).  Each store goes to
 * offset 0xff8 of its page, in those tables the unused entry 511:
 *	mov edi, 0x1000
 * 1:	mov [rdi + 0xff8], edi
 *	add edi, 0x1000
 *	cmp edi, SIZE
 *	jb 1b
 *	hlt
 * 64-bit mode needs the CPUID bit LM, so the vCPU gets KVM's CPUID.
 */
static void setup_long_mode(int vcpu, uint8_t *mem, struct kvm_sregs *sregs)
{
	static const uint8_t code[] = {
		0xbf, 0x00, 0x10, 0x00, 0x00,
		0x89, 0xbf, 0xf8, 0x0f, 0x00, 0x00,
		0x81, 0xc7, 0x00, 0x10, 0x00, 0x00,
		0x81, 0xff, 0, 0, 0, 0,
		0x72, 0xec,
		0xf4,
	};
	uint64_t *pml4 = (uint64_t *)(mem + 0x1000);
	uint64_t *pdpt = (uint64_t *)(mem + 0x2000);
	uint64_t *pd = (uint64_t *)(mem + 0x3000);
	struct kvm_cpuid2 *cpuid;
	uint32_t size = slot_size;
	unsigned long i;
	int kvm;

	if (slot_size > (1UL << 30))
		fail("-l: at most 1024 MiB");
	memcpy(mem, code, sizeof(code));
	memcpy(mem + 19, &size, 4);
	/*
	 * Present, writable, accessed and (2M pages) dirty and large: a
	 * shadow MMU that found D clear would map the first accesses without
	 * write access, in shadow pages it replaces (and KVM still counts)
	 * at the first write.
	 */
	pml4[0] = 0x2000 | 0x23;
	pdpt[0] = 0x3000 | 0x23;
	for (i = 0; i < (slot_size + HUGE - 1) / HUGE; i++)
		pd[i] = i * HUGE | 0xe3;

	cpuid = calloc(1, sizeof(*cpuid) + 256 * sizeof(cpuid->entries[0]));
	if (!cpuid)
		fail("calloc: %s", strerror(errno));
	cpuid->nent = 256;
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		fail("/dev/kvm: %s", strerror(errno));
	xioctl(kvm, KVM_GET_SUPPORTED_CPUID, cpuid, "KVM_GET_SUPPORTED_CPUID");
	close(kvm);
	xioctl(vcpu, KVM_SET_CPUID2, cpuid, "KVM_SET_CPUID2");
	free(cpuid);

	sregs->cs.l = 1;
	sregs->cs.db = 0;
	sregs->cr3 = 0x1000;
	sregs->cr4 |= 1 << 5;			/* PAE */
	sregs->efer |= 1 << 8 | 1 << 10;	/* LME, LMA */
	sregs->cr0 |= 1U << 31;			/* PG */
}

/*
 * 32-bit protected mode, flat segments, no paging:
 *	mov edi, 0x1000
 * 1:	mov [edi], edi
 *	add edi, 0x1000
 *	cmp edi, SIZE
 *	jb 1b
 *	hlt
 */
static void setup_vcpu(int vm, int vcpu, uint8_t *mem)
{
	static const uint8_t code[] = {
		0xbf, 0x00, 0x10, 0x00, 0x00,
		0x89, 0x3f,
		0x81, 0xc7, 0x00, 0x10, 0x00, 0x00,
		0x81, 0xff, 0, 0, 0, 0,
		0x72, 0xf0,
		0xf4,
	};
	struct kvm_segment seg = {
		.base = 0, .limit = 0xffffffff, .present = 1, .dpl = 0,
		.db = 1, .s = 1, .g = 1,
	};
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	uint32_t size = slot_size;

	memcpy(mem, code, sizeof(code));
	memcpy(mem + 15, &size, 4);
	xioctl(vcpu, KVM_GET_SREGS, &sregs, "KVM_GET_SREGS");
	seg.type = 11;
	seg.selector = 8;
	sregs.cs = seg;
	seg.type = 3;
	seg.selector = 16;
	sregs.ds = sregs.es = sregs.fs = sregs.gs = sregs.ss = seg;
	sregs.cr0 |= 1;
	if (long_mode)
		setup_long_mode(vcpu, mem, &sregs);
	xioctl(vcpu, KVM_SET_SREGS, &sregs, "KVM_SET_SREGS");
	memset(&regs, 0, sizeof(regs));
	regs.rflags = 2;
	regs.rip = 0;
	xioctl(vcpu, KVM_SET_REGS, &regs, "KVM_SET_REGS");
}

static int guest_done(struct kvm_run *run)
{
	return run->exit_reason == KVM_EXIT_HLT;
}
#elif defined(__aarch64__)
static void setup_vcpu(int vm, int vcpu, uint8_t *mem)
{
	if (long_mode)
		fail("-l: x86 only");
	arm64_touch_setup(vm, vcpu, mem, slot_size);
}

static int guest_done(struct kvm_run *run)
{
	return arm64_touch_done(run);
}
#else
#error "kvm_touch supports x86_64 and arm64"
#endif

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Wait for ptwalk to list the VM; it looks twice a second. */
static void wait_for(const char *path)
{
	int i;

	for (i = 0; i < 30 && access(path, R_OK); i++)
		usleep(100000);
}

/* A child that reads PATH to the end, again and again, until killed. */
static pid_t start_reader(const char *path)
{
	static char buf[128 << 10];
	pid_t pid;

	wait_for(path);
	pid = fork();
	if (pid < 0)
		fail("fork: %s", strerror(errno));
	if (pid)
		return pid;
	for (;;) {
		int fd = open(path, O_RDONLY);

		if (fd < 0)
			_exit(1);
		while (read(fd, buf, sizeof(buf)) > 0)
			;
		close(fd);
	}
}

int main(int argc, char **argv)
{
	unsigned long n4k = 0, n2m = 0, nother = 0, checked = 0;
	int vm, vcpu, opt, pm, check = 1, hold = 0, thp = 1, timed = 0;
	pid_t reader = 0;
	double t0;
	char dir[64], path[192], line[512];
	struct kvm_run *run;
	struct test_vm t;
	uint8_t *mem;
	FILE *f;
	int i;

	while ((opt = getopt(argc, argv, "m:t:H:nTRl")) != -1) {
		switch (opt) {
		case 'm': slot_size = strtoul(optarg, NULL, 0) << 20; break;
		case 't': thp = !strcmp(optarg, "thp"); break;
		case 'H': hold = atoi(optarg); break;
		case 'n': check = 0; break;
		case 'T': timed = 1; break;
		case 'R': reader = 1; break;
		case 'l': long_mode = 1; break;
		default:
			fprintf(stderr, "usage: %s [-m MIB] [-t thp|nothp] [-H S] [-n] [-T] [-R] [-l]\n",
				argv[0]);
			return 2;
		}
	}

	test_vm_create(&t, slot_size, thp);
	vm = t.vm;
	vcpu = t.vcpu;
	mem = t.mem;
	run = t.run;
	setup_vcpu(vm, vcpu, mem);

	snprintf(dir, sizeof(dir), "%d-%d", getpid(), vm);
	snprintf(path, sizeof(path), PTWALK_KVM "/%s/stage2", dir);
	if (reader)
		reader = start_reader(path);
	t0 = now();
	for (i = 0; i < 16; i++) {
		xioctl(vcpu, KVM_RUN, NULL, "KVM_RUN");
		if (guest_done(run))
			break;
	}
	if (!guest_done(run))
		fail("guest did not finish: exit reason %u", run->exit_reason);
	if (timed)
		printf("TOUCH mib=%lu thp=%d reader=%d touch_ms=%.1f\n",
		       slot_size >> 20, thp, reader > 0, (now() - t0) * 1e3);
	if (reader > 0) {
		kill(reader, SIGKILL);
		waitpid(reader, NULL, 0);
	}
	if (!check) {
		printf("PASS guest ran: vm %s\n", dir);
		fflush(stdout);
		if (hold)
			sleep(hold);
		return 0;
	}

	wait_for(path);
	f = fopen(path, "r");
	if (!f)
		fail("%s: %s", path, strerror(errno));
	pm = open("/proc/self/pagemap", O_RDONLY);
	if (pm < 0)
		fail("pagemap: %s", strerror(errno));

	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, pages, pa, off;
		char pgsize[16], perm[8];

		if (line[0] == '#')
			continue;
		if (sscanf(line, "%llx %llx %15s %llu %llx %7s", &start, &end,
			   pgsize, &pages, &pa, perm) != 6)
			fail("unparsable line: %s", line);
		if (end > slot_size)
			fail("mapping outside the memslot: %s", line);
		if (!strcmp(pgsize, "4K"))
			n4k += pages;
		else if (!strcmp(pgsize, "2M"))
			n2m += pages;
		else
			nother += pages;
		for (off = 0; start + off < end; off += PAGE, checked++) {
			uint64_t pfn = pagemap_pfn(pm, (unsigned long)mem + start + off);

			if (pfn != (pa + off) / PAGE)
				fail("gpa 0x%llx: stage2 hpa 0x%llx, pagemap pfn 0x%" PRIx64,
				     start + off, pa + off, pfn);
		}
	}
	fclose(f);
	if (checked != slot_size / PAGE)
		fail("stage2 maps %lu pages of the slot, the guest touched %lu",
		     checked, slot_size / PAGE);

	if (access("/sys/kernel/debug/kvm", F_OK) == 0 &&
	    kvm_stat(dir, "pages_4k") >= 0) {
		long s4k = kvm_stat(dir, "pages_4k");
		long s2m = kvm_stat(dir, "pages_2m");

		if (s4k != (long)n4k || s2m != (long)n2m)
			fail("leaves 4K %lu 2M %lu, KVM says pages_4k %ld pages_2m %ld",
			     n4k, n2m, s4k, s2m);
	}
	if (!thp && (n2m || nother))
		fail("MADV_NOHUGEPAGE, yet 2M leaves %lu other %lu", n2m, nother);
	if (thp && n2m == 0)
		fail("THP, yet no 2M leaves (4K leaves %lu)", n4k);

	printf("PASS %s %luMiB: 4K leaves %lu, 2M leaves %lu, %lu pages match pagemap\n",
	       thp ? "thp" : "nothp", slot_size >> 20, n4k, n2m, checked);
	fflush(stdout);
	if (hold)
		sleep(hold);
	return 0;
}

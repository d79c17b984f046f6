// SPDX-License-Identifier: GPL-2.0
/*
 * kvm_roots: a VM's roots, as its info file names them and "root=ID"
 * dumps them, checked against pagemap and KVM's own counters.
 *
 * On every architecture, vCPU 0 touches each page of a 512 KiB memslot,
 * then:
 *   - "root=ID" with the default root's ID dumps what the default dump
 *     does, line for line, and says "chosen" where that says "default",
 *     in the header of every view;
 *   - an ID that names no root is ENOENT at the write, a malformed one
 *     EINVAL, and "root=default" goes back to the default.
 * On x86, vCPU 1 then enters SMM (KVM_SMI) and halts there, after storing
 * to GPA 0x1000 from its handler at SMBASE + 0x8000:
 *   - info names the SMM root (smm 1, held by vCPU 1) besides vCPU 0's;
 *   - the SMM root's dump is cut at address space 1's memslot, which maps
 *     the same memory, and its leaves, the handler's page and 0x1000
 *     among them, map the pages pagemap reports;
 *   - the default dump still walks vCPU 0's root, unchanged;
 *   - the 4K leaves of the two roots add up to KVM's pages_4k.
 *
 * Usage: kvm_roots [-H SECONDS]
 *   -H: keep the VM, vCPU 1 in SMM, for SECONDS after the checks.
 * Prints "PASS ..." or "FAIL reason" and exits 0 or 1.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <linux/kvm.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "util.h"

#define SLOT		(512UL << 10)
#define PTWALK_KVM	"/sys/kernel/debug/ptwalk/kvm"
#define SMM_HANDLER	0x38000		/* the default SMBASE, 0x30000, + 0x8000 */

static uint8_t *mem;
static int pm;
static char dir[64];

/* What one dump showed. */
struct dump {
	unsigned long long root;	/* from the header */
	char how[16];			/* "default" or "chosen" */
	char marker[512];		/* the first memslot marker */
	unsigned long leaves;		/* 4K leaves */
	int has_1000, has_handler;	/* leaves at 0x1000 and SMM_HANDLER */
	char text[64 << 10];		/* the lines after the header */
};

static void path_of(char *buf, size_t size, const char *file)
{
	snprintf(buf, size, PTWALK_KVM "/%s/%s", dir, file);
}

/* Write @cmd to the stage2 file @fd; return 0 or errno. */
static int command(int fd, const char *cmd)
{
	return write(fd, cmd, strlen(cmd)) < 0 ? errno : 0;
}

/*
 * Dump the stage2 file, with "root=ID" first unless @root is 0, and check
 * every leaf against pagemap.
 */
static void dump(unsigned long long root, struct dump *d)
{
	char path[192], line[512], cmd[64];
	size_t used = 0;
	FILE *f;
	int fd;

	memset(d, 0, sizeof(*d));
	path_of(path, sizeof(path), "stage2");
	fd = open(path, O_RDWR);
	if (fd < 0)
		fail("%s: %s", path, strerror(errno));
	if (root) {
		snprintf(cmd, sizeof(cmd), "root=0x%llx", root);
		if (command(fd, cmd))
			fail("%s: %s", cmd, strerror(errno));
	}
	f = fdopen(fd, "r");
	if (!f)
		fail("fdopen: %s", strerror(errno));
	if (!fgets(line, sizeof(line), f) ||
	    sscanf(line, "# ptwalk kvm %*s root %llx %15s", &d->root, d->how) != 2)
		fail("%s: no header: %s", path, line);
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, pages, pa, off;
		char pgsize[16];

		if (used + strlen(line) >= sizeof(d->text))
			fail("%s: a longer dump than expected", path);
		strcpy(d->text + used, line);
		used += strlen(line);
		if (!strncmp(line, "# ---[ memslot", 14) && !d->marker[0])
			snprintf(d->marker, sizeof(d->marker), "%s", line);
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%llx %llx %15s %llu %llx", &start, &end,
			   pgsize, &pages, &pa) != 5)
			fail("unparsable line: %s", line);
		if (strcmp(pgsize, "4K"))
			fail("a %s leaf in 4K-backed memory: %s", pgsize, line);
		if (end > SLOT)
			fail("a leaf outside the memslot: %s", line);
		d->leaves += pages;
		d->has_1000 |= start <= 0x1000 && 0x1000 < end;
		d->has_handler |= start <= SMM_HANDLER && SMM_HANDLER < end;
		for (off = 0; start + off < end; off += PAGE) {
			uint64_t pfn = pagemap_pfn(pm, (unsigned long)mem + start + off);

			if (pfn != (pa + off) / PAGE)
				fail("gpa 0x%llx: hpa 0x%llx, pagemap pfn 0x%" PRIx64 " (root 0x%llx)",
				     start + off, pa + off, pfn, d->root);
		}
	}
	if (ferror(f))
		fail("reading %s: %s", path, strerror(errno));
	fclose(f);
}

/* The value of "KEY 0x..." in info, or 0 for none. */
static unsigned long long info_hex(const char *key)
{
	char path[192], line[512];
	unsigned long long v = 0;
	size_t n = strlen(key);
	FILE *f;

	path_of(path, sizeof(path), "info");
	f = fopen(path, "r");
	if (!f)
		fail("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ' ')
			sscanf(line + n + 1, "%llx", &v);
	fclose(f);
	return v;
}

static void wait_for_dir(void)
{
	char path[192];
	int i;

	path_of(path, sizeof(path), "stage2");
	for (i = 0; i < 30 && access(path, R_OK); i++)
		usleep(100000);
	if (access(path, R_OK))
		fail("%s: %s", path, strerror(errno));
}

/* The words root= takes and rejects, and the default dump's ID. */
static unsigned long long check_commands(void)
{
	static struct dump def, chosen;
	char path[192];
	int fd, err, i;

	dump(0, &def);
	if (strcmp(def.how, "default"))
		fail("default dump: header says '%s'", def.how);
	if (def.root != info_hex("default_root"))
		fail("default dump of root 0x%llx, info's default_root 0x%llx",
		     def.root, info_hex("default_root"));
	dump(def.root, &chosen);
	if (strcmp(chosen.how, "chosen") || chosen.root != def.root)
		fail("root=0x%llx: header says root 0x%llx %s", def.root,
		     chosen.root, chosen.how);
	if (strcmp(def.text, chosen.text))
		fail("root=0x%llx dumps other lines than the default dump", def.root);

	path_of(path, sizeof(path), "stage2");
	fd = open(path, O_RDWR);
	if (fd < 0)
		fail("%s: %s", path, strerror(errno));
	err = command(fd, "root=0x1000");
	if (err != ENOENT)
		fail("root=0x1000 (no root): %s, not ENOENT", strerror(err));
	err = command(fd, "root=0x1001");
	if (err != EINVAL)
		fail("root=0x1001: %s, not EINVAL", strerror(err));
	err = command(fd, "root=nonsense");
	if (err != EINVAL)
		fail("root=nonsense: %s, not EINVAL", strerror(err));
	/* Every view takes root=, and says so in its header. */
	for (i = 0; i < 3; i++) {
		static const char * const views[] = { "attr", "raw", "summary" };
		unsigned long long hdr;
		char cmd[64], line[512];
		ssize_t n;

		snprintf(cmd, sizeof(cmd), "view=%s root=0x%llx", views[i], def.root);
		err = command(fd, cmd);
		if (err)
			fail("%s: %s", cmd, strerror(err));
		n = pread(fd, line, sizeof(line) - 1, 0);
		if (n <= 0)
			fail("%s: read: %s", cmd, n ? strerror(errno) : "nothing");
		line[n] = 0;
		if (sscanf(line, "# ptwalk kvm %*s root %llx chosen format %*s view %15s",
			   &hdr, cmd) != 2 || hdr != def.root || strcmp(cmd, views[i]))
			fail("view=%s root=0x%llx: header %.*s", views[i], def.root,
			     (int)strcspn(line, "\n"), line);
	}
	err = command(fd, "root=default");
	if (err)
		fail("root=default: %s", strerror(err));
	close(fd);
	return def.root;
}

static void run_vcpu(int vcpu, struct kvm_run *run, const char *what);

#if defined(__x86_64__)
/* The root info names with @role in its line and @user among its users. */
static unsigned long long info_root(const char *role, const char *user)
{
	char path[192], line[1024];
	unsigned long long v = 0;
	FILE *f;

	path_of(path, sizeof(path), "info");
	f = fopen(path, "r");
	if (!f)
		fail("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "root 0x", 7) && strstr(line, role) &&
		    strstr(line, user))
			sscanf(line + 5, "%llx", &v);
	fclose(f);
	return v;
}

/*
 * Real mode, CS base 0:
 *	mov ax, 0x100
 * 1:	mov es, ax
 *	mov es:[0], al
 *	add ax, 0x100
 *	cmp ax, SLOT >> 4
 *	jb 1b
 *	hlt
 */
static void setup_vcpu0(int vm, int vcpu)
{
	static const uint8_t code[] = {
		0xb8, 0x00, 0x01,
		0x8e, 0xc0,
		0x26, 0xa2, 0x00, 0x00,
		0x05, 0x00, 0x01,
		0x3d, (SLOT >> 4) & 0xff, (SLOT >> 12) & 0xff,
		0x72, 0xf2,
		0xf4,
	};
	struct kvm_sregs sregs;
	struct kvm_regs regs;

	memcpy(mem, code, sizeof(code));
	xioctl(vcpu, KVM_GET_SREGS, &sregs, "KVM_GET_SREGS");
	sregs.cs.base = 0;
	sregs.cs.selector = 0;
	xioctl(vcpu, KVM_SET_SREGS, &sregs, "KVM_SET_SREGS");
	memset(&regs, 0, sizeof(regs));
	regs.rflags = 2;
	xioctl(vcpu, KVM_SET_REGS, &regs, "KVM_SET_REGS");
}

/* Where the guest's code ends: hlt. */
static int vcpu_done(struct kvm_run *run)
{
	return run->exit_reason == KVM_EXIT_HLT;
}

/*
 * vCPU 1 enters SMM at once and runs its handler (16-bit, data segments
 * based at 0):
 *	mov [0x1000], al
 *	hlt
 */
static void smm(int kvm, int vm, unsigned long long def_root,
		unsigned long def_leaves)
{
	static const uint8_t handler[] = { 0xa2, 0x00, 0x10, 0xf4 };
	static struct dump s, d;
	struct kvm_userspace_memory_region region = {
		.slot = 1 << 16,
		.guest_phys_addr = 0,
		.memory_size = SLOT,
		.userspace_addr = (unsigned long)mem,
	};
	struct kvm_vcpu_events ev;
	unsigned long long root;
	struct kvm_run *run;
	long n4k;
	int vcpu;

	if (ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_X86_SMM) <= 0 ||
	    ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_MULTI_ADDRESS_SPACE) < 2)
		fail("KVM without SMM");
	xioctl(vm, KVM_SET_USER_MEMORY_REGION, &region, "memslot in address space 1");
	memcpy(mem + SMM_HANDLER, handler, sizeof(handler));
	vcpu = xioctl(vm, KVM_CREATE_VCPU, (void *)1, "KVM_CREATE_VCPU 1");
	run = vcpu_run_map(kvm, vcpu);
	xioctl(vcpu, KVM_SMI, NULL, "KVM_SMI");
	run_vcpu(vcpu, run, "KVM_RUN vCPU 1");
	xioctl(vcpu, KVM_GET_VCPU_EVENTS, &ev, "KVM_GET_VCPU_EVENTS");
	if (!(ev.smi.smm & 1))
		fail("vCPU 1 halted outside SMM");
	/* ptwalk may dump a root freed by the memslot change: look again. */
	usleep(100000);

	root = info_root(" smm 1 ", "vcpu1:l1:current");
	if (!root)
		fail("info names no SMM root of vCPU 1");
	if (info_hex("default_root") != def_root)
		fail("default_root 0x%llx after vCPU 1 entered SMM, 0x%llx before",
		     info_hex("default_root"), def_root);
	if (!info_root(" smm 0 ", "vcpu0:l1:current"))
		fail("info names no L1 root of vCPU 0");
	dump(root, &s);
	if (s.root != root || strcmp(s.how, "chosen"))
		fail("root=0x%llx: header says root 0x%llx %s", root, s.root, s.how);
	if (!strstr(s.marker, "memslot 0 as 1 hva "))
		fail("SMM root: not cut at address space 1's memslot: %s", s.marker);
	if (!s.has_1000 || !s.has_handler)
		fail("SMM root: no leaf at 0x1000 (%d) or at the handler (%d)",
		     s.has_1000, s.has_handler);
	dump(0, &d);
	if (d.root != def_root || d.leaves != def_leaves)
		fail("the default dump changed: root 0x%llx, %lu leaves; before 0x%llx, %lu",
		     d.root, d.leaves, def_root, def_leaves);
	n4k = kvm_stat(dir, "pages_4k");
	if (n4k >= 0 && n4k != (long)(d.leaves + s.leaves))
		fail("4K leaves: %lu in vCPU 0's root and %lu in the SMM root, KVM says pages_4k %ld",
		     d.leaves, s.leaves, n4k);
	printf("PASS default root 0x%llx: %lu leaves, the same after vCPU 1 entered SMM; SMM root 0x%llx: %lu leaves through address space 1, each at pagemap's page; together KVM's pages_4k %ld; root= takes the default's ID and default, rejects others\n",
	       def_root, def_leaves, root, s.leaves, n4k);
}
#elif defined(__aarch64__)
static void setup_vcpu0(int vm, int vcpu)
{
	arm64_touch_setup(vm, vcpu, mem, SLOT);
}

static int vcpu_done(struct kvm_run *run)
{
	return arm64_touch_done(run);
}
#else
#error "kvm_roots supports x86_64 and arm64"
#endif

/* Run the vCPU until its code ends (vcpu_done()). */
static void run_vcpu(int vcpu, struct kvm_run *run, const char *what)
{
	int i;

	for (i = 0; i < 16; i++) {
		xioctl(vcpu, KVM_RUN, NULL, what);
		if (vcpu_done(run))
			return;
	}
	fail("%s: the guest did not end, exit reason %u", what, run->exit_reason);
}

int main(int argc, char **argv)
{
	unsigned long long def_root;
	static struct dump d;
	struct kvm_run *run;
	int vm, vcpu;
	struct test_vm t;
	int hold = 0;

	if (argc == 3 && !strcmp(argv[1], "-H"))
		hold = atoi(argv[2]);
	else if (argc != 1)
		fail("usage: kvm_roots [-H SECONDS]");
	test_vm_create(&t, SLOT, 0);
	vm = t.vm;
	vcpu = t.vcpu;
	mem = t.mem;
	run = t.run;
	setup_vcpu0(vm, vcpu);
	run_vcpu(vcpu, run, "KVM_RUN vCPU 0");

	pm = open("/proc/self/pagemap", O_RDONLY);
	if (pm < 0)
		fail("pagemap: %s", strerror(errno));
	snprintf(dir, sizeof(dir), "%d-%d", getpid(), vm);
	wait_for_dir();
	def_root = check_commands();
	dump(0, &d);
	if (d.leaves < SLOT / PAGE - 1)
		fail("the default root maps %lu pages, vCPU 0 touched %lu",
		     d.leaves, SLOT / PAGE - 1);
#if defined(__x86_64__)
	smm(t.kvm, vm, def_root, d.leaves);
#else
	printf("PASS default root 0x%llx: %lu leaves at pagemap's pages; root= takes its ID and default, rejects others\n",
	       def_root, d.leaves);
#endif
	fflush(stdout);
	if (hold)
		sleep(hold);
	return 0;
}

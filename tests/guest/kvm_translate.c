// SPDX-License-Identifier: GPL-2.0
/*
 * kvm_translate: a guest on page tables of its own, which the VMM writes
 * into guest memory, and the VM's translate file checked against the
 * program's own table of mappings and /proc/self/pagemap.
 *
 * One 16 MiB memslot at GPA 0.  The guest's tables (x86 4-level long
 * mode, or 5-level with -5; arm64 stage 1, 4K granule, 48-bit input):
 *
 *   GVA 0x0000000000000000  2M  -> GPA 0: code, tables, the list (identity)
 *   GVA 0x0000000010000000  2M  -> GPA 0x10000000, Device (arm64 only: the
 *                                  MMIO exit, outside the memslot)
 *   GVA 0x00007f1234000000  64 x 4K -> GPA 0x200000 + (63 - i) * 4K
 *   GVA 0x00007f1234040000  64 x 4K -> GPA 0x300000 + i * 4K
 *   GVA 0x00007f1234200000  2M leaf -> GPA 0x400000
 *   GVA 0x00007f1234400000  2M: a table entry to GPA 0x40000000, outside
 *                           every memslot (never touched)
 *
 * The guest stores to every 4K page of the three data ranges, walking a
 * list of their GVAs at GPA 0x10000, then halts (x86) or writes to
 * ARM64_TOUCH_DONE (arm64).  Then, the VM kept alive:
 *   - info's guest_root line for vCPU 0 names the root the program set
 *     (x86 Intel: unknown);
 *   - before any command translate reads "# no guest root: write ...";
 *   - the full dump translates every page of the table above, and nothing
 *     else, to its GPA and to pagemap's page for that GPA (the pages the
 *     guest touched must be mapped; untouched identity pages may read
 *     "none"), the data pages writable, the MMIO block "none", with one
 *     BAD=s2 line for the table outside the memslots;
 *   - read one byte at a time it gives the same bytes;
 *   - bad commands fail with EINVAL or ERANGE and leave the dump as it was;
 *   - a range of 10 of the reversed pages dumps exactly those.
 *
 * Usage: kvm_translate [-t thp|nothp] [-5] [-n] [-H SECONDS]
 *   -5: (x86) 5-level paging (CR4.LA57) when the vCPU's CPUID has LA57;
 *       without it, 4-level paging, with a message;
 *   -n: check no translate or info line; check instead, through the
 *       stage2 file, that every GPA the guest touched is mapped at
 *       pagemap's page (the guest ran on its own tables);
 *   -H: keep the VM for SECONDS after the checks.
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

#define SLOT		(16UL << 20)
#define HUGE		(2UL << 20)
#define PTWALK_KVM	"/sys/kernel/debug/ptwalk/kvm"

/* Guest physical layout: the code, the tables, the list. */
#define CODE_GPA	0x0000UL
#define TOP_GPA		0x1000UL	/* PML4, arm64 level 0 */
#define ID1_GPA		0x2000UL	/* identity PDPT, level 1 */
#define ID2_GPA		0x3000UL	/* identity PD, level 2 */
#define HI1_GPA		0x4000UL	/* high PDPT, level 1 */
#define HI2_GPA		0x5000UL	/* high PD, level 2 */
#define HI3_GPA		0x6000UL	/* high PT, level 3 */
#define PML5_GPA	0x7000UL	/* -5 */
#define LIST_GPA	0x10000UL
#define LIST_PAGES	2

/* The data and the bad table, at high GVAs. */
#define HIGH		0x00007f1234000000UL
#define REV_GVA		HIGH
#define REV_GPA		0x200000UL
#define SEQ_GVA		(HIGH + 64 * PAGE)
#define SEQ_GPA		0x300000UL
#define BIG_GVA		(HIGH + HUGE)
#define BIG_GPA		0x400000UL
#define BAD_GVA		(HIGH + 2 * HUGE)
#define BAD_GPA		0x40000000UL
#define NDATA		(64 + 64 + HUGE / PAGE)

/* The middle 10 of the reversed pages, for the range command. */
#define RANGE_START	(REV_GVA + 27 * PAGE)
#define RANGE_END	(RANGE_START + 10 * PAGE)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define IDX(va, shift)	(((va) >> (shift)) & 511)

enum kind { IDENT, DATA, MMIO };

/* One mapping of the guest's tables, as the program made it. */
struct map {
	unsigned long gva, gpa, size;
	enum kind kind;
	unsigned char *seen;		/* per 4K page, by the last dump */
};

static struct map maps[80];
static int nmaps;
static uint8_t *mem;
static int pm, la57;
static unsigned long root;		/* CR3 or TTBR0_EL1, as set */
static unsigned long cmd_root;		/* the root written to translate */
static char dir[64];

#if defined(__x86_64__)
#define ARCH_ROOT	"cr3"
#define OTHER_ROOT	"ttbr"
#define TABLE		0x27UL		/* P RW US A */
#define LEAF		0x67UL		/* P RW US A D */
#define BLOCK		0xe7UL		/* P RW US A D PS */
#elif defined(__aarch64__)
#define ARCH_ROOT	"ttbr"
#define OTHER_ROOT	"cr3"
#define TABLE		0x3UL
#define LEAF		0x703UL		/* page, AF, inner shareable, attr 0 */
#define BLOCK		0x701UL		/* block, AF, inner shareable, attr 0 */
/* Device-nGnRnE (MAIR attr 1 = 0x00) block, AF, PXN, UXN. */
#define DEVICE		(0x405UL | 3UL << 53)
#else
#error "kvm_translate supports x86_64 and arm64"
#endif

static void add_map(unsigned long gva, unsigned long gpa, unsigned long size,
		    enum kind kind)
{
	struct map *m = &maps[nmaps++];

	m->gva = gva;
	m->gpa = gpa;
	m->size = size;
	m->kind = kind;
	m->seen = calloc(size / PAGE, 1);
	if (!m->seen)
		fail("calloc: %s", strerror(errno));
}

static uint64_t *table(unsigned long gpa)
{
	return (uint64_t *)(mem + gpa);
}

/*
 * The tables, the same shape on both architectures (x86 PML4/PDPT/PD/PT
 * are levels 0 to 3), the list of GVAs to store to, and the table of
 * mappings the checks use.
 */
static void build_tables(void)
{
	uint64_t *list = (uint64_t *)(mem + LIST_GPA);
	unsigned long i, n = 0;

	table(TOP_GPA)[0] = ID1_GPA | TABLE;
	table(ID1_GPA)[0] = ID2_GPA | TABLE;
	table(ID2_GPA)[0] = 0 | BLOCK;
	add_map(0, 0, HUGE, IDENT);
#if defined(__aarch64__)
	table(ID2_GPA)[IDX(ARM64_TOUCH_DONE, 21)] = ARM64_TOUCH_DONE | DEVICE;
	add_map(ARM64_TOUCH_DONE, ARM64_TOUCH_DONE, HUGE, MMIO);
#endif
	table(TOP_GPA)[IDX(HIGH, 39)] = HI1_GPA | TABLE;
	table(HI1_GPA)[IDX(HIGH, 30)] = HI2_GPA | TABLE;
	table(HI2_GPA)[IDX(HIGH, 21)] = HI3_GPA | TABLE;
	for (i = 0; i < 64; i++) {
		table(HI3_GPA)[IDX(REV_GVA + i * PAGE, 12)] =
			(REV_GPA + (63 - i) * PAGE) | LEAF;
		add_map(REV_GVA + i * PAGE, REV_GPA + (63 - i) * PAGE, PAGE, DATA);
		list[n++] = REV_GVA + i * PAGE;
	}
	for (i = 0; i < 64; i++) {
		table(HI3_GPA)[IDX(SEQ_GVA + i * PAGE, 12)] =
			(SEQ_GPA + i * PAGE) | LEAF;
		list[n++] = SEQ_GVA + i * PAGE;
	}
	add_map(SEQ_GVA, SEQ_GPA, 64 * PAGE, DATA);
	table(HI2_GPA)[IDX(BIG_GVA, 21)] = BIG_GPA | BLOCK;
	add_map(BIG_GVA, BIG_GPA, HUGE, DATA);
	for (i = 0; i < HUGE / PAGE; i++)
		list[n++] = BIG_GVA + i * PAGE;
	table(HI2_GPA)[IDX(BAD_GVA, 21)] = BAD_GPA | TABLE;
	list[n] = 0;
	if (la57)
		table(PML5_GPA)[0] = TOP_GPA | TABLE;
}

/* Whether the guest itself reads or writes the identity page at @gpa. */
static int guest_uses(unsigned long gpa)
{
	gpa &= ~(PAGE - 1);
	if (gpa == CODE_GPA || (gpa >= TOP_GPA && gpa <= HI3_GPA))
		return 1;
	if (la57 && gpa == PML5_GPA)
		return 1;
	return gpa >= LIST_GPA && gpa < LIST_GPA + LIST_PAGES * PAGE;
}

#if defined(__x86_64__)
/*
 * 64-bit mode, CR3 = TOP_GPA (PML5_GPA with -5):
 *	mov esi, LIST_GPA
 * 1:	mov rax, [rsi]
 *	test rax, rax
 *	jz 2f
 *	mov [rax], eax
 *	add rsi, 8
 *	jmp 1b
 * 2:	hlt
 */
static void setup_vcpu(int kvm, int vm, int vcpu)
{
	static const uint8_t code[] = {
		0xbe, LIST_GPA & 0xff, (LIST_GPA >> 8) & 0xff,
		(LIST_GPA >> 16) & 0xff, 0x00,
		0x48, 0x8b, 0x06,
		0x48, 0x85, 0xc0,
		0x74, 0x08,
		0x89, 0x00,
		0x48, 0x83, 0xc6, 0x08,
		0xeb, 0xf0,
		0xf4,
	};
	struct kvm_segment seg = {
		.base = 0, .limit = 0xffffffff, .present = 1, .dpl = 0,
		.db = 1, .s = 1, .g = 1,
	};
	struct kvm_cpuid2 *cpuid;
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	unsigned int i;
	int has_la57 = 0;

	memcpy(mem + CODE_GPA, code, sizeof(code));

	cpuid = calloc(1, sizeof(*cpuid) + 256 * sizeof(cpuid->entries[0]));
	if (!cpuid)
		fail("calloc: %s", strerror(errno));
	cpuid->nent = 256;
	xioctl(kvm, KVM_GET_SUPPORTED_CPUID, cpuid, "KVM_GET_SUPPORTED_CPUID");
	for (i = 0; i < cpuid->nent; i++)
		if (cpuid->entries[i].function == 7 &&
		    cpuid->entries[i].index == 0)
			has_la57 = !!(cpuid->entries[i].ecx & (1U << 16));
	xioctl(vcpu, KVM_SET_CPUID2, cpuid, "KVM_SET_CPUID2");
	free(cpuid);
	if (la57 && !has_la57) {
		printf("-5: no LA57 in the vCPU's CPUID, 4-level paging\n");
		la57 = 0;
	}

	build_tables();
	root = la57 ? PML5_GPA : TOP_GPA;

	xioctl(vcpu, KVM_GET_SREGS, &sregs, "KVM_GET_SREGS");
	seg.type = 11;
	seg.selector = 8;
	seg.l = 1;
	seg.db = 0;
	sregs.cs = seg;
	seg.type = 3;
	seg.selector = 16;
	seg.l = 0;
	seg.db = 1;
	sregs.ds = sregs.es = sregs.fs = sregs.gs = sregs.ss = seg;
	sregs.cr3 = root;
	sregs.cr4 |= 1 << 5;				/* PAE */
	if (la57)
		sregs.cr4 |= 1 << 12;			/* LA57 */
	sregs.efer |= 1 << 8 | 1 << 10;			/* LME, LMA */
	sregs.cr0 |= 1 | 1U << 31;			/* PE, PG */
	xioctl(vcpu, KVM_SET_SREGS, &sregs, "KVM_SET_SREGS");
	memset(&regs, 0, sizeof(regs));
	regs.rflags = 2;
	regs.rip = CODE_GPA;
	xioctl(vcpu, KVM_SET_REGS, &regs, "KVM_SET_REGS");
}

static int guest_done(struct kvm_run *run)
{
	return run->exit_reason == KVM_EXIT_HLT;
}
#else
static void set_reg(int vcpu, uint64_t id, uint64_t val, const char *what)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uint64_t)&val };

	xioctl(vcpu, KVM_SET_ONE_REG, &reg, what);
}

static uint64_t get_reg(int vcpu, uint64_t id, const char *what)
{
	uint64_t val;
	struct kvm_one_reg reg = { .id = id, .addr = (uint64_t)&val };

	xioctl(vcpu, KVM_GET_ONE_REG, &reg, what);
	return val;
}

/*
 * EL1, MMU on, TTBR0_EL1 = TOP_GPA:
 *	movz x1, #LIST_GPA >> 16, lsl #16
 * 1:	ldr x0, [x1], #8
 *	cbz x0, 2f
 *	str w0, [x0]
 *	b 1b
 * 2:	movz x2, #ARM64_TOUCH_DONE >> 16, lsl #16
 *	str x0, [x2]
 *	b .
 */
static void setup_vcpu(int kvm, int vm, int vcpu)
{
	const uint32_t code[] = {
		0xd2a00001 | (uint32_t)(LIST_GPA >> 16) << 5,
		0xf8408420,
		0xb4000060,
		0xb9000000,
		0x17fffffd,
		0xd2a00002 | (uint32_t)(ARM64_TOUCH_DONE >> 16) << 5,
		0xf9000040,
		0x14000000,
	};
	struct kvm_vcpu_init init;
	uint64_t ips, sctlr;

	if (la57) {
		printf("-5: x86 only, 4-level stage 1\n");
		la57 = 0;
	}
	memcpy(mem + CODE_GPA, code, sizeof(code));
	build_tables();
	root = TOP_GPA;

	xioctl(vm, KVM_ARM_PREFERRED_TARGET, &init, "KVM_ARM_PREFERRED_TARGET");
	xioctl(vcpu, KVM_ARM_VCPU_INIT, &init, "KVM_ARM_VCPU_INIT");
	set_reg(vcpu, KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |
		KVM_REG_ARM_CORE_REG(regs.pc), CODE_GPA, "KVM_SET_ONE_REG pc");

	/* ID_AA64MMFR0_EL1.PARange, at most 48 bits without LPA2. */
	ips = get_reg(vcpu, ARM64_SYS_REG(3, 0, 0, 7, 0),
		      "KVM_GET_ONE_REG ID_AA64MMFR0_EL1") & 0xf;
	if (ips > 5)
		ips = 5;
	/* attr 0 normal write-back, attr 1 Device-nGnRnE */
	set_reg(vcpu, ARM64_SYS_REG(3, 0, 10, 2, 0), 0xff,
		"KVM_SET_ONE_REG MAIR_EL1");
	/* T0SZ 16, IRGN0 ORGN0 WBWA, SH0 inner, TG0 4K, EPD1, IPS */
	set_reg(vcpu, ARM64_SYS_REG(3, 0, 2, 0, 2),
		16 | 1UL << 8 | 1UL << 10 | 3UL << 12 | 1UL << 23 | ips << 32,
		"KVM_SET_ONE_REG TCR_EL1");
	set_reg(vcpu, ARM64_SYS_REG(3, 0, 2, 0, 0), root,
		"KVM_SET_ONE_REG TTBR0_EL1");
	sctlr = get_reg(vcpu, ARM64_SYS_REG(3, 0, 1, 0, 0),
			"KVM_GET_ONE_REG SCTLR_EL1");
	set_reg(vcpu, ARM64_SYS_REG(3, 0, 1, 0, 0), sctlr | 1 | 1 << 2 | 1 << 12,
		"KVM_SET_ONE_REG SCTLR_EL1");	/* M, C, I */
}

static int guest_done(struct kvm_run *run)
{
	return arm64_touch_done(run);
}
#endif

static void path_of(char *buf, size_t size, const char *file)
{
	snprintf(buf, size, PTWALK_KVM "/%s/%s", dir, file);
}

/* The host physical address pagemap gives for @gpa, 0 when none. */
static unsigned long host_pa(unsigned long gpa)
{
	return pagemap_pfn(pm, (unsigned long)mem + gpa) * PAGE;
}

/* A map's entry for @gva, or NULL. */
static struct map *map_of(unsigned long gva)
{
	int i;

	for (i = 0; i < nmaps; i++)
		if (gva >= maps[i].gva && gva - maps[i].gva < maps[i].size)
			return &maps[i];
	return NULL;
}

/*
 * -n: every GPA the guest touched, its tables and code among them, is
 * mapped in the stage2 file at pagemap's page, the data pages writable.
 */
static void check_stage2(void)
{
	static struct { unsigned long long start, end, pa; char perm[8]; } r[8192];
	char path[192], line[512];
	unsigned long gpa, checked = 0;
	int n = 0, i, j;
	FILE *f;

	path_of(path, sizeof(path), "stage2");
	f = fopen(path, "r");
	if (!f)
		fail("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		unsigned long long pages;
		char pgsize[16];

		if (line[0] == '#')
			continue;
		if (n == (int)ARRAY_SIZE(r))
			fail("stage2: more lines than expected");
		if (sscanf(line, "%llx %llx %15s %llu %llx %7s", &r[n].start,
			   &r[n].end, pgsize, &pages, &r[n].pa, r[n].perm) != 6)
			fail("stage2: unparsable line: %s", line);
		n++;
	}
	fclose(f);
	for (i = 0; i < nmaps; i++) {
		struct map *m = &maps[i];

		for (gpa = m->gpa; gpa < m->gpa + m->size; gpa += PAGE) {
			if (m->kind == MMIO ||
			    (m->kind == IDENT && !guest_uses(gpa)))
				continue;
			for (j = 0; j < n; j++)
				if (gpa >= r[j].start && gpa < r[j].end)
					break;
			if (j == n)
				fail("stage2 does not map gpa 0x%lx, which the guest touched",
				     gpa);
			if (r[j].pa + gpa - r[j].start != host_pa(gpa))
				fail("gpa 0x%lx: stage2 hpa 0x%llx, pagemap 0x%lx",
				     gpa, r[j].pa + gpa - r[j].start, host_pa(gpa));
			if (m->kind == DATA && r[j].perm[1] != 'w')
				fail("gpa 0x%lx, written by the guest: stage2 perm %s",
				     gpa, r[j].perm);
			checked++;
		}
	}
	printf("PASS -n: the guest ran on its own tables (root 0x%lx%s): %lu pages it touched at pagemap's, %d stage2 lines\n",
	       root, la57 ? ", 5-level" : "", checked, n);
}

/*
 * info's guest_root line for vCPU 0 must name the root the program set,
 * or, on x86 Intel, say unknown.  Returns the root to write.
 */
static unsigned long check_info(void)
{
	char path[192], line[512], vendor[32] = "";
	unsigned long long v, a, b;
	int found = 0;
	FILE *f;

	path_of(path, sizeof(path), "info");
	f = fopen(path, "r");
	if (!f)
		fail("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "vendor %31s", vendor) == 1)
			continue;
		if (strncmp(line, "guest_root vcpu0 ", 17))
			continue;
		found = 1;
		break;
	}
	fclose(f);
	if (!found)
		fail("info: no guest_root line for vcpu0");
	line[strcspn(line, "\n")] = 0;
	if (!strncmp(line + 17, "unknown", 7)) {
#if defined(__x86_64__)
		if (!strcmp(vendor, "intel"))
			return root;
#endif
		fail("info: %s (vendor %s): the vCPU is stopped, its root known",
		     line, vendor);
	}
#if defined(__x86_64__)
	if (!strcmp(vendor, "intel"))
		fail("info: %s: on Intel the root is unknown", line);
	if (sscanf(line + 17, "cr3 %llx cr4 %llx efer %llx", &v, &a, &b) != 3)
		fail("info: unparsable: %s", line);
	if (!!(a & 1 << 12) != la57)
		fail("info: %s: CR4.LA57 should be %d", line, la57);
	if (!(b & 1 << 10))
		fail("info: %s: EFER.LMA clear in a 64-bit guest", line);
#else
	if (sscanf(line + 17, "ttbr0 %llx ttbr1 %llx tcr %llx", &v, &a, &b) != 3)
		fail("info: unparsable: %s", line);
	if ((b & 0x3f) != 16)
		fail("info: %s: TCR_EL1.T0SZ should be 16", line);
#endif
	if (v != root)
		fail("info: %s: the program set 0x%lx", line, root);
	return v;
}

/* Write @cmd to @fd: 0 or errno. */
static int command(int fd, const char *cmd)
{
	return write(fd, cmd, strlen(cmd)) < 0 ? errno : 0;
}

/* A new dump of @fd, in reads of @chunk bytes, NUL-terminated. */
static size_t read_dump(int fd, char *buf, size_t size, size_t chunk)
{
	size_t used = 0;
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0)
		fail("lseek: %s", strerror(errno));
	for (;;) {
		if (used + chunk >= size)
			fail("translate: a dump longer than %zu bytes", size);
		n = read(fd, buf + used, chunk);
		if (n < 0)
			fail("translate read: %s", strerror(errno));
		if (!n)
			break;
		used += n;
	}
	buf[used] = 0;
	return used;
}

static unsigned long parse_size(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!strcmp(end, "K"))
		return v << 10;
	if (!strcmp(end, "M"))
		return v << 20;
	if (!strcmp(end, "G"))
		return v << 30;
	fail("translate: page size %s", s);
}

struct counts {
	unsigned long lines, pages, none, bad;
};

/* One page of a line, 4K by 4K: its GVA must be one the program mapped. */
static void check_page(const char *line, unsigned long gva, unsigned long gpa,
		       int has_hpa, unsigned long hpa, const char *perm,
		       unsigned long size, struct counts *c)
{
	unsigned long off;

	for (off = 0; off < size; off += PAGE) {
		struct map *m = map_of(gva + off);
		unsigned long i, want;

		if (!m)
			fail("gva 0x%lx, which the guest does not map: %s",
			     gva + off, line);
		i = (gva + off - m->gva) / PAGE;
		if (m->seen[i]++)
			fail("gva 0x%lx twice: %s", gva + off, line);
		want = m->gpa + (gva + off - m->gva);
		if (gpa + off != want)
			fail("gva 0x%lx: gpa 0x%lx, the guest maps it to 0x%lx: %s",
			     gva + off, gpa + off, want, line);
		c->pages++;
		if (!has_hpa) {
			c->none++;
			if (m->kind == DATA ||
			    (m->kind == IDENT && guest_uses(want)))
				fail("gva 0x%lx (gpa 0x%lx), touched by the guest: hpa none: %s",
				     gva + off, want, line);
			continue;
		}
		if (m->kind == MMIO)
			fail("gva 0x%lx: an hpa for MMIO gpa 0x%lx: %s",
			     gva + off, want, line);
		if (hpa + off != host_pa(want))
			fail("gva 0x%lx (gpa 0x%lx): hpa 0x%lx, pagemap 0x%lx: %s",
			     gva + off, want, hpa + off, host_pa(want), line);
		if (m->kind == DATA && perm[1] != 'w')
			fail("gva 0x%lx, written by the guest: perm %s: %s",
			     gva + off, perm, line);
	}
}

/*
 * The header names the root written, a format, and a range command's
 * range: "# ptwalk kvm VM translate cr3 0x... format NAME ... range S E".
 */
static void check_header(const char *line, unsigned long lo, unsigned long hi)
{
	unsigned long long v, s, e;
	const char *p = strstr(line, " translate "), *r = strstr(line, " range ");
	char word[16];

	if (strncmp(line, "# ptwalk kvm ", 13) || !p || !strstr(line, " format ") ||
	    !r || sscanf(p, " translate %15s %llx", word, &v) != 2 ||
	    sscanf(r, " range %llx %llx", &s, &e) != 2)
		fail("translate: header: %s", line);
	if (strcmp(word, ARCH_ROOT) || v != cmd_root)
		fail("translate: header: %s: the command gave %s 0x%lx", line,
		     ARCH_ROOT, cmd_root);
	if (lo && (s != lo || e != hi))
		fail("translate: header: %s: the command gave range 0x%lx 0x%lx",
		     line, lo, hi);
}

/*
 * Check a dump of [@lo, @hi): every line, page by page, against the
 * table of mappings and pagemap; every mapped page in the range exactly
 * once; one BAD=s2 line for the bad table when the range holds it.
 */
static void check_dump(const char *text, unsigned long lo, unsigned long hi,
		       struct counts *c)
{
	char *copy = strdup(text), *line, *next;
	unsigned long prev_end = 0;
	int i, header = 0, want_bad;

	if (!copy)
		fail("strdup: %s", strerror(errno));
	memset(c, 0, sizeof(*c));
	for (i = 0; i < nmaps; i++)
		memset(maps[i].seen, 0, maps[i].size / PAGE);
	for (line = copy; *line; line = next) {
		unsigned long long start, end, pages, gpa, hpa = 0;
		char pgsize[16], hpas[24], perm[8], *last, *rest;
		unsigned long size, k;
		int n = 0;

		next = strchr(line, '\n');
		if (!next)
			fail("translate: a line without a newline: %s", line);
		*next++ = 0;
		if (strstr(line, "dump incomplete"))
			fail("translate: %s", line);
		if (!header) {
			check_header(line, lo, hi);
			header = 1;
			continue;
		}
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%llx %llx %15s %llu %llx %23s %7s %n", &start,
			   &end, pgsize, &pages, &gpa, hpas, perm, &n) != 7 || !n)
			fail("translate: unparsable line: %s", line);
		size = parse_size(pgsize);
		rest = line + n;
		if (!pages || end - start != pages * size || start % size)
			fail("translate: end, pages and pgsize disagree: %s", line);
		if (start < prev_end)
			fail("translate: out of order or overlapping: %s", line);
		prev_end = end;
		if (start < lo || end > hi)
			fail("translate: outside [0x%lx, 0x%lx): %s", lo, hi, line);
		c->lines++;
		if (!strcmp(perm, "---") && !strncmp(rest, "BAD=", 4)) {
			unsigned long long pte;
			char *p = strstr(rest, " pte=");

			c->bad++;
			if (start != BAD_GVA || end != BAD_GVA + HUGE)
				fail("translate: a BAD line other than [0x%lx, 0x%lx): %s",
				     BAD_GVA, BAD_GVA + HUGE, line);
			if (gpa != BAD_GPA || strcmp(hpas, "none"))
				fail("translate: BAD line: gpa should be 0x%lx, hpa none: %s",
				     BAD_GPA, line);
			if (strncmp(rest, "BAD=s2 ", 7))
				fail("translate: the bad table is BAD=s2 alone: %s", line);
			if (!p || sscanf(p, " pte=%llx", &pte) != 1 ||
			    (pte & 0x000ffffffffff000ULL) != BAD_GPA)
				fail("translate: BAD line: pte= should point to 0x%lx: %s",
				     BAD_GPA, line);
			continue;
		}
		last = strrchr(line, ' ');
		if (!last || strncmp(last, " s2=", 4))
			fail("translate: the last token is not s2=: %s", line);
		last += 4;
		if (!strcmp(hpas, "none")) {
			if (strcmp(last, "none"))
				fail("translate: hpa none, yet s2=%s: %s", last, line);
		} else {
			if (sscanf(hpas, "%llx", &hpa) != 1)
				fail("translate: hpa %s: %s", hpas, line);
			if (strlen(last) != 3 || strspn(last, "rwx-") != 3)
				fail("translate: hpa, yet s2=%s: %s", last, line);
		}
		if (strlen(perm) != 3 || strspn(perm, "rwx-") != 3)
			fail("translate: perm %s: %s", perm, line);
		for (k = 0; k < pages; k++)
			check_page(line, start + k * size, gpa + k * size,
				   strcmp(hpas, "none") != 0, hpa + k * size,
				   perm, size, c);
	}
	free(copy);
	if (!header)
		fail("translate: an empty dump");
	for (i = 0; i < nmaps; i++) {
		struct map *m = &maps[i];
		unsigned long k;

		for (k = 0; k < m->size / PAGE; k++)
			if (!m->seen[k] && m->gva + k * PAGE >= lo &&
			    m->gva + k * PAGE < hi)
				fail("translate: gva 0x%lx (gpa 0x%lx) missing",
				     m->gva + k * PAGE, m->gpa + k * PAGE);
	}
	want_bad = BAD_GVA < hi && BAD_GVA + HUGE > lo;
	if (c->bad != (unsigned long)want_bad)
		fail("translate: %lu BAD lines in [0x%lx, 0x%lx), want %d",
		     c->bad, lo, hi, want_bad);
}

static void check_translate(unsigned long r)
{
	static char a[4 << 20], b[4 << 20];
	char path[192], cmd[160];
	struct counts full, part;
	size_t n;
	int fd, err;
	struct {
		const char *fmt;
		int err;
	} bad[] = {
		{ "bogus=1", EINVAL },
		{ ARCH_ROOT "=0x%lx bogus", EINVAL },
#if defined(__x86_64__)
		{ "cr3=0x%lx la57=2", EINVAL },
		{ "la57=0", EINVAL },
#else
		{ "ttbr=0x%lx granule=8K", EINVAL },
		{ "granule=4K", EINVAL },
#endif
		{ OTHER_ROOT "=0x%lx", EINVAL },
		{ ARCH_ROOT "=0x%lx 0x7f1234010000 0x7f1234000000", ERANGE },
		{ ARCH_ROOT "=0x%lx 0x7f1234010000 0x7f1234010000", ERANGE },
	};
	unsigned int i;

	path_of(path, sizeof(path), "translate");
	fd = open(path, O_RDWR);
	if (fd < 0)
		fail("%s: %s", path, strerror(errno));
	cmd_root = r;

	/* No command yet: one line, and nothing else. */
	n = read_dump(fd, a, sizeof(a), sizeof(a) / 2);
	if (strncmp(a, "# no guest root: write ", 23) ||
	    strchr(a, '\n') != a + n - 1)
		fail("translate before a command: %s", a);

	/* The whole address space. */
#if defined(__x86_64__)
	if (la57)
		snprintf(cmd, sizeof(cmd), "cr3=0x%lx la57=1", r);
	else
		snprintf(cmd, sizeof(cmd), "cr3=0x%lx", r);
#else
	snprintf(cmd, sizeof(cmd), "ttbr=0x%lx", r);
#endif
	err = command(fd, cmd);
	if (err)
		fail("%s: %s", cmd, strerror(err));
	n = read_dump(fd, a, sizeof(a), sizeof(a) / 2);
	check_dump(a, 0, ~0UL, &full);

	/* The same bytes, one at a time. */
	if (read_dump(fd, b, sizeof(b), 1) != n || memcmp(a, b, n))
		fail("translate: 1-byte reads differ from one large read");

	/* Bad commands fail and leave the command as it was. */
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		char c[160];

		snprintf(c, sizeof(c), bad[i].fmt, r);
		err = command(fd, c);
		if (err != bad[i].err)
			fail("\"%s\": %s, want %s", c,
			     err ? strerror(err) : "accepted",
			     strerror(bad[i].err));
	}
	if (read_dump(fd, b, sizeof(b), sizeof(b) / 2) != n || memcmp(a, b, n))
		fail("translate: the dump changed after bad commands");

	/* The middle 10 of the reversed pages. */
#if defined(__x86_64__)
	snprintf(cmd, sizeof(cmd), "cr3=0x%lx la57=%d 0x%lx 0x%lx", r, la57,
		 RANGE_START, RANGE_END);
#else
	snprintf(cmd, sizeof(cmd), "ttbr=0x%lx granule=4K ia=48 0x%lx 0x%lx", r,
		 RANGE_START, RANGE_END);
#endif
	err = command(fd, cmd);
	if (err)
		fail("%s: %s", cmd, strerror(err));
	read_dump(fd, b, sizeof(b), sizeof(b) / 2);
	check_dump(b, RANGE_START, RANGE_END, &part);
	if (part.pages != 10)
		fail("%s: %lu pages, want 10", cmd, part.pages);
	close(fd);

	printf("PASS translate root 0x%lx%s: %lu lines, %lu 4K pages (%lu hpa none) as mapped, 1 BAD=s2; 1-byte reads; %u bad commands; range %lu lines %lu pages\n",
	       r, la57 ? " la57" : "", full.lines, full.pages, full.none,
	       (unsigned int)ARRAY_SIZE(bad), part.lines,
	       part.pages);
}

int main(int argc, char **argv)
{
	int kvm, vm, vcpu, opt, check = 1, hold = 0, thp = 1, i;
	struct kvm_run *run;
	struct test_vm t;
	char path[192];

	while ((opt = getopt(argc, argv, "t:5nH:")) != -1) {
		switch (opt) {
		case 't':
			thp = !strcmp(optarg, "thp");
			break;
		case '5':
			la57 = 1;
			break;
		case 'n':
			check = 0;
			break;
		case 'H':
			hold = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: %s [-t thp|nothp] [-5] [-n] [-H S]\n",
				argv[0]);
			return 2;
		}
	}

	test_vm_create(&t, SLOT, thp);
	kvm = t.kvm;
	vm = t.vm;
	vcpu = t.vcpu;
	mem = t.mem;
	run = t.run;
	setup_vcpu(kvm, vm, vcpu);

	for (i = 0; i < 16; i++) {
		xioctl(vcpu, KVM_RUN, NULL, "KVM_RUN");
		if (guest_done(run))
			break;
	}
	if (!guest_done(run))
		fail("guest did not finish: exit reason %u", run->exit_reason);

	pm = open("/proc/self/pagemap", O_RDONLY);
	if (pm < 0)
		fail("pagemap: %s", strerror(errno));
	snprintf(dir, sizeof(dir), "%d-%d", getpid(), vm);
	path_of(path, sizeof(path), "");
	for (i = 0; i < 30 && access(path, R_OK); i++)
		usleep(100000);
	if (access(path, R_OK))
		fail("%s: %s", path, strerror(errno));

	if (check)
		check_translate(check_info());
	else
		check_stage2();
	fflush(stdout);
	if (hold)
		sleep(hold);
	return 0;
}

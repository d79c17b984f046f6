/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the guest programs share: fail() and the small wrappers around it.
 * A program prints "FAIL reason" and exits 1 on the first failed check.
 */
#ifndef PTWALK_TEST_UTIL_H
#define PTWALK_TEST_UTIL_H

#include <errno.h>
#include <linux/kvm.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <fcntl.h>
#include <unistd.h>

#define PAGE		4096UL

static void __attribute__((noreturn, format(printf, 1, 2)))
fail(const char *fmt, ...)
{
	va_list ap;

	printf("FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(1);
}

/* ioctl() that fails the program with @what on error. */
static inline int xioctl(int fd, unsigned long req, void *arg,
			 const char *what)
{
	int ret = ioctl(fd, req, arg);

	if (ret < 0)
		fail("%s: %s", what, strerror(errno));
	return ret;
}

/* A vCPU's struct kvm_run, mapped. */
static inline struct kvm_run *vcpu_run_map(int kvm, int vcpu)
{
	long size = xioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0,
			   "KVM_GET_VCPU_MMAP_SIZE");
	struct kvm_run *run = mmap(NULL, size, PROT_READ | PROT_WRITE,
				   MAP_SHARED, vcpu, 0);

	if (run == MAP_FAILED)
		fail("mmap kvm_run: %s", strerror(errno));
	return run;
}

/**
 * struct test_vm - A VM with one memslot at GPA 0 and vCPU 0.
 * @kvm:	/dev/kvm.
 * @vm:		The VM's fd.
 * @vcpu:	vCPU 0's fd.
 * @mem:	The memslot's memory, 2M-aligned so that THP can back it.
 * @run:	vCPU 0's struct kvm_run.
 */
struct test_vm {
	int		kvm;
	int		vm;
	int		vcpu;
	uint8_t		*mem;
	struct kvm_run	*run;
};

/* Create it, @size bytes of memory, backed by THP or not as @thp says. */
static inline void test_vm_create(struct test_vm *t, unsigned long size,
				  int thp)
{
	const unsigned long huge = 2UL << 20;
	struct kvm_userspace_memory_region region = { .memory_size = size };
	uint8_t *raw;

	t->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (t->kvm < 0)
		fail("/dev/kvm: %s", strerror(errno));
	t->vm = xioctl(t->kvm, KVM_CREATE_VM, 0, "KVM_CREATE_VM");
	raw = mmap(NULL, size + huge, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (raw == MAP_FAILED)
		fail("mmap: %s", strerror(errno));
	t->mem = (uint8_t *)(((unsigned long)raw + huge - 1) & ~(huge - 1));
	madvise(t->mem, size, thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
	region.userspace_addr = (unsigned long)t->mem;
	xioctl(t->vm, KVM_SET_USER_MEMORY_REGION, &region,
	       "KVM_SET_USER_MEMORY_REGION");
	t->vcpu = xioctl(t->vm, KVM_CREATE_VCPU, 0, "KVM_CREATE_VCPU");
	t->run = vcpu_run_map(t->kvm, t->vcpu);
}

/* The PFN that pagemap @pm reports for @va, 0 when not present. */
static inline uint64_t pagemap_pfn(int pm, unsigned long va)
{
	uint64_t e;

	if (pread(pm, &e, 8, (va / PAGE) * 8) != 8)
		fail("pagemap read: %s", strerror(errno));
	if (!(e & (1ULL << 63)))
		return 0;
	return e & ((1ULL << 55) - 1);
}

/* KVM's counter NAME of VM (its debugfs directory, "PID-FD"), or -1. */
static inline long kvm_stat(const char *vm, const char *name)
{
	char path[256];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/debug/kvm/%s/%s", vm, name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

#if defined(__aarch64__)
/* Where the arm64 touch loop ends: an MMIO exit, outside any memslot. */
#define ARM64_TOUCH_DONE	0x10000000UL

/*
 * An arm64 vCPU whose code, at IPA 0 of @mem, stores to every page of
 * [0x1000, @size) (at most 4 GiB, a multiple of 64 KiB), MMU off so that
 * IPA == VA, then writes to ARM64_TOUCH_DONE:
 *	mov x0, #0x1000
 *	mov x1, #SIZE
 * 1:	str x0, [x0]
 *	add x0, x0, #0x1000
 *	cmp x0, x1
 *	b.lo 1b
 *	mov x2, #ARM64_TOUCH_DONE
 *	str x0, [x2]
 *	b .
 */
static inline void arm64_touch_setup(int vm, int vcpu, uint8_t *mem,
				     unsigned long size)
{
	const uint32_t code[] = {
		0xd2820000,
		0xd2800001 | (1u << 21) | ((uint32_t)(size >> 16) << 5),
		0xf9000000,
		0x91400400,
		0xeb01001f,
		0x54ffffa3,
		0xd2a20002,
		0xf9000040,
		0x14000000,
	};
	struct kvm_vcpu_init init;
	uint64_t pc = 0;
	struct kvm_one_reg reg = {
		.id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |
		      KVM_REG_ARM_CORE_REG(regs.pc),
		.addr = (uint64_t)&pc,
	};

	memcpy(mem, code, sizeof(code));
	xioctl(vm, KVM_ARM_PREFERRED_TARGET, &init, "KVM_ARM_PREFERRED_TARGET");
	xioctl(vcpu, KVM_ARM_VCPU_INIT, &init, "KVM_ARM_VCPU_INIT");
	xioctl(vcpu, KVM_SET_ONE_REG, &reg, "KVM_SET_ONE_REG pc");
}

/* Whether the vCPU's last exit is the touch loop's end. */
static inline int arm64_touch_done(const struct kvm_run *run)
{
	return run->exit_reason == KVM_EXIT_MMIO &&
	       run->mmio.phys_addr == ARM64_TOUCH_DONE;
}
#endif

#endif /* PTWALK_TEST_UTIL_H */

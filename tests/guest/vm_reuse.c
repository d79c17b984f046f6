// SPDX-License-Identifier: GPL-2.0
/*
 * vm_reuse: a VM whose (pid, fd) a VM destroyed a moment ago had gets the
 * directory, within a scan or two.  KVM selftests that close a VM and
 * create the next back to back do exactly this.
 *
 * Each round creates a VM, waits for its directory, closes it and at once
 * creates another, which gets the same fd; that VM's memslots file must
 * show its own memslot (a size no other VM has) within 2 seconds.
 *
 * Prints "PASS ..." or "FAIL reason"; exits 0 or 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util.h"

#define PTWALK_KVM	"/sys/kernel/debug/ptwalk/kvm"
#define ROUNDS		3

/* Whether the VM at @fd shows a memslot of @pages pages, within @ms. */
static int shows_slot(int fd, unsigned long pages, int ms)
{
	char path[96], line[256], want[32];
	FILE *f;
	int t;

	snprintf(path, sizeof(path), PTWALK_KVM "/%d-%d/memslots", getpid(), fd);
	snprintf(want, sizeof(want), " %lu ", pages);
	for (t = 0; t < ms; t += 20) {
		f = fopen(path, "r");
		if (f) {
			while (fgets(line, sizeof(line), f))
				if (line[0] != '#' && strstr(line, want)) {
					fclose(f);
					return 1;
				}
			fclose(f);
		}
		usleep(20000);
	}
	return 0;
}

static int new_vm(int kvm, unsigned long pages)
{
	struct kvm_userspace_memory_region r = {
		.memory_size = pages << 12,
	};
	void *mem;
	int vm;

	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		fail("KVM_CREATE_VM: %s", strerror(errno));
	mem = mmap(NULL, r.memory_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		fail("mmap: %s", strerror(errno));
	r.userspace_addr = (unsigned long)mem;
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &r))
		fail("KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
	return vm;
}

int main(void)
{
	int kvm, vm, i, fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		fail("/dev/kvm: %s", strerror(errno));
	vm = new_vm(kvm, 16);
	fd = vm;
	if (!shows_slot(vm, 16, 3000))
		fail("the first VM's directory did not appear");
	for (i = 1; i <= ROUNDS; i++) {
		close(vm);
		vm = new_vm(kvm, 16 + i);
		if (vm != fd)
			fail("the new VM got fd %d, not %d", vm, fd);
		if (!shows_slot(vm, 16 + i, 2000))
			fail("round %d: the VM that reuses %d-%d has no directory, or shows another VM",
			     i, getpid(), fd);
	}
	printf("PASS %d VMs that reused one (pid, fd) each got the directory\n",
	       ROUNDS);
	return 0;
}

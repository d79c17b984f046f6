// SPDX-License-Identifier: GPL-2.0
/*
 * churn N: for N rounds, map, touch, mprotect, partly unmap and unmap
 * memory of varying sizes, with THP and without, collapse some of it into
 * THP (MADV_COLLAPSE, 6.1 ignores it) and fork children that touch memory
 * and exit; then exit.  A moving target for readers.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 100, i;
	unsigned int seed = getpid();

	for (i = 0; i < rounds; i++) {
		unsigned long pages = 1 + rand_r(&seed) % 1024, off;
		unsigned long size = pages * PAGE;
		char *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return 1;
		madvise(p, size, i & 1 ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
		for (off = 0; off < size; off += PAGE)
			p[off] = i;
		if (i % 4 == 1)
			madvise(p, size, MADV_COLLAPSE);
		mprotect(p, size / 2, i & 2 ? PROT_READ : PROT_NONE);
		if (pages > 2)
			munmap(p + PAGE, PAGE);
		if (i % 16 == 0) {
			pid_t c = fork();

			if (c == 0) {
				p[size - 1] = 1;
				_exit(0);
			}
			if (c > 0)
				waitpid(c, NULL, 0);
		}
		munmap(p, size);
	}
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the guest programs share: fail() and the small wrappers around it.
 * A program prints "FAIL reason" and exits 1 on the first failed check.
 */
#ifndef PTWALK_TEST_UTIL_H
#define PTWALK_TEST_UTIL_H

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
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

#endif /* PTWALK_TEST_UTIL_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host backend: how the running kernel's own tables are found.  One
 * implementation per architecture (ptwalk_host_<arch>.c), picked by Kbuild.
 */
#ifndef _PTWALK_HOST_H
#define _PTWALK_HOST_H

#include "ptwalk.h"

struct mm_struct;

/**
 * ptwalk_host_user() - Describe the user half of an address space.
 * @mm:		The address space; the caller holds a reference.
 * @fmt:	Receives the format the CPU walks it with.
 * @t:		Receives the root and accessor; @t->fmt points to @fmt.
 *
 * Under x86 PTI this is the user copy of the top-level table, the one the
 * CPU uses in user mode.
 *
 * Return: 0 or a negative errno.
 */
int ptwalk_host_user(struct mm_struct *mm, struct ptwalk_fmt *fmt,
		     struct ptwalk_table *t);

/**
 * ptwalk_host_kernel() - Describe the kernel's own address space.
 * @fmt:	Receives the format.
 * @t:		Receives the root and accessor; @t->fmt points to @fmt.
 * @start:	Receives the linear start of the kernel half.
 * @end:	Receives its linear end.
 *
 * Return: 0 or a negative errno.
 */
int ptwalk_host_kernel(struct ptwalk_fmt *fmt, struct ptwalk_table *t,
		       u64 *start, u64 *end);

/**
 * ptwalk_host_kernel_root() - The kernel tables' root for this walk step.
 *
 * The root ptwalk_host_kernel() gave, looked up again: the reader's own
 * active mm on x86 (the kernel half is the same in every mm), TTBR1 on
 * arm64.  It stays valid while the calling task runs.
 *
 * Return: the root's physical address.
 */
u64 ptwalk_host_kernel_root(void);

/**
 * ptwalk_host_pfn_mapped() - Whether the linear map maps a page frame.
 * @pfn:	An online page frame.
 *
 * Context: Any context.
 * Return: true when the page can be read through phys_to_virt().
 */
bool ptwalk_host_pfn_mapped(unsigned long pfn);

/**
 * struct ptwalk_marker - Start of a named region of the kernel's space.
 * @addr:	Its first address.
 * @name:	What lives there ("vmalloc() Area", ...).
 */
struct ptwalk_marker {
	u64		addr;
	const char	*name;
};

/* Most markers any host backend reports. */
#define PTWALK_MAX_MARKERS	16

/**
 * ptwalk_host_kernel_markers() - Name the regions of the kernel's space.
 * @m:		Receives up to PTWALK_MAX_MARKERS markers, in any order.
 *
 * Markers are what the kernel's own ptdump prints as "---[ name ]---";
 * their addresses move with KASLR, so they are read at run time.
 *
 * Return: the number of markers.
 */
int ptwalk_host_kernel_markers(struct ptwalk_marker *m);

#endif /* _PTWALK_HOST_H */

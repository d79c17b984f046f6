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

/* Reads host page-table pages through the kernel's linear map. */
extern const struct ptwalk_mem_ops ptwalk_host_mem;

#endif /* _PTWALK_HOST_H */

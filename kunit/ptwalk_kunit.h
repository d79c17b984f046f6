/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fake physical memory for ptwalk's KUnit suites: page-table pages that
 * the tests build by hand and the walker reaches through a
 * struct ptwalk_mem_ops, exactly as it reaches real tables.  Addresses
 * outside the fake memory are refused, so a test also proves the walker
 * never touches memory it was not given.
 */
#ifndef _PTWALK_KUNIT_H
#define _PTWALK_KUNIT_H

#include <kunit/test.h>
#include <linux/err.h>
#include <linux/string.h>

#include "ptwalk.h"

/* Fake physical memory starts here, so 0 is never a valid table. */
#define PTWK_PA_BASE	0x40000000ULL

/**
 * struct ptwk_mem - Fake physical memory.
 * @base:	Its kernel mapping.
 * @size:	Its size in bytes.
 * @used:	Bytes handed out by ptwk_alloc().
 * @maps:	Calls to the accessor, accepted or not.
 * @refused:	Calls the accessor refused.
 */
struct ptwk_mem {
	u8	*base;
	size_t	size;
	size_t	used;
	unsigned long maps;
	unsigned long refused;
};

static inline const void *ptwk_map(void *priv, u64 pa, size_t size)
{
	struct ptwk_mem *m = priv;

	m->maps++;
	if (pa < PTWK_PA_BASE || size > m->size ||
	    pa - PTWK_PA_BASE > m->size - size) {
		m->refused++;
		return ERR_PTR(-EFAULT);
	}
	return m->base + (pa - PTWK_PA_BASE);
}

static const struct ptwalk_mem_ops ptwk_mem_ops = {
	.map = ptwk_map,
};

static inline struct ptwk_mem *ptwk_mem_new(struct kunit *test, size_t size)
{
	struct ptwk_mem *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m);
	m->base = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m->base);
	m->size = size;
	return m;
}

/* A zeroed table of @size bytes, aligned to @align; returns its address. */
static inline u64 ptwk_alloc(struct kunit *test, struct ptwk_mem *m,
			     size_t size, size_t align)
{
	u64 off = ALIGN(m->used, align);

	KUNIT_ASSERT_LE(test, off + size, (u64)m->size);
	m->used = off + size;
	return PTWK_PA_BASE + off;
}

static inline void ptwk_set(struct ptwk_mem *m, u64 table, unsigned int idx,
			    u64 val)
{
	((u64 *)(m->base + (table - PTWK_PA_BASE)))[idx] = val;
}

static inline void ptwk_set32(struct ptwk_mem *m, u64 table, unsigned int idx,
			      u32 val)
{
	((u32 *)(m->base + (table - PTWK_PA_BASE)))[idx] = val;
}

static inline struct ptwalk_table ptwk_table(const struct ptwalk_fmt *fmt,
					     struct ptwk_mem *m, u64 root)
{
	return (struct ptwalk_table){
		.fmt = fmt, .root = root, .mem = &ptwk_mem_ops, .priv = m,
	};
}

#endif /* _PTWALK_KUNIT_H */

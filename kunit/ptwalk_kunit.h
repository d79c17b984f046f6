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

/* Collect every line of a dump of [start, end) into one string. */
static inline char *ptwk_dump_text(struct kunit *test, const struct ptwalk_table *t,
			    enum ptwalk_view view, u64 start, u64 end,
			    int *eagain)
{
	size_t cap = 1 << 16, len = 0;
	char *out = kunit_kzalloc(test, cap, GFP_KERNEL);
	struct ptwalk_dump *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct ptwalk_attr_text at = { };
	char line[PTWALK_LINE_MAX];
	int ret;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, out);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	KUNIT_ASSERT_EQ(test, ptwalk_dump_init(d, t, view, start, end), 0);
	while ((ret = ptwalk_dump_next(d)) != 0) {
		if (ret == -EAGAIN) {
			if (eagain)
				(*eagain)++;
			continue;
		}
		KUNIT_ASSERT_EQ(test, ret, 1);
		ret = ptwalk_dump_line(d, &at, line, sizeof(line));
		KUNIT_ASSERT_LT(test, len + ret, cap);
		memcpy(out + len, line, ret);
		len += ret;
	}
	return out;
}

/* The runs view of [start, end), as one string. */
static inline char *ptwk_text(struct kunit *test, const struct ptwalk_table *t,
			      u64 start, u64 end)
{
	return ptwk_dump_text(test, t, PTWALK_VIEW_RUNS, start, end, NULL);
}

#endif /* _PTWALK_KUNIT_H */

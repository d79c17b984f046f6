// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 host backend: the running kernel's stage-1 tables.  Granule,
 * input size and descriptor layout (LPA2 or not) are read from what the
 * kernel configured, so a 52-bit kernel on a 48-bit CPU is walked with the
 * levels the CPU really uses.
 */

#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/memory.h>
#include <asm/fixmap.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/sysreg.h>

#include "ptwalk_file.h"
#include "ptwalk_host.h"
#include "ptwalk_arm64.h"

static int ptw_host_fmt(struct ptwalk_fmt *fmt, enum ptwalk_arm64_stage stage,
			unsigned int ia_bits)
{
	unsigned int levels = DIV_ROUND_UP(ia_bits - PAGE_SHIFT, PAGE_SHIFT - 3);
	int ret;

	ret = ptwalk_fmt_arm64_init(fmt, stage, PAGE_SHIFT, ia_bits,
				    4 - levels, PHYS_MASK_SHIFT,
				    lpa2_is_enabled());
	if (ret)
		return ret;
	ptwalk_fmt_arm64_linux(fmt);
	return 0;
}

/* The base address held in a TTBR, undoing phys_to_ttbr(). */
static u64 ptw_ttbr_to_phys(u64 ttbr)
{
	if (IS_ENABLED(CONFIG_ARM64_PA_BITS_52))
		return (ttbr & GENMASK_ULL(47, 6)) |
		       ((ttbr & GENMASK_ULL(5, 2)) << 46);
	return ttbr & GENMASK_ULL(47, 1);
}

/**
 * ptwalk_host_user() - Describe the user half of an address space.
 * @mm:		The address space.
 * @fmt:	Receives the format.
 * @t:		Receives the table.
 *
 * Return: 0 or a negative errno.
 */
int ptwalk_host_user(struct mm_struct *mm, struct ptwalk_fmt *fmt,
		     struct ptwalk_table *t)
{
	int ret = ptw_host_fmt(fmt, PTWALK_ARM64_S1, vabits_actual);

	if (ret)
		return ret;
	t->fmt = fmt;
	t->mem = &ptwalk_host_mem;
	t->priv = NULL;
	t->root = __pa(mm->pgd);
	return 0;
}

/**
 * ptwalk_host_kernel() - Describe the kernel's own address space.
 * @fmt:	Receives the format.
 * @t:		Receives the table.
 * @start:	Receives the linear start of the kernel half.
 * @end:	Receives its linear end.
 *
 * The kernel runs on TTBR1_EL1, whose tables cover the top 2^vabits_actual
 * bytes.
 *
 * Return: 0 or a negative errno.
 */
int ptwalk_host_kernel(struct ptwalk_fmt *fmt, struct ptwalk_table *t,
		       u64 *start, u64 *end)
{
	int ret = ptw_host_fmt(fmt, PTWALK_ARM64_S1_TTBR1, vabits_actual);

	if (ret)
		return ret;
	t->fmt = fmt;
	t->mem = &ptwalk_host_mem;
	t->priv = NULL;
	t->root = ptw_ttbr_to_phys(read_sysreg(ttbr1_el1));
	*start = 0;
	*end = 1ULL << fmt->ia_bits;
	return 0;
}

/**
 * ptwalk_host_kernel_markers() - Name the regions of the kernel's space.
 * @m:		Receives the markers.
 *
 * The same regions arch/arm64/mm/ptdump.c marks.
 *
 * Return: the number of markers.
 */
int ptwalk_host_kernel_markers(struct ptwalk_marker *m)
{
	const struct ptwalk_marker markers[] = {
		{ PAGE_OFFSET,		"Linear Mapping" },
		{ MODULES_VADDR,	"Modules" },
		{ VMALLOC_START,	"vmalloc() area" },
		{ VMEMMAP_START,	"vmemmap" },
		{ PCI_IO_START,		"PCI I/O" },
		{ FIXADDR_TOT_START,	"Fixmap" },
	};

	BUILD_BUG_ON(ARRAY_SIZE(markers) > PTWALK_MAX_MARKERS);
	memcpy(m, markers, sizeof(markers));
	return ARRAY_SIZE(markers);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 host backend: the running kernel's stage-1 tables.  Granule,
 * input size and descriptor layout (LPA2 or not) are read from what the
 * kernel configured, so a 52-bit kernel on a 48-bit CPU is walked with the
 * levels the CPU really uses.
 */

#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/memory.h>
#include <asm/fixmap.h>
#include <asm/kasan.h>
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
				    ptw_lpa2_is_enabled());
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
	t->root = ptwalk_host_kernel_root();
	*start = 0;
	*end = 1ULL << fmt->ia_bits;
	return 0;
}

/**
 * ptwalk_host_kernel_root() - The kernel tables' root for this walk step.
 *
 * TTBR1_EL1: swapper_pg_dir, which is never freed.
 *
 * Return: the root's physical address.
 */
u64 ptwalk_host_kernel_root(void)
{
	return ptw_ttbr_to_phys(read_sysreg(ttbr1_el1));
}

/**
 * ptwalk_host_pfn_mapped() - Whether the linear map maps a page frame.
 * @pfn:	An online page frame.
 *
 * NOMAP memory (firmware tables, reserved carve-outs) is online as far as
 * the page allocator knows but absent from the linear map.
 *
 * Return: true when the page can be read through phys_to_virt().
 */
bool ptwalk_host_pfn_mapped(unsigned long pfn)
{
	return pfn_is_map_memory(pfn);
}

/**
 * ptwalk_host_kernel_markers() - Name the regions of the kernel's space.
 * @m:		Receives the markers.
 *
 * The same regions arch/arm64/mm/ptdump.c marks, where the running CPU
 * puts them.  A kernel built for 52-bit VAs (Debian's 6.12) on a CPU
 * without them (no LPA2: Graviton2/3, Neoverse N1) has TTBR1 cover only
 * the top 2^48 bytes: PAGE_OFFSET is a 52-bit address that the tables do
 * not reach, and the linear map starts at _PAGE_OFFSET(vabits_actual).
 * The start of vmemmap, the struct pages of the linear addresses below
 * that, is never used, and vmalloc() extends over it (VMALLOC_END): the
 * region in use starts at the struct page of the linear map's start.
 *
 * Return: the number of markers.
 */
int ptwalk_host_kernel_markers(struct ptwalk_marker *m)
{
	u64 linear = _PAGE_OFFSET(vabits_actual);
	const struct ptwalk_marker markers[] = {
		{ linear,		"Linear Mapping" },
#if defined(CONFIG_KASAN_GENERIC) || defined(CONFIG_KASAN_SW_TAGS)
		{ KASAN_SHADOW_START,	"Kasan shadow" },
#endif
		{ MODULES_VADDR,	"Modules" },
		{ VMALLOC_START,	"vmalloc() area" },
		{ (u64)virt_to_page((void *)linear), "vmemmap" },
		{ PCI_IO_START,		"PCI I/O" },
		{ PTW_FIXADDR_START,	"Fixmap" },
	};

	BUILD_BUG_ON(ARRAY_SIZE(markers) > PTWALK_MAX_MARKERS);
	memcpy(m, markers, sizeof(markers));
	return ARRAY_SIZE(markers);
}

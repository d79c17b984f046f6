// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 host backend: the formats and roots of the running kernel's own
 * tables.  4- or 5-level paging as the CPU runs it, MAXPHYADDR from CPUID,
 * and the user copy of the PGD under page-table isolation.
 */

#include <linux/mem_encrypt.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/fixmap.h>
#include <asm/kasan.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

#include "ptwalk_file.h"
#include "ptwalk_host.h"
#include "ptwalk_x86.h"

static int ptw_host_fmt(struct ptwalk_fmt *fmt)
{
	const struct ptwalk_fmt *base = pgtable_l5_enabled() ?
		&ptwalk_fmt_x86_64_5 : &ptwalk_fmt_x86_64_4;
	int ret;

	ret = ptwalk_fmt_x86_set_maxphyaddr(fmt, base,
					    boot_cpu_data.x86_phys_bits);
	if (ret)
		return ret;
	/*
	 * With SME on, or in an SEV guest, the kernel sets the C-bit in its
	 * table entries and in every leaf but those of decrypted memory.
	 */
	ret = ptwalk_fmt_x86_set_enc(fmt, sme_me_mask);
	if (ret)
		return ret;
#ifdef _PAGE_BIT_SAVED_DIRTY
	/* 6.6+ keeps the dirty state of read-only PTEs in a software bit. */
	BUILD_BUG_ON(_PAGE_SAVED_DIRTY != X86_PTE_SAVED_DIRTY);
	ptwalk_fmt_x86_linux(fmt);
#endif
	return 0;
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
	int ret = ptw_host_fmt(fmt);

	if (ret)
		return ret;
	t->fmt = fmt;
	t->mem = &ptwalk_host_mem;
	t->priv = NULL;
	t->root = __pa(mm->pgd);
	/* Under PTI, user mode runs on the second half of the PGD's order-1 page. */
	if (static_cpu_has(X86_FEATURE_PTI))
		t->root += PAGE_SIZE;
	return 0;
}

/**
 * ptwalk_host_kernel() - Describe the kernel's own address space.
 * @fmt:	Receives the format.
 * @t:		Receives the table.
 * @start:	Receives the linear start of the kernel half.
 * @end:	Receives its linear end.
 *
 * The kernel half of every PGD is the same, so the reader's active one
 * (the kernel copy under PTI) shows it.
 *
 * Return: 0 or a negative errno.
 */
int ptwalk_host_kernel(struct ptwalk_fmt *fmt, struct ptwalk_table *t,
		       u64 *start, u64 *end)
{
	int ret = ptw_host_fmt(fmt);

	if (ret)
		return ret;
	t->fmt = fmt;
	t->mem = &ptwalk_host_mem;
	t->priv = NULL;
	t->root = ptwalk_host_kernel_root();
	*start = 1ULL << (fmt->ia_bits - 1);
	*end = 1ULL << fmt->ia_bits;
	return 0;
}

/**
 * ptwalk_host_kernel_root() - The kernel tables' root for this walk step.
 *
 * The calling task's active mm (its kernel copy under PTI): it cannot be
 * freed while that task runs, and its kernel half is the kernel's.
 *
 * Return: the root's physical address.
 */
u64 ptwalk_host_kernel_root(void)
{
	return __pa(current->active_mm->pgd);
}

/**
 * ptwalk_host_pfn_mapped() - Whether the linear map maps a page frame.
 * @pfn:	An online page frame.
 *
 * Online memory is in x86's direct map; a page taken out of it (secret
 * memory) faults, and kernel tables are read with a non-faulting copy.
 *
 * Return: true.
 */
bool ptwalk_host_pfn_mapped(unsigned long pfn)
{
	return true;
}

/**
 * ptwalk_host_kernel_markers() - Name the regions of the kernel's space.
 * @m:		Receives the markers.
 *
 * The same regions arch/x86/mm/dump_pagetables.c marks.
 *
 * Return: the number of markers.
 */
int ptwalk_host_kernel_markers(struct ptwalk_marker *m)
{
	const struct ptwalk_marker markers[] = {
		{ PAGE_OFFSET,		"Low Kernel Mapping" },
		{ LDT_BASE_ADDR,	"LDT remap" },
		{ VMALLOC_START,	"vmalloc() Area" },
		{ VMEMMAP_START,	"Vmemmap" },
		{ CPU_ENTRY_AREA_BASE,	"CPU entry Area" },
		{ ESPFIX_BASE_ADDR,	"ESPfix Area" },
		{ EFI_VA_END,		"EFI Runtime Services" },
		{ __START_KERNEL_map,	"High Kernel Mapping" },
		{ MODULES_VADDR,	"Modules" },
		{ FIXADDR_START,	"Fixmap Area" },
#ifdef CONFIG_KASAN
		{ KASAN_SHADOW_START,	"KASAN shadow" },
		{ KASAN_SHADOW_END,	"KASAN shadow end" },
#endif
	};

	BUILD_BUG_ON(ARRAY_SIZE(markers) > PTWALK_MAX_MARKERS);
	memcpy(m, markers, sizeof(markers));
	return ARRAY_SIZE(markers);
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bit layouts of the x86 formats (Intel SDM vol. 3 ch. 4 and 29, AMD APM
 * vol. 2 ch. 5 and 15.25).  Private to ptwalk_x86.c and the tests that
 * build x86 tables by hand.
 */
#ifndef _PTWALK_X86_H
#define _PTWALK_X86_H

#include <linux/bits.h>

/* Paging-structure entries: long mode, PAE, 32-bit and NPT. */
#define X86_PTE_P		BIT_ULL(0)
#define X86_PTE_RW		BIT_ULL(1)
#define X86_PTE_US		BIT_ULL(2)
#define X86_PTE_PWT		BIT_ULL(3)
#define X86_PTE_PCD		BIT_ULL(4)
#define X86_PTE_A		BIT_ULL(5)
#define X86_PTE_D		BIT_ULL(6)
#define X86_PTE_PS		BIT_ULL(7)	/* in PDEs and PDPTEs */
#define X86_PTE_PAT		BIT_ULL(7)	/* in PTEs */
#define X86_PTE_G		BIT_ULL(8)
#define X86_PTE_PAT_LARGE	BIT_ULL(12)	/* in 2M/4M/1G leaves */
#define X86_PTE_ADDR		GENMASK_ULL(51, 12)
#define X86_PTE_SAVED_DIRTY	BIT_ULL(58)	/* Linux 6.6+, software */
#define X86_PTE_PKEY		GENMASK_ULL(62, 59)
#define X86_PTE_NX		BIT_ULL(63)

/* PAE PDPTEs: everything but P, PWT, PCD and the address is reserved. */
#define X86_PDPTE_RSVD		(GENMASK_ULL(2, 1) | GENMASK_ULL(8, 5) | \
				 X86_PTE_NX)

/* 32-bit PDEs mapping 4M: PA bits 39:32 in bits 20:13 (PSE-36). */
#define X86_PDE32_PSE36		GENMASK_ULL(20, 13)

/* EPT entries. */
#define EPT_R			BIT_ULL(0)
#define EPT_W			BIT_ULL(1)
#define EPT_X			BIT_ULL(2)
#define EPT_MT			GENMASK_ULL(5, 3)
#define EPT_IPAT		BIT_ULL(6)
#define EPT_PS			BIT_ULL(7)
#define EPT_A			BIT_ULL(8)
#define EPT_D			BIT_ULL(9)
#define EPT_XU			BIT_ULL(10)	/* user execute, with MBEC */
#define EPT_SVE			BIT_ULL(63)	/* suppress #VE */

/* &ptwalk_fmt.variant bits of the x86 formats. */
#define X86_V_NX		BIT(0)	/* bit 63 is NX, not reserved */
#define X86_V_PKEY		BIT(1)	/* bits 62:59 are a protection key */
#define X86_V_PAE		BIT(2)	/* the root holds PAE PDPTEs */
#define X86_V_NPT		BIT(3)	/* nested: every access is a user one */
#define X86_V_EPT_AD		BIT(4)	/* EPTP enables accessed/dirty */
#define X86_V_LINUX		BIT(5)	/* Linux's software bits are decoded */
#define X86_V_KVM		BIT(6)	/* KVM's SPTEs: bit 11 means present */
#define X86_V_ENC		GENMASK(13, 8)	/* C-bit position, 0: none */

/*
 * AMD's memory-encryption bit (the C-bit of SME and SEV) sits where CPUID
 * 0x8000001f EBX[5:0] says, above the reduced MAXPHYADDR: 47 or 51 on
 * EPYC parts.  ptwalk_fmt_x86_set_enc() accepts it in this range.
 */
#define X86_ENC_BIT_MIN		32
#define X86_ENC_BIT_MAX		51

/*
 * Where a leaf's &ptwalk_attr.arch holds the C-bit, wherever the entry
 * has it: bit 52 is ignored by the hardware and no other x86 attribute
 * uses it, so one static token names it.
 */
#define X86_ATTR_ENC		BIT_ULL(52)

/* KVM's software bits in SPTEs (arch/x86/kvm/mmu/spte.h). */
#define KVM_SPTE_MMU_PRESENT		BIT_ULL(11)
#define KVM_SPTE_HOST_WRITABLE		BIT_ULL(9)
#define KVM_SPTE_MMU_WRITABLE		BIT_ULL(10)
#define KVM_EPT_SPTE_HOST_WRITABLE	BIT_ULL(57)
#define KVM_EPT_SPTE_MMU_WRITABLE	BIT_ULL(58)
#define KVM_FROZEN_SPTE			0x5a0ULL	/* | the empty value */
/* The memslot generation an MMIO SPTE was made in: bits 10:3 and 62:52. */
#define KVM_MMIO_GEN_LOW		GENMASK_ULL(10, 3)
#define KVM_MMIO_GEN_HIGH		GENMASK_ULL(62, 52)

#endif /* _PTWALK_X86_H */

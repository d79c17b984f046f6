/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bit layouts of the arm64 VMSAv8-64 descriptors (Arm ARM D8), private to
 * ptwalk_arm64.c, the arm64 host and KVM backends and the tests that build
 * arm64 tables by hand; on arm64, what those backends read of the running
 * kernel, the same on every kernel version ptwalk builds for.
 */
#ifndef _PTWALK_ARM64_H
#define _PTWALK_ARM64_H

#include <linux/bits.h>

#define A64_VALID		BIT_ULL(0)
#define A64_TABLE		BIT_ULL(1)	/* table or page; 0 is block */
#define A64_ATTRINDX		GENMASK_ULL(4, 2)	/* stage 1 */
#define A64_S2_MEMATTR		GENMASK_ULL(5, 2)	/* stage 2 */
#define A64_NS			BIT_ULL(5)	/* stage 1 */
#define A64_AP_EL0		BIT_ULL(6)	/* AP[1] */
#define A64_AP_RO		BIT_ULL(7)	/* AP[2] */
#define A64_S2AP_R		BIT_ULL(6)
#define A64_S2AP_W		BIT_ULL(7)
#define A64_SH			GENMASK_ULL(9, 8)	/* without LPA2 */
#define A64_AF			BIT_ULL(10)
#define A64_NG			BIT_ULL(11)
#define A64_OA_LPA_HI		GENMASK_ULL(15, 12)	/* 64K LPA: PA 51:48 */
#define A64_OA_LPA2_HI		GENMASK_ULL(9, 8)	/* LPA2: PA 51:50 */
#define A64_DBM			BIT_ULL(51)
#define A64_CONT		BIT_ULL(52)
#define A64_PXN			BIT_ULL(53)	/* stage 1 */
#define A64_UXN			BIT_ULL(54)	/* stage 1 */
#define A64_S2_XN		GENMASK_ULL(54, 53)
#define A64_SW_DIRTY		BIT_ULL(55)	/* Linux's PTE_DIRTY */

/* Stage-1 table descriptors' hierarchical controls. */
#define A64_PXNTABLE		BIT_ULL(59)
#define A64_UXNTABLE		BIT_ULL(60)
#define A64_APTABLE_NO_EL0	BIT_ULL(61)
#define A64_APTABLE_RO		BIT_ULL(62)
#define A64_NSTABLE		BIT_ULL(63)

/* VTCR_EL2 fields. */
#define A64_VTCR_T0SZ		GENMASK_ULL(5, 0)
#define A64_VTCR_SL0		GENMASK_ULL(7, 6)
#define A64_VTCR_TG0		GENMASK_ULL(15, 14)
#define A64_VTCR_PS		GENMASK_ULL(18, 16)
#define A64_VTCR_DS		BIT_ULL(32)
#define A64_VTCR_SL2		BIT_ULL(33)

/* &ptwalk_fmt.variant bits of the arm64 formats. */
#define A64_V_S2		BIT(0)	/* stage-2 descriptors */
#define A64_V_LPA2		BIT(1)	/* FEAT_LPA2 descriptor layout */
#define A64_V_LPA		BIT(2)	/* 64K granule, 52-bit PA in 15:12 */
#define A64_V_LINUX		BIT(3)	/* Linux's software bits are decoded */

#ifdef CONFIG_ARM64
/*
 * What the host and KVM backends read of the running kernel, on every
 * kernel ptwalk builds for (Debian's 6.1 and 6.12): feature tests where
 * the kernel has a macro to test, the version where it has none.
 */
#include <linux/version.h>
#include <asm/fixmap.h>

/* FEAT_LPA2 with 4K and 16K pages: CONFIG_ARM64_LPA2, since 6.9. */
#ifdef CONFIG_ARM64_LPA2
#define ptw_lpa2_is_enabled()	lpa2_is_enabled()
#else
#define ptw_lpa2_is_enabled()	false
#endif

/*
 * The fixmap with its boot-time slots; older kernels name only the
 * permanent part, which is what their own ptdump marks.
 */
#ifdef FIXADDR_TOT_START
#define PTW_FIXADDR_START	FIXADDR_TOT_START
#else
#define PTW_FIXADDR_START	FIXADDR_START
#endif

/*
 * A VM's VTCR_EL2 value moved from struct kvm_arch to its kvm_s2_mmu in
 * 6.7, with no macro to test (LINUX_VERSION_MAJOR: 5.16+ headers).
 */
#if LINUX_VERSION_MAJOR > 6 || \
	(LINUX_VERSION_MAJOR == 6 && LINUX_VERSION_PATCHLEVEL >= 7)
#define ptw_kvm_vtcr(kvm)	((kvm)->arch.mmu.vtcr)
#else
#define ptw_kvm_vtcr(kvm)	((kvm)->arch.vtcr)
#endif
#endif /* CONFIG_ARM64 */

#endif /* _PTWALK_ARM64_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 half of ptwalk's KVM hook.  The stage-2 geometry is decoded from
 * the VM's VTCR_EL2 value, independently of the host's own configuration,
 * and checked against what KVM's page-table code says (input size, start
 * level).  The tables live in host memory in both VHE and nVHE mode; in
 * protected mode (pKVM) they belong to the hypervisor and are not read.
 *
 * Roots: the VM's stage 2 (kvm->arch.mmu), the default; and from 6.10 on,
 * on hosts with nested virtualization, the stage-2 tables KVM builds for
 * the guest hypervisor's own guests (kvm->arch.nested_mmus), each with a
 * VTCR_EL2 value of its own.  KVM changes that array, and frees a stage
 * 2's tables, with kvm->mmu_lock held for write (kvm_vcpu_init_nested(),
 * kvm_free_stage2_pgd()), which the caller's read lock excludes.
 */

#include <linux/kvm_host.h>
#include <linux/version.h>
#include <linux/seq_file.h>
#include <asm/kvm_pgtable.h>
#include <asm/virt.h>

#include "ptwalk.h"
#include "ptwalk_arm64.h"
#include "ptwalk_kvm.h"

#if LINUX_VERSION_MAJOR > 6 || \
	(LINUX_VERSION_MAJOR == 6 && LINUX_VERSION_PATCHLEVEL >= 10)
#define PTW_KVM_NESTED	1
#else
#define PTW_KVM_NESTED	0
#endif

/* A stage 2's VTCR_EL2: its own from 6.10 on, the VM's before. */
static u64 ptw_s2_vtcr(struct kvm *kvm, struct kvm_s2_mmu *mmu)
{
#if PTW_KVM_NESTED
	return mmu->vtcr;
#else
	return ptw_kvm_vtcr(kvm);
#endif
}

/* The VM's stage 2 (@i 0), then its nested ones; NULL past the last. */
static struct kvm_s2_mmu *ptw_s2_mmu(struct kvm *kvm, int i)
{
	if (!i)
		return &kvm->arch.mmu;
#if PTW_KVM_NESTED
	if (i - 1 < kvm->arch.nested_mmus_size)
		return kvm->arch.nested_mmus[i - 1];
#endif
	return NULL;
}

/* The stage 2 whose tables are at @hpa, or NULL. */
static struct kvm_s2_mmu *ptw_s2_find(struct kvm *kvm, u64 hpa, int *idx)
{
	struct kvm_s2_mmu *mmu;
	int i;

	for (i = 0; (mmu = ptw_s2_mmu(kvm, i)); i++) {
		if (READ_ONCE(mmu->pgt) && mmu->pgd_phys == hpa) {
			*idx = i;
			return mmu;
		}
	}
	return NULL;
}

/**
 * ptwalk_kvm_arch_format() - Describe one of a VM's stage-2 roots.
 * @kvm:	The VM.
 * @want:	The root's ID, or PTWALK_ROOT_DEFAULT for the VM's stage 2.
 * @fmt:	Receives the format.
 * @root:	Receives the root.
 *
 * Return: 0, -ENODATA without tables, -ENOENT without the root @want
 * names, -EOPNOTSUPP in protected mode, -EINVAL when VTCR_EL2 and KVM's
 * own view of the tables disagree.
 */
int ptwalk_kvm_arch_format(struct kvm *kvm, u64 want, struct ptwalk_fmt *fmt,
			   struct ptwalk_kvm_root *root)
{
	struct kvm_s2_mmu *mmu = &kvm->arch.mmu;
	struct kvm_pgtable *pgt;
	int ret, i = 0;

	if (is_protected_kvm_enabled())
		return -EOPNOTSUPP;
	if (want != PTWALK_ROOT_DEFAULT) {
		mmu = ptw_s2_find(kvm, want, &i);
		if (!mmu)
			return -ENOENT;
	}
	pgt = READ_ONCE(mmu->pgt);
	if (!pgt)
		return -ENODATA;
	ret = ptwalk_fmt_arm64_from_vtcr(fmt, ptw_s2_vtcr(kvm, mmu));
	if (ret)
		return ret;
	if (fmt->ia_bits != pgt->ia_bits ||
	    3 - (fmt->levels - 1) != pgt->start_level)
		return -EINVAL;
	*root = (struct ptwalk_kvm_root){
		.hpa = mmu->pgd_phys,
		.space = i ? PTWALK_KVM_NGPA : PTWALK_KVM_GPA,
	};
	return 0;
}

/**
 * ptwalk_kvm_arch_root() - The root to walk now.
 * @kvm:	The VM.
 * @want:	The root's ID, or PTWALK_ROOT_DEFAULT.
 *
 * Return: the VM's stage-2 root, which does not change while the VM
 * lives, or the nested one @want names while it has tables; else ~0.
 */
u64 ptwalk_kvm_arch_root(struct kvm *kvm, u64 want)
{
	int i;

	if (want == PTWALK_ROOT_DEFAULT)
		return kvm->arch.mmu.pgt ? kvm->arch.mmu.pgd_phys : ~0ULL;
	return ptw_s2_find(kvm, want, &i) ? want : ~0ULL;
}

/**
 * ptwalk_kvm_arch_info() - Print the arm64 part of "info".
 * @m:		Where to print.
 * @kvm:	The VM.
 *
 * The mode, the VM's VTCR_EL2 and its geometry, then every root: the VM's
 * stage 2 and the nested ones that have tables.
 */
void ptwalk_kvm_arch_info(struct seq_file *m, struct kvm *kvm)
{
	u64 vtcr = ptw_kvm_vtcr(kvm);
	struct kvm_s2_mmu *mmu;
	struct ptwalk_fmt fmt;
	int i, n = 0;

	seq_printf(m, "mode %s\n", is_protected_kvm_enabled() ?
		   "protected (stage 2 belongs to the hypervisor)" :
		   has_vhe() ? "vhe" : "nvhe");
	seq_printf(m, "vtcr 0x%016llx t0sz %llu sl0 %llu tg0 %llu ps %llu ds %llu sl2 %llu\n",
		   vtcr, FIELD_GET(A64_VTCR_T0SZ, vtcr),
		   FIELD_GET(A64_VTCR_SL0, vtcr), FIELD_GET(A64_VTCR_TG0, vtcr),
		   FIELD_GET(A64_VTCR_PS, vtcr), FIELD_GET(A64_VTCR_DS, vtcr),
		   FIELD_GET(A64_VTCR_SL2, vtcr));
	if (!ptwalk_fmt_arm64_from_vtcr(&fmt, vtcr))
		seq_printf(m, "start_level %d concatenated %u oa_bits %u lpa2 %s\n",
			   3 - (fmt.levels - 1),
			   1U << (fmt.root_bits - fmt.lvl[fmt.levels - 1].bits),
			   fmt.oa_bits, fmt.variant & A64_V_LPA2 ? "on" : "off");
	if (is_protected_kvm_enabled())
		return;
	read_lock(&kvm->mmu_lock);
	for (i = 0; (mmu = ptw_s2_mmu(kvm, i)); i++) {
		if (!READ_ONCE(mmu->pgt))
			continue;
		n++;
		seq_printf(m, "root 0x%016llx %s vtcr 0x%016llx\n",
			   (u64)mmu->pgd_phys, i ? "nested" : "vm",
			   ptw_s2_vtcr(kvm, mmu));
	}
	read_unlock(&kvm->mmu_lock);
	seq_printf(m, "roots %d\n", n);
	mmu = &kvm->arch.mmu;
	if (READ_ONCE(mmu->pgt))
		seq_printf(m, "default_root 0x%016llx\n", (u64)mmu->pgd_phys);
	else
		seq_puts(m, "default_root none\n");
}

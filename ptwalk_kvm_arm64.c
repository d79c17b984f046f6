// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 half of ptwalk's KVM hook.  The stage-2 geometry is decoded from
 * the VM's VTCR_EL2 value, independently of the host's own configuration,
 * and checked against what KVM's page-table code says (input size, start
 * level).  The tables live in host memory in both VHE and nVHE mode; in
 * protected mode (pKVM) they belong to the hypervisor and are not read.
 */

#include <linux/kvm_host.h>
#include <linux/seq_file.h>
#include <asm/kvm_pgtable.h>
#include <asm/virt.h>

#include "ptwalk.h"
#include "ptwalk_arm64.h"
#include "ptwalk_kvm.h"

/**
 * ptwalk_kvm_arch_format() - Describe a VM's stage-2 tables.
 * @kvm:	The VM.
 * @fmt:	Receives the format.
 * @root:	Receives the root.
 *
 * Return: 0, -ENODATA without tables, -EOPNOTSUPP in protected mode,
 * -EINVAL when VTCR_EL2 and KVM's own view of the tables disagree.
 */
int ptwalk_kvm_arch_format(struct kvm *kvm, struct ptwalk_fmt *fmt, u64 *root)
{
	struct kvm_s2_mmu *mmu = &kvm->arch.mmu;
	struct kvm_pgtable *pgt = mmu->pgt;
	int ret;

	if (is_protected_kvm_enabled())
		return -EOPNOTSUPP;
	if (!pgt)
		return -ENODATA;
	ret = ptwalk_fmt_arm64_from_vtcr(fmt, ptw_kvm_vtcr(kvm));
	if (ret)
		return ret;
	if (fmt->ia_bits != pgt->ia_bits ||
	    3 - (fmt->levels - 1) != pgt->start_level)
		return -EINVAL;
	*root = mmu->pgd_phys;
	return 0;
}

/**
 * ptwalk_kvm_arch_root() - The root to walk now.
 * @kvm:	The VM.
 *
 * Return: the stage-2 root, which does not change while the VM lives.
 */
u64 ptwalk_kvm_arch_root(struct kvm *kvm)
{
	return kvm->arch.mmu.pgt ? kvm->arch.mmu.pgd_phys : ~0ULL;
}

/**
 * ptwalk_kvm_arch_info() - Print the arm64 part of "info".
 * @m:		Where to print.
 * @kvm:	The VM.
 */
void ptwalk_kvm_arch_info(struct seq_file *m, struct kvm *kvm)
{
	u64 vtcr = ptw_kvm_vtcr(kvm);
	struct ptwalk_fmt fmt;

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
}

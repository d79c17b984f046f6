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

/* ---- The guest's own page tables, for kvm/<vm>/translate ---- */

/**
 * ptwalk_kvm_arch_guest_usage() - The command a read before any suggests.
 *
 * Return: the arm64 command.
 */
const char *ptwalk_kvm_arch_guest_usage(void)
{
	return "ttbr=VALUE|ttbr1=VALUE [granule=4K|16K|64K] [ia=BITS] [START [END]]";
}

/**
 * ptwalk_kvm_arch_guest_word() - Take "ttbr=", "ttbr1=", "granule=", "ia=".
 * @g:		The command so far.
 * @key:	The word's key, or NULL for the defaults (4K granule, 48 bits).
 * @val:	Its value.
 *
 * A TTBR's ASID and CnP bits are not part of the root's address and are
 * dropped.
 *
 * Return: 0 or -EINVAL.
 */
int ptwalk_kvm_arch_guest_word(struct ptwalk_kvm_guest *g, const char *key,
			       const char *val)
{
	u64 v;

	if (!key) {
		g->granule = 12;
		g->ia_bits = 48;
		return 0;
	}
	if (!strcmp(key, "granule")) {
		if (!strcmp(val, "4K"))
			g->granule = 12;
		else if (!strcmp(val, "16K"))
			g->granule = 14;
		else if (!strcmp(val, "64K"))
			g->granule = 16;
		else
			return -EINVAL;
		return 0;
	}
	if (kstrtou64(val, 0, &v))
		return -EINVAL;
	if (!strcmp(key, "ttbr") || !strcmp(key, "ttbr1")) {
		g->raw = v;
		g->root = v & GENMASK_ULL(47, 1);
		g->upper = key[4] == '1';
		g->key = g->upper ? "ttbr1" : "ttbr";
		g->set = true;
		return 0;
	}
	if (!strcmp(key, "ia") && v >= 25 && v <= 52) {
		g->ia_bits = v;
		return 0;
	}
	return -EINVAL;
}

/**
 * ptwalk_kvm_arch_guest_fmt() - The format of a guest's stage 1.
 * @kvm:	The VM.
 * @g:		The command: granule, input size, TTBR0 or TTBR1 range.
 * @fmt:	Receives the format, starting at the level the input size
 *		needs, with 48-bit output addresses.
 *
 * Return: 0 or -EINVAL.
 */
int ptwalk_kvm_arch_guest_fmt(struct kvm *kvm, const struct ptwalk_kvm_guest *g,
			      struct ptwalk_fmt *fmt)
{
	int levels = DIV_ROUND_UP(g->ia_bits - g->granule, g->granule - 3);

	return ptwalk_fmt_arm64_init(fmt, g->upper ? PTWALK_ARM64_S1_TTBR1 :
				     PTWALK_ARM64_S1, g->granule, g->ia_bits,
				     4 - levels, 48, false);
}

/**
 * ptwalk_kvm_arch_guest_info() - Each vCPU's saved TTBRs, where they can be
 *				  read.
 * @m:		Where to print.
 * @kvm:	The VM.
 *
 * A vCPU not loaded on a CPU has its EL1 registers in memory, as they were
 * when it last left the CPU; a loaded one may have them in the CPU's own
 * registers (VHE), which only that CPU can read.
 */
void ptwalk_kvm_arch_guest_info(struct seq_file *m, struct kvm *kvm)
{
	const struct kvm_cpu_context *ctxt;
	struct kvm_vcpu *vcpu;
	unsigned long i;

	kvm_for_each_vcpu(i, vcpu, kvm) {
		if (READ_ONCE(vcpu->cpu) != -1) {
			seq_printf(m, "guest_root vcpu%lu unknown (loaded on a CPU)\n",
				   i);
			continue;
		}
		ctxt = &vcpu->arch.ctxt;
		seq_printf(m, "guest_root vcpu%lu ttbr0 0x%016llx ttbr1 0x%016llx tcr 0x%016llx sctlr 0x%llx\n",
			   i, READ_ONCE(ctxt_sys_reg(ctxt, TTBR0_EL1)),
			   READ_ONCE(ctxt_sys_reg(ctxt, TTBR1_EL1)),
			   READ_ONCE(ctxt_sys_reg(ctxt, TCR_EL1)),
			   READ_ONCE(ctxt_sys_reg(ctxt, SCTLR_EL1)));
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * x86 half of ptwalk's KVM hook.  The second stage is vCPU 0's current
 * root of its L1 MMU (root_mmu): NPT on AMD and Hygon, EPT on Intel when
 * the TDP MMU is in use, and KVM's shadow page tables (x86 format)
 * otherwise.  Every format is read as KVM's SPTEs: bit 11 marks what is
 * present to KVM, whatever the CPU would make of MMIO SPTEs.
 */

#include <linux/kvm_host.h>
#include <linux/seq_file.h>
#include <asm/processor.h>

#include "ptwalk.h"
#include "ptwalk_kvm.h"

/*
 * What KVM writes into an empty SPTE besides 0: SHADOW_NONPRESENT_VALUE,
 * bit 63, since 6.10 (before, empty SPTEs are 0, and bit 63 alone never
 * appears).
 */
#define PTW_KVM_EMPTY_SPTE	BIT_ULL(63)

static struct kvm_mmu *ptw_kvm_root_mmu(struct kvm *kvm)
{
	struct kvm_vcpu *vcpu = kvm_get_vcpu(kvm, 0);

	return vcpu ? &vcpu->arch.root_mmu : NULL;
}

static bool ptw_kvm_amd(void)
{
	return boot_cpu_data.x86_vendor == X86_VENDOR_AMD ||
	       boot_cpu_data.x86_vendor == X86_VENDOR_HYGON;
}

/* The TDP MMU keeps its roots on this list; the shadow MMU never does. */
static bool ptw_kvm_tdp_mmu(struct kvm *kvm)
{
	return !list_empty(&kvm->arch.tdp_mmu_roots);
}

/**
 * ptwalk_kvm_arch_format() - Describe a VM's second-stage tables.
 * @kvm:	The VM.
 * @fmt:	Receives the format.
 * @root:	Receives the root.
 *
 * Return: 0, -ENODATA without a root, -EOPNOTSUPP for a PAE shadow root.
 */
int ptwalk_kvm_arch_format(struct kvm *kvm, struct ptwalk_fmt *fmt, u64 *root)
{
	struct kvm_mmu *mmu = ptw_kvm_root_mmu(kvm);
	const struct ptwalk_fmt *base;
	union kvm_mmu_page_role role;
	struct ptwalk_fmt tmp;
	bool five;
	int ret;

	if (!mmu || !VALID_PAGE(READ_ONCE(mmu->root.hpa)))
		return -ENODATA;
	role = mmu->root_role;
	if (role.level != 4 && role.level != 5)
		return -EOPNOTSUPP;
	five = role.level == 5;

	if (!role.direct)
		base = five ? &ptwalk_fmt_x86_64_5 : &ptwalk_fmt_x86_64_4;
	else if (ptw_kvm_amd())
		base = five ? &ptwalk_fmt_npt_5 : &ptwalk_fmt_npt_4;
	else if (ptw_kvm_tdp_mmu(kvm) && role.ad_disabled)
		base = five ? &ptwalk_fmt_ept_5 : &ptwalk_fmt_ept_4;
	else if (ptw_kvm_tdp_mmu(kvm))
		base = five ? &ptwalk_fmt_ept_5_ad : &ptwalk_fmt_ept_4_ad;
	else
		base = five ? &ptwalk_fmt_x86_64_5 : &ptwalk_fmt_x86_64_4;

	ret = ptwalk_fmt_x86_set_maxphyaddr(&tmp, base,
					    boot_cpu_data.x86_phys_bits);
	if (!ret)
		ret = ptwalk_fmt_x86_kvm(fmt, &tmp, PTW_KVM_EMPTY_SPTE);
	if (ret)
		return ret;
	/* A shadow root translates guest virtual addresses, not GPAs. */
	if (!role.direct)
		fmt->flags |= PTWALK_FMT_CANONICAL;
	*root = mmu->root.hpa;
	return 0;
}

/**
 * ptwalk_kvm_arch_root() - The root to walk now.
 * @kvm:	The VM.
 *
 * Return: vCPU 0's current L1 root, or INVALID_PAGE.
 */
u64 ptwalk_kvm_arch_root(struct kvm *kvm)
{
	struct kvm_mmu *mmu = ptw_kvm_root_mmu(kvm);

	return mmu ? READ_ONCE(mmu->root.hpa) : INVALID_PAGE;
}

static void ptw_kvm_print_root(struct seq_file *m, int vcpu, const char *mmu,
			       const char *which, hpa_t hpa,
			       const union kvm_mmu_page_role *role)
{
	if (!VALID_PAGE(hpa))
		return;
	seq_printf(m, "root vcpu %d mmu %s %s 0x%016llx", vcpu, mmu, which,
		   (u64)hpa);
	if (role)
		seq_printf(m, " level %u direct %u ad %s smm %u guest_mode %u",
			   role->level, role->direct,
			   role->ad_disabled ? "off" : "on", role->smm,
			   role->guest_mode);
	seq_putc(m, '\n');
}

static void ptw_kvm_print_mmu(struct seq_file *m, int vcpu, const char *name,
			      const struct kvm_mmu *mmu)
{
	int i;

	ptw_kvm_print_root(m, vcpu, name, "current", mmu->root.hpa,
			   &mmu->root_role);
	for (i = 0; i < KVM_MMU_NUM_PREV_ROOTS; i++)
		ptw_kvm_print_root(m, vcpu, name, "cached",
				   mmu->prev_roots[i].hpa, NULL);
}

/**
 * ptwalk_kvm_arch_info() - Print the x86 part of "info".
 * @m:		Where to print.
 * @kvm:	The VM.
 *
 * Every vCPU's roots: the L1 MMU's (root_mmu) and, for nested guests, the
 * L2 one's (guest_mmu), current and cached, with the current roots' roles;
 * then KVM's own leaf counters to compare with the summary view.
 */
void ptwalk_kvm_arch_info(struct seq_file *m, struct kvm *kvm)
{
	struct kvm_vcpu *vcpu;
	unsigned long i;

	seq_printf(m, "vendor %s\nmmu %s\nmaxphyaddr %u\n",
		   ptw_kvm_amd() ? "amd" : "intel",
		   ptw_kvm_tdp_mmu(kvm) ? "tdp" : "shadow",
		   boot_cpu_data.x86_phys_bits);
	kvm_for_each_vcpu(i, vcpu, kvm) {
		ptw_kvm_print_mmu(m, vcpu->vcpu_id, "l1", &vcpu->arch.root_mmu);
		ptw_kvm_print_mmu(m, vcpu->vcpu_id, "l2", &vcpu->arch.guest_mmu);
	}
	seq_printf(m, "kvm_pages_4k %lld\nkvm_pages_2m %lld\nkvm_pages_1g %lld\n",
		   atomic64_read(&kvm->stat.pages_4k),
		   atomic64_read(&kvm->stat.pages_2m),
		   atomic64_read(&kvm->stat.pages_1g));
}

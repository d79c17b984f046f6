// SPDX-License-Identifier: GPL-2.0
/*
 * x86 half of ptwalk's KVM hook.  The second stage is vCPU 0's current
 * root of its L1 MMU (root_mmu): with two-dimensional paging a direct root,
 * NPT on AMD and Hygon and EPT on Intel, whether the TDP MMU or the legacy
 * MMU manages it; with shadow paging (npt=0, ept=0) KVM's shadow page
 * tables, in the x86-64 format, translating guest virtual addresses.
 * Every format is read as KVM's SPTEs: bit 11 marks what is present to
 * KVM, whatever the CPU would make of MMIO SPTEs.
 */

#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/version.h>
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

/*
 * Whether the TDP MMU manages this VM's direct roots.  6.1 records it per
 * VM.  From 6.3 on it is a global, read-only parameter of kvm.ko that a
 * module cannot read, and kvm_mmu_init_vm() initializes tdp_mmu_roots only
 * when it is on: otherwise the list head keeps the zeroes of the VM's
 * allocation (kvm_arch_alloc_vm() zeroes it), which no list head has once
 * initialized, empty or not.
 */
static bool ptw_kvm_tdp_mmu(struct kvm *kvm)
{
#if LINUX_VERSION_MAJOR == 6 && LINUX_VERSION_PATCHLEVEL < 3
	return READ_ONCE(kvm->arch.tdp_mmu_enabled);
#else
	return READ_ONCE(kvm->arch.tdp_mmu_roots.next);
#endif
}

/*
 * Whether a root of vCPU 0 can be walked until rcu_read_unlock().
 *
 * Shadow pages of the legacy MMU and of shadow paging are freed under
 * mmu_lock held for write, which the caller's read lock excludes.
 *
 * A TDP MMU root is freed by kvm_tdp_mmu_put_root() with mmu_lock held
 * only for read: list_del_rcu() from tdp_mmu_roots, then call_rcu(); and
 * kvm_mmu_free_roots() writes INVALID_PAGE to the vCPU's root.hpa only
 * after that.  A reader whose RCU section begins between the two reads a
 * root that the grace period does not wait for.  So the root counts only
 * if its shadow page is seen on tdp_mmu_roots inside this RCU section:
 * then list_del_rcu() had not run when the section began, call_rcu()
 * comes after list_del_rcu(), and its grace period waits for this
 * section.  The shadow page is found from the root's page, whose private
 * field KVM sets to it (tdp_mmu_init_sp()), and compared with the list's
 * nodes, which are its first member, &sp->link.  Nothing is read through
 * a pointer that was not found on the list.
 */
static bool ptw_kvm_root_alive(struct kvm *kvm, hpa_t hpa, bool direct)
	__must_hold(RCU)
{
	unsigned long pfn = hpa >> PAGE_SHIFT;
	struct list_head *head = &kvm->arch.tdp_mmu_roots, *node;
	unsigned long sp;

	if (!VALID_PAGE(hpa))
		return false;
	if (!direct || !ptw_kvm_tdp_mmu(kvm))
		return true;
	if (!pfn_valid(pfn))
		return false;
	sp = READ_ONCE(pfn_to_page(pfn)->private);
	for (node = rcu_dereference(list_next_rcu(head)); node != head;
	     node = rcu_dereference(list_next_rcu(node)))
		if ((unsigned long)node == sp)
			return true;
	return false;
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
	hpa_t hpa;
	int ret;

	if (!mmu)
		return -ENODATA;
	hpa = READ_ONCE(mmu->root.hpa);
	role = mmu->root_role;
	if (!ptw_kvm_root_alive(kvm, hpa, role.direct))
		return -ENODATA;
	if (role.level != 4 && role.level != 5)
		return -EOPNOTSUPP;
	five = role.level == 5;

	/*
	 * A direct root is in the CPU's two-dimensional format whichever MMU
	 * (TDP or legacy) manages it; shadow paging uses the x86-64 format.
	 */
	if (!role.direct)
		base = five ? &ptwalk_fmt_x86_64_5 : &ptwalk_fmt_x86_64_4;
	else if (ptw_kvm_amd())
		base = five ? &ptwalk_fmt_npt_5 : &ptwalk_fmt_npt_4;
	else if (role.ad_disabled)
		base = five ? &ptwalk_fmt_ept_5 : &ptwalk_fmt_ept_4;
	else
		base = five ? &ptwalk_fmt_ept_5_ad : &ptwalk_fmt_ept_4_ad;

	ret = ptwalk_fmt_x86_set_maxphyaddr(&tmp, base,
					    boot_cpu_data.x86_phys_bits);
	/*
	 * On an SME host, KVM on AMD sets the C-bit in every present SPTE
	 * but those of host MMIO (shadow_me_value); sme_me_mask is 0 on Intel.
	 */
	if (!ret)
		ret = ptwalk_fmt_x86_set_enc(&tmp, sme_me_mask);
	if (!ret)
		ret = ptwalk_fmt_x86_kvm(fmt, &tmp, PTW_KVM_EMPTY_SPTE);
	if (ret)
		return ret;
	/* A shadow root translates guest virtual addresses, not GPAs. */
	if (!role.direct)
		fmt->flags |= PTWALK_FMT_CANONICAL;
	*root = hpa;
	return 0;
}

/**
 * ptwalk_kvm_arch_root() - The root to walk now.
 * @kvm:	The VM.
 *
 * vCPU 0's current L1 root, if it can be walked until rcu_read_unlock()
 * (see ptw_kvm_root_alive()) and is not its SMM root: a vCPU in SMM runs
 * on a root of its own, which a dump begun outside SMM must not continue
 * on unannounced.
 *
 * Return: the root, or INVALID_PAGE.
 */
u64 ptwalk_kvm_arch_root(struct kvm *kvm)
{
	struct kvm_mmu *mmu = ptw_kvm_root_mmu(kvm);
	union kvm_mmu_page_role role;
	hpa_t hpa;

	if (!mmu)
		return INVALID_PAGE;
	hpa = READ_ONCE(mmu->root.hpa);
	role = mmu->root_role;
	if (role.smm || !ptw_kvm_root_alive(kvm, hpa, role.direct))
		return INVALID_PAGE;
	return hpa;
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
	struct kvm_mmu *mmu = ptw_kvm_root_mmu(kvm);
	const char *name = "none";
	struct kvm_vcpu *vcpu;
	unsigned long i;

	/*
	 * tdp: the TDP MMU; legacy: the legacy MMU with two-dimensional
	 * paging (kvm.tdp_mmu=0); shadow: shadow paging (npt=0 or ept=0).
	 */
	if (mmu && !mmu->root_role.direct)
		name = "shadow";
	else if (mmu)
		name = ptw_kvm_tdp_mmu(kvm) ? "tdp" : "legacy";
	seq_printf(m, "vendor %s\nmmu %s\nmaxphyaddr %u\n",
		   ptw_kvm_amd() ? "amd" : "intel", name,
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

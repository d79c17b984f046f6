// SPDX-License-Identifier: GPL-2.0
/*
 * x86 half of ptwalk's KVM hook.  A VM has a root per role and per vCPU
 * MMU: the L1 one (root_mmu), in SMM an SMM one, while a nested guest runs
 * a guest_mode one, and the nested guest's shadow EPT/NPT (guest_mmu).
 * With two-dimensional paging roots are in the CPU's format, NPT on AMD
 * and Hygon and EPT on Intel, whether the TDP MMU or the legacy MMU
 * manages them; with shadow paging (npt=0, ept=0) they are KVM's shadow
 * page tables, in the x86-64 format, translating guest virtual addresses.
 * Every format is read as KVM's SPTEs: bit 11 marks what is present to
 * KVM, whatever the CPU would make of MMIO SPTEs.
 *
 * The default dump walks vCPU 0's current L1 root, unless that is an SMM
 * or guest_mode root; "root=ID" walks any root "info" lists.
 */

#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/uaccess.h>
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

/* The roots a vCPU's MMU holds: current, then cached. */
#define PTW_KVM_MMU_ROOTS	(1 + KVM_MMU_NUM_PREV_ROOTS)
/* TDP MMU roots "info" lists beyond those vCPUs hold. */
#define PTW_KVM_MAX_TDP_ROOTS	64

/*
 * The head of KVM's struct kvm_mmu_page (arch/x86/kvm/mmu/mmu_internal.h,
 * which is not in the kernel's headers), alike in 6.1 and 6.12 up to
 * @spt.  It is trusted only after @spt was found to point to the very
 * table the page describes (ptw_kvm_root_sp()).
 */
struct ptw_kvm_sp {
	struct list_head	link;
	struct hlist_node	hash_link;
	bool			tdp_mmu_page;
	bool			unsync;
	u8			mmu_valid_gen;
	bool			nx_huge_page_disallowed;
	union kvm_mmu_page_role	role;
	gfn_t			gfn;
	u64			*spt;
};

/**
 * struct ptw_kvm_ref - A root, and who holds it.
 * @hpa:	The root.
 * @vcpu:	The vCPU whose MMU holds it, or -1 for a TDP MMU root that
 *		"info" found only on kvm->arch.tdp_mmu_roots.
 * @l2:		Held by the vCPU's guest_mmu (a nested guest's), not its
 *		root_mmu.
 * @slot:	0 for the MMU's current root, 1.. for its cached ones.
 */
struct ptw_kvm_ref {
	hpa_t	hpa;
	int	vcpu;
	u8	l2;
	u8	slot;
};

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
 * Whether KVM uses two-dimensional paging (its tdp_enabled, which it does
 * not export): then the L1 MMU's role is direct and 4- or 5-level.  With
 * shadow paging it is indirect while the guest pages, and a 3-level PAE
 * root while it does not.
 */
static bool ptw_kvm_tdp(struct kvm *kvm)
{
	struct kvm_mmu *mmu = ptw_kvm_root_mmu(kvm);
	union kvm_mmu_page_role role;

	if (!mmu)
		return false;
	role = mmu->root_role;
	return role.direct && role.level >= 4;
}

/* Whether @sp, a struct kvm_mmu_page, is on tdp_mmu_roots now. */
static bool ptw_kvm_on_tdp_list(struct kvm *kvm, unsigned long sp)
	__must_hold(RCU)
{
	struct list_head *head = &kvm->arch.tdp_mmu_roots, *node;

	for (node = rcu_dereference(list_next_rcu(head)); node != head;
	     node = rcu_dereference(list_next_rcu(node)))
		if ((unsigned long)node == sp)
			return true;
	return false;
}

/*
 * Whether a root can be walked until rcu_read_unlock(), and its role.
 *
 * Shadow pages of the legacy MMU and of shadow paging, nested guests'
 * shadow EPT/NPT among them, are freed under mmu_lock held for write,
 * which the caller's read lock excludes; a root that a vCPU's MMU holds is
 * alive (@tdp false).
 *
 * A TDP MMU root (@tdp true) is freed by kvm_tdp_mmu_put_root() with
 * mmu_lock held only for read: list_del_rcu() from tdp_mmu_roots, then
 * call_rcu(); and kvm_mmu_free_roots() writes INVALID_PAGE to the vCPU's
 * root.hpa only after that.  A reader whose RCU section begins between the
 * two reads a root that the grace period does not wait for.  So the root
 * counts only if its shadow page is seen on tdp_mmu_roots inside this RCU
 * section: then list_del_rcu() had not run when the section began,
 * call_rcu() comes after list_del_rcu(), and its grace period waits for
 * this section.  The shadow page is found from the root's page, whose
 * private field KVM sets to it (tdp_mmu_init_sp(), and
 * kvm_mmu_alloc_shadow_page() for the shadow MMU), and compared with the
 * list's nodes, which are its first member, &sp->link.
 *
 * The role is read from the shadow page, without faulting, and believed
 * only when the page's table is the root's.  Roots that are not shadow
 * pages (the PAE and PML4 roots KVM makes for 32-bit guests) have none.
 *
 * Return: 1 alive with @sp filled, 0 alive without a role, -1 not alive.
 */
static int ptw_kvm_root_sp(struct kvm *kvm, hpa_t hpa, bool tdp,
			   struct ptw_kvm_sp *sp)
	__must_hold(RCU)
{
	unsigned long pfn = hpa >> PAGE_SHIFT, p;

	if (!VALID_PAGE(hpa) || offset_in_page(hpa) || !pfn_valid(pfn))
		return -1;
	p = READ_ONCE(pfn_to_page(pfn)->private);
	if (tdp && !ptw_kvm_on_tdp_list(kvm, p))
		return -1;
	if (!p || copy_from_kernel_nofault(sp, (void *)p, sizeof(*sp)) ||
	    sp->spt != __va(hpa))
		return 0;
	return 1;
}

/*
 * The default root and its role: vCPU 0's current L1 root, but neither
 * its SMM root nor the guest_mode root a nested guest runs on, which a
 * dump must not continue on unannounced.
 */
static hpa_t ptw_kvm_default(struct kvm *kvm, union kvm_mmu_page_role *role)
	__must_hold(RCU)
{
	struct kvm_mmu *mmu = ptw_kvm_root_mmu(kvm);
	struct ptw_kvm_sp sp;
	hpa_t hpa;
	int r;

	if (!mmu)
		return INVALID_PAGE;
	hpa = READ_ONCE(mmu->root.hpa);
	/* Direct L1 roots are the TDP MMU's whenever it is on. */
	r = ptw_kvm_root_sp(kvm, hpa, ptw_kvm_tdp_mmu(kvm), &sp);
	if (r < 0)
		return INVALID_PAGE;
	*role = r ? sp.role : mmu->root_role;
	if (role->smm || role->guest_mode)
		return INVALID_PAGE;
	return hpa;
}

typedef bool (*ptw_kvm_ref_fn)(void *arg, const struct ptw_kvm_ref *ref);

/* Calls @fn for every root a vCPU's MMUs hold, until it returns true. */
static bool ptw_kvm_vcpu_roots(struct kvm *kvm, ptw_kvm_ref_fn fn, void *arg)
{
	struct kvm_vcpu *vcpu;
	struct kvm_mmu *mmu;
	struct ptw_kvm_ref ref;
	unsigned long i;
	int l2, j;

	kvm_for_each_vcpu(i, vcpu, kvm) {
		for (l2 = 0; l2 < 2; l2++) {
			mmu = l2 ? &vcpu->arch.guest_mmu : &vcpu->arch.root_mmu;
			for (j = 0; j < PTW_KVM_MMU_ROOTS; j++) {
				ref = (struct ptw_kvm_ref){
					.hpa = j ? READ_ONCE(mmu->prev_roots[j - 1].hpa) :
						   READ_ONCE(mmu->root.hpa),
					.vcpu = vcpu->vcpu_id,
					.l2 = l2,
					.slot = j,
				};
				if (VALID_PAGE(ref.hpa) && fn(arg, &ref))
					return true;
			}
		}
	}
	return false;
}

/*
 * Which roots need the TDP MMU's proof of life: the L1 MMU's while the TDP
 * MMU is on (it builds every direct L1 root then), never guest_mmu's,
 * which shadow a guest hypervisor's tables in shadow pages.
 */
static bool ptw_kvm_ref_tdp(struct kvm *kvm, const struct ptw_kvm_ref *ref)
{
	return ptw_kvm_tdp_mmu(kvm) && (ref->vcpu < 0 || !ref->l2);
}

struct ptw_kvm_find {
	struct kvm		*kvm;
	hpa_t			want;
	int			found;
	struct ptw_kvm_sp	*sp;
};

static bool ptw_kvm_find_fn(void *arg, const struct ptw_kvm_ref *ref)
{
	struct ptw_kvm_find *f = arg;

	if (ref->hpa != f->want)
		return false;
	f->found = ptw_kvm_root_sp(f->kvm, ref->hpa, ptw_kvm_ref_tdp(f->kvm, ref),
				   f->sp);
	return f->found >= 0;
}

/*
 * A root the VM has now, chosen by its ID: one a vCPU holds, or one on
 * tdp_mmu_roots (which keeps the roots no vCPU holds until they are
 * zapped).  Return as ptw_kvm_root_sp().
 */
static int ptw_kvm_find(struct kvm *kvm, hpa_t want, struct ptw_kvm_sp *sp)
	__must_hold(RCU)
{
	struct ptw_kvm_find f = { .kvm = kvm, .want = want, .found = -1, .sp = sp };
	int r;

	if (ptw_kvm_tdp_mmu(kvm)) {
		r = ptw_kvm_root_sp(kvm, want, true, sp);
		if (r >= 0)
			return r;
	}
	ptw_kvm_vcpu_roots(kvm, ptw_kvm_find_fn, &f);
	return f.found;
}

/* The format of a root of @role, and what its addresses are. */
static int ptw_kvm_fmt(struct kvm *kvm, union kvm_mmu_page_role role,
		       struct ptwalk_fmt *fmt, struct ptwalk_kvm_root *r)
{
	bool five = role.level == 5, tdp = ptw_kvm_tdp(kvm);
	const struct ptwalk_fmt *base;
	struct ptwalk_fmt tmp;
	int ret;

	if (role.level != 4 && role.level != 5)
		return -EOPNOTSUPP;
	/*
	 * With two-dimensional paging every root, a nested guest's shadow
	 * EPT/NPT too, is in the CPU's format; shadow paging uses x86-64's.
	 */
	if (!tdp)
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
	if (!tdp) {
		/* A shadow root translates guest virtual addresses. */
		fmt->flags |= PTWALK_FMT_CANONICAL;
		r->space = PTWALK_KVM_GVA;
	} else if (!role.direct) {
		r->space = PTWALK_KVM_NGPA;
	} else {
		r->space = PTWALK_KVM_GPA;
		r->as_id = role.smm ? 1 : 0;
	}
	return 0;
}

/**
 * ptwalk_kvm_arch_format() - Describe one of a VM's second-stage roots.
 * @kvm:	The VM.
 * @want:	The root's ID, or PTWALK_ROOT_DEFAULT.
 * @fmt:	Receives the format.
 * @root:	Receives the root.
 *
 * Return: 0, -ENODATA without a default root, -ENOENT without the root
 * @want names, -EOPNOTSUPP for a root without a role or a PAE one.
 */
int ptwalk_kvm_arch_format(struct kvm *kvm, u64 want, struct ptwalk_fmt *fmt,
			   struct ptwalk_kvm_root *root)
{
	union kvm_mmu_page_role role;
	struct ptw_kvm_sp sp;
	hpa_t hpa;
	int r;

	if (want == PTWALK_ROOT_DEFAULT) {
		hpa = ptw_kvm_default(kvm, &role);
		if (!VALID_PAGE(hpa))
			return -ENODATA;
	} else {
		hpa = want;
		r = ptw_kvm_find(kvm, hpa, &sp);
		if (r < 0)
			return -ENOENT;
		if (!r)
			return -EOPNOTSUPP;
		role = sp.role;
	}
	*root = (struct ptwalk_kvm_root){ .hpa = hpa };
	return ptw_kvm_fmt(kvm, role, fmt, root);
}

/**
 * ptwalk_kvm_arch_root() - The root to walk now.
 * @kvm:	The VM.
 * @want:	The root's ID, or PTWALK_ROOT_DEFAULT.
 *
 * The default root (see ptw_kvm_default()), or the root @want names, if it
 * can be walked until rcu_read_unlock() (see ptw_kvm_root_sp()).
 *
 * Return: the root, or INVALID_PAGE.
 */
u64 ptwalk_kvm_arch_root(struct kvm *kvm, u64 want)
{
	union kvm_mmu_page_role role;
	struct ptw_kvm_sp sp;

	if (want == PTWALK_ROOT_DEFAULT)
		return ptw_kvm_default(kvm, &role);
	return ptw_kvm_find(kvm, want, &sp) > 0 ? want : INVALID_PAGE;
}

struct ptw_kvm_refs {
	struct ptw_kvm_ref	*refs;
	int			n;
	int			max;
	int			unlisted;
};

static bool ptw_kvm_add_ref(void *arg, const struct ptw_kvm_ref *ref)
{
	struct ptw_kvm_refs *c = arg;

	if (c->n < c->max)
		c->refs[c->n++] = *ref;
	else
		c->unlisted++;
	return false;
}

static int ptw_kvm_ref_cmp(const void *a, const void *b)
{
	const struct ptw_kvm_ref *x = a, *y = b;

	if (x->hpa != y->hpa)
		return x->hpa < y->hpa ? -1 : 1;
	if (x->vcpu != y->vcpu)
		return x->vcpu < y->vcpu ? -1 : 1;
	if (x->l2 != y->l2)
		return x->l2 - y->l2;
	return x->slot - y->slot;
}

/* The roots of @kvm, each once, with their holders, sorted by address. */
static void ptw_kvm_print_roots(struct seq_file *m, struct kvm *kvm,
				struct ptw_kvm_refs *c)
	__must_hold(RCU)
{
	struct list_head *head = &kvm->arch.tdp_mmu_roots, *node;
	const struct ptw_kvm_ref *ref;
	union kvm_mmu_page_role role;
	struct ptw_kvm_sp sp;
	int i, j, r, shown = 0;
	bool tdp;

	c->n = 0;
	c->unlisted = 0;
	ptw_kvm_vcpu_roots(kvm, ptw_kvm_add_ref, c);
	/* tdp_mmu_roots: roots no vCPU holds (invalid ones, say). */
	if (ptw_kvm_tdp_mmu(kvm)) {
		for (node = rcu_dereference(list_next_rcu(head)); node != head;
		     node = rcu_dereference(list_next_rcu(node))) {
			struct ptw_kvm_sp *p = (struct ptw_kvm_sp *)node;
			struct ptw_kvm_ref tref = { .vcpu = -1 };

			if (copy_from_kernel_nofault(&sp, p, sizeof(sp)))
				continue;
			tref.hpa = __pa(sp.spt);
			ptw_kvm_add_ref(c, &tref);
		}
	}
	sort(c->refs, c->n, sizeof(*c->refs), ptw_kvm_ref_cmp, NULL);

	for (i = 0; i < c->n; i = j) {
		tdp = false;
		for (j = i; j < c->n && c->refs[j].hpa == c->refs[i].hpa; j++)
			tdp |= ptw_kvm_ref_tdp(kvm, &c->refs[j]);
		r = ptw_kvm_root_sp(kvm, c->refs[i].hpa, tdp, &sp);
		if (r < 0)
			continue;	/* freed while we looked */
		shown++;
		seq_printf(m, "root 0x%016llx", (u64)c->refs[i].hpa);
		role = sp.role;
		if (r)
			seq_printf(m, " level %u direct %u ad %s smm %u guest_mode %u invalid %u",
				   role.level, role.direct,
				   role.ad_disabled ? "off" : "on", role.smm,
				   role.guest_mode, role.invalid);
		else
			seq_puts(m, " role unknown");
		seq_printf(m, " mmu %s users", tdp ? "tdp" : "shadow");
		if (c->refs[i].vcpu < 0 && j - i == 1)
			seq_puts(m, " none");
		for (ref = &c->refs[i]; ref < &c->refs[j]; ref++) {
			if (ref->vcpu < 0)
				continue;
			seq_printf(m, " vcpu%d:%s:", ref->vcpu,
				   ref->l2 ? "l2" : "l1");
			if (ref->slot)
				seq_printf(m, "cached%u", ref->slot);
			else
				seq_puts(m, "current");
		}
		seq_putc(m, '\n');
	}
	seq_printf(m, "roots %d\nroots_unlisted %d\n", shown, c->unlisted);
}

/**
 * ptwalk_kvm_arch_info() - Print the x86 part of "info".
 * @m:		Where to print.
 * @kvm:	The VM.
 *
 * Every root once, with its role and which vCPUs hold it in their L1 MMU
 * (root_mmu) or their nested guest's (guest_mmu), as current or cached
 * root, and TDP MMU roots that none holds; the default root; then KVM's
 * own leaf counters to compare with the summary view.
 */
void ptwalk_kvm_arch_info(struct seq_file *m, struct kvm *kvm)
{
	struct ptw_kvm_refs c = {};
	union kvm_mmu_page_role role;
	struct kvm_mmu *mmu;
	const char *name = "none";
	hpa_t def;

	c.max = atomic_read(&kvm->online_vcpus) * 2 * PTW_KVM_MMU_ROOTS +
		PTW_KVM_MAX_TDP_ROOTS;
	c.refs = kvmalloc_array(c.max, sizeof(*c.refs), GFP_KERNEL);
	if (!c.refs)
		c.max = 0;

	rcu_read_lock();
	read_lock(&kvm->mmu_lock);
	/*
	 * tdp: the TDP MMU; legacy: the legacy MMU with two-dimensional
	 * paging (kvm.tdp_mmu=0); shadow: shadow paging (npt=0 or ept=0).
	 */
	mmu = ptw_kvm_root_mmu(kvm);
	if (mmu && !ptw_kvm_tdp(kvm))
		name = "shadow";
	else if (mmu)
		name = ptw_kvm_tdp_mmu(kvm) ? "tdp" : "legacy";
	seq_printf(m, "vendor %s\nmmu %s\nmaxphyaddr %u\n",
		   ptw_kvm_amd() ? "amd" : "intel", name,
		   boot_cpu_data.x86_phys_bits);
	ptw_kvm_print_roots(m, kvm, &c);
	def = ptw_kvm_default(kvm, &role);
	if (VALID_PAGE(def))
		seq_printf(m, "default_root 0x%016llx\n", (u64)def);
	else
		seq_puts(m, "default_root none\n");
	read_unlock(&kvm->mmu_lock);
	rcu_read_unlock();
	kvfree(c.refs);

	seq_printf(m, "kvm_pages_4k %lld\nkvm_pages_2m %lld\nkvm_pages_1g %lld\n",
		   atomic64_read(&kvm->stat.pages_4k),
		   atomic64_read(&kvm->stat.pages_2m),
		   atomic64_read(&kvm->stat.pages_1g));
}

/* ---- The guest's own page tables, for kvm/<vm>/translate ---- */

/**
 * ptwalk_kvm_arch_guest_usage() - The command a read before any suggests.
 *
 * Return: the x86 command.
 */
const char *ptwalk_kvm_arch_guest_usage(void)
{
	return "cr3=VALUE [la57=0|1] [START [END]]";
}

/**
 * ptwalk_kvm_arch_guest_word() - Take "cr3=VALUE" or "la57=0|1".
 * @g:		The command so far.
 * @key:	The word's key, or NULL for the defaults (4-level paging).
 * @val:	Its value.
 *
 * CR3's PCID (or PWT and PCD) and its no-flush bit are not part of the
 * root's address and are dropped.
 *
 * Return: 0 or -EINVAL.
 */
int ptwalk_kvm_arch_guest_word(struct ptwalk_kvm_guest *g, const char *key,
			       const char *val)
{
	u64 v;

	if (!key)
		return 0;
	if (kstrtou64(val, 0, &v))
		return -EINVAL;
	if (!strcmp(key, "cr3")) {
		g->raw = v;
		g->root = v & GENMASK_ULL(51, 12);
		g->key = "cr3";
		g->set = true;
		return 0;
	}
	if (!strcmp(key, "la57") && v <= 1) {
		g->la57 = v;
		return 0;
	}
	return -EINVAL;
}

/**
 * ptwalk_kvm_arch_guest_fmt() - The format of a 64-bit guest's tables.
 * @kvm:	The VM: its vCPU 0's MAXPHYADDR says which bits are reserved.
 * @g:		The command.
 * @fmt:	Receives x86-64 4- or 5-level.
 *
 * Return: 0 or -EINVAL.
 */
int ptwalk_kvm_arch_guest_fmt(struct kvm *kvm, const struct ptwalk_kvm_guest *g,
			      struct ptwalk_fmt *fmt)
{
	struct kvm_vcpu *vcpu = kvm_get_vcpu(kvm, 0);
	int maxphyaddr = vcpu ? READ_ONCE(vcpu->arch.maxphyaddr) : 0;

	/* The guest's CPUID, or the host's before userspace set one. */
	if (maxphyaddr < 32 || maxphyaddr > 52)
		maxphyaddr = boot_cpu_data.x86_phys_bits;
	return ptwalk_fmt_x86_set_maxphyaddr(fmt, g->la57 ? &ptwalk_fmt_x86_64_5 :
					     &ptwalk_fmt_x86_64_4, maxphyaddr);
}

/*
 * Where vcpu->arch.cr3 is the guest's CR3: with shadow paging KVM
 * intercepts every change of it; on AMD, without SEV-ES, KVM copies it
 * from the VMCB at every exit.  Intel's EPT leaves it in the VMCS, which
 * only the CPU the vCPU is loaded on may read.
 */
static const char *ptw_kvm_cr3_unknown(struct kvm *kvm, struct kvm_vcpu *vcpu)
{
	if (!ptw_kvm_tdp(kvm))
		return NULL;
	if (!ptw_kvm_amd())
		return "Intel keeps CR3 in the VMCS";
	if (vcpu->arch.guest_state_protected)
		return "SEV-ES keeps CR3 in the encrypted VMSA";
	return NULL;
}

/**
 * ptwalk_kvm_arch_guest_info() - Each vCPU's CR3, where it can be read.
 * @m:		Where to print.
 * @kvm:	The VM.
 *
 * The value at the vCPU's last exit (AMD) or change (shadow paging), with
 * CR4 and EFER for the paging mode, and whether it was the nested guest's.
 */
void ptwalk_kvm_arch_guest_info(struct seq_file *m, struct kvm *kvm)
{
	struct kvm_vcpu *vcpu;
	const char *why;
	unsigned long i;

	kvm_for_each_vcpu(i, vcpu, kvm) {
		why = ptw_kvm_cr3_unknown(kvm, vcpu);
		if (why) {
			seq_printf(m, "guest_root vcpu%lu unknown (%s)\n", i, why);
			continue;
		}
		seq_printf(m, "guest_root vcpu%lu cr3 0x%016lx cr4 0x%lx efer 0x%llx guest_mode %d\n",
			   i, READ_ONCE(vcpu->arch.cr3), READ_ONCE(vcpu->arch.cr4),
			   READ_ONCE(vcpu->arch.efer),
			   !!(READ_ONCE(vcpu->arch.hflags) & HF_GUEST_MASK));
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * kvm/<vm>/audit: every leaf of a VM's second stage (the root the stage2
 * file dumps) checked against the host, by ptwalk_audit_check(): is its GPA
 * in a memslot (address space 0: the default root is never an SMM one),
 * does the VMM's page table map the memslot's HVA to the same page, is
 * the host mapping writable where the leaf is, and is a large leaf backed
 * by a host mapping as large or by contiguous pages.  One line per
 * disagreement, then the totals and KVM's invalidation state at the start
 * and at the end.
 *
 * Locking, per bounded step of the walk (ptw_audit_lock()): kvm->srcu for
 * the memslots, then rcu_read_lock() and kvm->mmu_lock for read for the
 * tables, as the other dumps of the second stage take them.  The host's
 * page table is read the way GUP-fast reads it, with interrupts off for
 * one lookup at a time, where that keeps its tables from being freed
 * under the lookup (ptwalk_user_lockless(): arm64, whose tables are freed
 * after an RCU grace period or an IPI to every CPU).  On x86 a table of
 * another mm is freed after a TLB shootdown of that mm's CPUs only, so
 * there each step holds the VMM's mmap lock for read as well, taken
 * first as KVM's MMU notifier takes it, and looks only where a VMA is:
 * tables under an unmapped range are freed after its VMA left.  KVM
 * changes its invalidation state only with mmu_lock held for write, so
 * within a step it cannot change, and a step that saw it at zero saw no
 * host mapping of a memslot in the middle of a change.  Nothing is
 * written, no lock is taken for write.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pgtable.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/srcu.h>

#include "ptwalk.h"
#include "ptwalk_audit.h"
#include "ptwalk_file.h"
#include "ptwalk_kvm.h"

/**
 * struct ptw_audit_file - One open audit file's own state.
 * @fmt:	The second stage's format, from the start of the dump.
 * @table:	The tables; the root is looked up again at every step.
 * @root:	The root at the start of the dump, for the header.
 * @pos:	Where the walk continues.
 * @end:	Where it ends (2^ia_bits).
 * @a:		The audit: counts and the findings of the last step.
 * @stepped:	The walk has taken a step.
 * @inval:	KVM's invalidation state at the first and the last step.
 * @lockless:	The current step reads the VMM's page table with interrupts
 *		off alone.
 * @mm_locked:	The VMM's mmap lock is held for the current step.
 */
struct ptw_audit_file {
	struct ptwalk_fmt		fmt;
	struct ptwalk_table		table;
	u64				root;
	u64				pos;
	u64				end;
	struct ptwalk_audit		a;
	bool				stepped;
	struct ptwalk_audit_inval	inval[2];
	bool				lockless;
	bool				mm_locked;
};

/* ---- Where the audit looks: memslots, the VMM's page table, KVM ---- */

static int ptw_audit_slot(void *priv, u64 gpa, struct ptwalk_audit_slot *s)
{
	struct kvm *kvm = ((struct ptw_kvm_stream *)priv)->kvm;
	struct kvm_memory_slot *slot;

	/*
	 * The memslots are read after the leaf: a vCPU fault that installed
	 * the leaf found its memslot published before, so a leaf seen is
	 * never checked against the memslots from before its own.
	 */
	smp_rmb();
	/* search_memslots(), not gfn_to_memslot(): it writes no cache. */
	slot = search_memslots(__kvm_memslots(kvm, 0), gpa >> PAGE_SHIFT,
			       false);
	if (!slot)
		return -ENOENT;
	*s = (struct ptwalk_audit_slot){
		.gpa = (u64)slot->base_gfn << PAGE_SHIFT,
		.size = (u64)slot->npages << PAGE_SHIFT,
		.hva = slot->userspace_addr,
		.readonly = slot->flags & KVM_MEM_READONLY,
	};
	return 0;
}

static void ptw_audit_host_set(struct ptwalk_audit_host *h, unsigned long pfn,
			       u64 size, unsigned long addr, bool writable)
{
	*h = (struct ptwalk_audit_host){
		.pa = PFN_PHYS(pfn) + (addr & (size - 1)),
		.size = size,
		.writable = writable,
	};
}

/*
 * perf_get_pgtable_size()'s walk, which is GUP-fast's: each level read
 * once, its table reached from that snapshot, never a lock.  A PROT_NONE
 * mapping (NUMA hinting included) maps nothing a guest may use: GUP-fast
 * refuses it too.  6.1 has no pmdp_get_lockless(), and on 64-bit it is
 * READ_ONCE() anyway.
 */
static void __ptw_audit_host(struct mm_struct *mm, unsigned long addr,
			     struct ptwalk_audit_host *h)
{
	pgd_t *pgdp, pgd;
	p4d_t *p4dp, p4d;
	pud_t *pudp, pud;
	pmd_t *pmdp, pmd;
	pte_t *ptep, pte;

	pgdp = pgd_offset(mm, addr);
	pgd = READ_ONCE(*pgdp);
	if (pgd_none(pgd) || pgd_leaf(pgd))
		return;
	p4dp = p4d_offset_lockless(pgdp, pgd, addr);
	p4d = READ_ONCE(*p4dp);
	if (!p4d_present(p4d) || p4d_leaf(p4d))
		return;
	pudp = pud_offset_lockless(p4dp, p4d, addr);
	pud = READ_ONCE(*pudp);
	if (!pud_present(pud))
		return;
	if (pud_leaf(pud)) {
		ptw_audit_host_set(h, pud_pfn(pud), PUD_SIZE, addr,
				   pud_write(pud));
		return;
	}
	pmdp = pmd_offset_lockless(pudp, pud, addr);
	pmd = READ_ONCE(*pmdp);
	if (!pmd_present(pmd) || pmd_protnone(pmd))
		return;
	if (pmd_leaf(pmd)) {
		ptw_audit_host_set(h, pmd_pfn(pmd), PMD_SIZE, addr,
				   pmd_write(pmd));
		return;
	}
	/* The PTE table of the snapshot, not of whatever *pmdp is now. */
	ptep = pte_offset_kernel(&pmd, addr);
	pte = ptep_get_lockless(ptep);
	if (!pte_present(pte) || pte_protnone(pte))
		return;
	ptw_audit_host_set(h, pte_pfn(pte), PAGE_SIZE, addr, pte_write(pte));
}

/*
 * One lookup per interrupts-off section: a step never holds them off long.
 * Under the mmap lock, only where a VMA is (see the file's comment).
 */
static void ptw_audit_host(void *priv, unsigned long hva,
			   struct ptwalk_audit_host *h)
{
	struct ptw_kvm_stream *s = priv;
	struct ptw_audit_file *af = s->priv;
	unsigned long flags;

	*h = (struct ptwalk_audit_host){};
	if (!af->lockless && !vma_lookup(s->kvm->mm, hva))
		return;
	local_irq_save(flags);
	__ptw_audit_host(s->kvm->mm, hva, h);
	local_irq_restore(flags);
}

/* In the order mmu_invalidate_retry() reads them. */
static void ptw_audit_inval(void *priv, struct ptwalk_audit_inval *inval)
{
	struct kvm *kvm = ((struct ptw_kvm_stream *)priv)->kvm;

	inval->in_progress = READ_ONCE(kvm->mmu_invalidate_in_progress);
	/* Pairs with the smp_wmb() in kvm_mmu_invalidate_end(). */
	smp_rmb();
	inval->seq = READ_ONCE(kvm->mmu_invalidate_seq);
}

static const struct ptwalk_audit_ops ptw_audit_ops = {
	.slot	= ptw_audit_slot,
	.host	= ptw_audit_host,
	.inval	= ptw_audit_inval,
};

/* ---- The walk, one bounded step at a time ---- */

/*
 * The VMM's mmap lock where the host's tables need it, the memslots' SRCU,
 * then the stage2 file's locks on the default root (ptw_kvm_lock_root()).
 * Returns with every lock held, whatever it returns.
 */
static int ptw_audit_lock(struct ptw_kvm_stream *s, int *idx)
	__acquires(kvm_srcu) __acquires(RCU) __acquires(kvm_mmu_lock)
{
	struct ptw_audit_file *af = s->priv;
	u64 root;
	int ret;

	/* Decided by the task that reads: the file may pass to another. */
	af->lockless = ptwalk_user_lockless(s->kvm->mm);
	af->mm_locked = !af->lockless &&
			!mmap_read_lock_killable(s->kvm->mm);
	*idx = srcu_read_lock(&s->kvm->srcu);
	ret = ptw_kvm_lock_root(s->kvm, PTWALK_ROOT_DEFAULT, &root, &s->gone);
	if (!ret)
		af->table.root = root;
	if (!ret && !af->lockless && !af->mm_locked)
		ret = -EINTR;
	return ret;
}

static void ptw_audit_unlock(struct ptw_kvm_stream *s, int idx)
	__releases(kvm_mmu_lock) __releases(RCU) __releases(kvm_srcu)
{
	struct ptw_audit_file *af = s->priv;

	ptw_kvm_unlock_root(s->kvm);
	srcu_read_unlock(&s->kvm->srcu, idx);
	if (af->mm_locked)
		mmap_read_unlock(s->kvm->mm);
	af->mm_locked = false;
}

/* Start a fresh audit: the format and root as the stage2 file finds them. */
static int ptw_audit_begin(struct ptw_kvm_stream *s)
{
	struct ptw_audit_file *af = s->priv;
	struct ptwalk_kvm_root kr;
	int idx, ret;

	ret = ptw_audit_lock(s, &idx);
	if (!ret)
		ret = ptwalk_kvm_arch_format(s->kvm, PTWALK_ROOT_DEFAULT,
					     &af->fmt, &kr);
	ptw_audit_unlock(s, idx);
	if (ret == -ESRCH)
		ret = -ENODATA;
	if (ret)
		return ret;
	/* Shadow paging translates guest virtual addresses: no memslots. */
	if (kr.space != PTWALK_KVM_GPA || kr.as_id)
		return -EOPNOTSUPP;
	af->root = kr.hpa;
	af->table = (struct ptwalk_table){
		.fmt = &af->fmt, .root = af->root, .mem = &ptwalk_host_mem,
	};
	af->end = 1ULL << af->fmt.ia_bits;
	af->pos = 0;
	af->a = (struct ptwalk_audit){ .ops = &ptw_audit_ops, .priv = s };
	af->stepped = false;
	return 0;
}

static int ptw_audit_step(struct ptw_kvm_stream *s)
{
	struct ptw_audit_file *af = s->priv;
	int idx, ret;

	ret = ptw_audit_lock(s, &idx);
	if (!ret) {
		if (!af->stepped)
			ptw_audit_inval(s, &af->inval[0]);
		af->stepped = true;
		ret = ptwalk_audit_step(&af->a, &af->table, &af->pos, af->end);
		s->nq = af->a.nq;
		ptw_audit_inval(s, &af->inval[1]);
	}
	ptw_audit_unlock(s, idx);
	return ret;
}

static int ptw_audit_line(struct ptw_kvm_stream *s, unsigned int i)
{
	struct ptw_audit_file *af = s->priv;

	return ptwalk_audit_line(&af->fmt, &af->a.q[i], s->buf, sizeof(s->buf));
}

static void ptw_audit_header(struct seq_file *m, struct ptw_kvm_stream *s)
{
	struct ptw_audit_file *af = s->priv;

	/* The directory is the VM's, named <pid>-<fd>. */
	seq_printf(m, "# ptwalk kvm %pd root 0x%llx default format %s view audit range 0x%016llx 0x%016llx\n",
		   file_dentry(m->file)->d_parent, af->root, af->fmt.name, 0ULL,
		   af->end);
	seq_puts(m, "# start end pgsize pages pa perm flags reason host hva\n");
}

static void ptw_audit_totals(struct seq_file *m, struct ptw_kvm_stream *s)
{
	const struct ptw_audit_file *af = s->priv;
	const struct ptwalk_audit *a = &af->a;
	int i;

	seq_printf(m, "audit leaves %llu ok %llu stale %llu", a->leaves,
		   a->count[PTWALK_AUDIT_OK],
		   a->leaves - a->count[PTWALK_AUDIT_OK] -
		   a->count[PTWALK_AUDIT_RACING]);
	for (i = PTWALK_AUDIT_SLOT; i < PTWALK_AUDIT_NR; i++)
		seq_printf(m, " %s %llu", ptwalk_audit_names[i], a->count[i]);
	seq_printf(m, " bad %llu mmu_invalidate_seq %lu %lu in_progress %ld %ld\n",
		   a->bad, af->inval[0].seq, af->inval[1].seq,
		   af->inval[0].in_progress, af->inval[1].in_progress);
}

static const struct ptw_kvm_stream_ops ptw_audit_stream_ops = {
	.begin	= ptw_audit_begin,
	.step	= ptw_audit_step,
	.line	= ptw_audit_line,
	.header	= ptw_audit_header,
	.footer	= ptw_audit_totals,
};

static int ptw_audit_open(struct inode *inode, struct file *file)
{
	return ptw_kvm_stream_open(inode, file, &ptw_audit_stream_ops,
				   sizeof(struct ptw_audit_file));
}

const struct file_operations ptwalk_kvm_audit_fops = {
	.owner		= THIS_MODULE,
	.open		= ptw_audit_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= ptw_kvm_stream_release,
};

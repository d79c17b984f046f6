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
 * page table is read with no lock, the way GUP-fast reads it: with
 * interrupts off for one lookup at a time, so that a table freed under the
 * lookup (by an IPI or an RCU grace period, MMU_GATHER_RCU_TABLE_FREE on
 * x86 and arm64) waits for it.  KVM changes its invalidation state only
 * with mmu_lock held for write, so within a step it cannot change, and a
 * step that saw it at zero saw no host mapping of a memslot in the middle
 * of a change.  Nothing is written, no lock is taken for write.
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
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/srcu.h>

#include "ptwalk.h"
#include "ptwalk_audit.h"
#include "ptwalk_file.h"
#include "ptwalk_kvm.h"

enum ptw_audit_rec {
	PTW_AUDIT_REC_HEADER,
	PTW_AUDIT_REC_LINE,
	PTW_AUDIT_REC_TOTALS,
	PTW_AUDIT_REC_TRAILER,
	PTW_AUDIT_REC_EOF,
};

/**
 * struct ptw_audit_file - One open audit file.
 * @kvm:	The VM, pinned from open to release.
 * @fmt:	The second stage's format, from the start of the dump.
 * @table:	The tables; the root is looked up again at every step.
 * @root:	The root at the start of the dump, for the header.
 * @cur:	Where the walk continues.
 * @end:	Where it ends (2^ia_bits).
 * @a:		The audit: counts and the findings of the last step.
 * @next:	The next of @a.q to show.
 * @line:	The finding at @pos, kept to be shown again.
 * @stepped:	The walk has taken a step.
 * @walked:	The walk is over.
 * @inval:	KVM's invalidation state at the first and the last step.
 * @pos:	seq_file index of the record @rec is.
 * @rec:	The record at @pos.
 * @err:	Reported at the next read, after the output so far.
 * @gone:	Why the audit ended early, for the trailer.
 * @buf:	Formatting buffer.
 */
struct ptw_audit_file {
	struct kvm			*kvm;
	struct ptwalk_fmt		fmt;
	struct ptwalk_table		table;
	u64				root;
	struct ptwalk_cursor		cur;
	u64				end;
	struct ptwalk_audit		a;
	unsigned int			next;
	struct ptwalk_audit_finding	line;
	bool				stepped;
	bool				walked;
	struct ptwalk_audit_inval	inval[2];
	loff_t				pos;
	enum ptw_audit_rec		rec;
	int				err;
	const char			*gone;
	char				buf[PTWALK_LINE_MAX];
};

/* ---- Where the audit looks: memslots, the VMM's page table, KVM ---- */

static int ptw_audit_slot(void *priv, u64 gpa, struct ptwalk_audit_slot *s)
{
	struct kvm *kvm = priv;
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

/* One lookup per interrupts-off section: a step never holds them off long. */
static void ptw_audit_host(void *priv, unsigned long hva,
			   struct ptwalk_audit_host *h)
{
	struct kvm *kvm = priv;
	unsigned long flags;

	*h = (struct ptwalk_audit_host){};
	local_irq_save(flags);
	__ptw_audit_host(kvm->mm, hva, h);
	local_irq_restore(flags);
}

/* In the order mmu_invalidate_retry() reads them. */
static void ptw_audit_inval(void *priv, struct ptwalk_audit_inval *inval)
{
	struct kvm *kvm = priv;

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
 * The memslots' SRCU, then the stage2 file's locks on the default root
 * (ptw_kvm_lock_root()).  Returns with every lock held, whatever it
 * returns.
 */
static int ptw_audit_lock(struct ptw_audit_file *af, int *idx)
	__acquires(kvm_srcu) __acquires(RCU) __acquires(kvm_mmu_lock)
{
	u64 root;
	int ret;

	*idx = srcu_read_lock(&af->kvm->srcu);
	ret = ptw_kvm_lock_root(af->kvm, PTWALK_ROOT_DEFAULT, &root, &af->gone);
	if (!ret)
		af->table.root = root;
	return ret;
}

static void ptw_audit_unlock(struct ptw_audit_file *af, int idx)
	__releases(kvm_mmu_lock) __releases(RCU) __releases(kvm_srcu)
{
	read_unlock(&af->kvm->mmu_lock);
	rcu_read_unlock();
	srcu_read_unlock(&af->kvm->srcu, idx);
}

/* Start a fresh audit: the format and root as the stage2 file finds them. */
static int ptw_audit_begin(struct ptw_audit_file *af)
{
	struct ptwalk_kvm_root kr;
	int idx, ret;

	ret = ptw_audit_lock(af, &idx);
	if (!ret)
		ret = ptwalk_kvm_arch_format(af->kvm, PTWALK_ROOT_DEFAULT,
					     &af->fmt, &kr);
	ptw_audit_unlock(af, idx);
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
	ptwalk_cursor_init(&af->fmt, &af->cur, 0);
	af->a = (struct ptwalk_audit){ .ops = &ptw_audit_ops, .priv = af->kvm };
	af->next = 0;
	af->stepped = false;
	af->walked = false;
	af->gone = NULL;
	return 0;
}

static int ptw_audit_step(struct ptw_audit_file *af)
{
	int idx, ret;

	ret = ptw_audit_lock(af, &idx);
	if (!ret) {
		if (!af->stepped)
			ptw_audit_inval(af->kvm, &af->inval[0]);
		af->stepped = true;
		ret = ptwalk_audit_step(&af->a, &af->table, &af->cur, af->end);
		ptw_audit_inval(af->kvm, &af->inval[1]);
	}
	ptw_audit_unlock(af, idx);
	return ret;
}

/* The next finding into @af->line: 1, 0 when the walk is over, -errno. */
static int ptw_audit_next_finding(struct ptw_audit_file *af)
{
	int ret;

	for (;;) {
		if (af->next < af->a.nq) {
			af->line = af->a.q[af->next++];
			return 1;
		}
		if (af->walked)
			return 0;
		/* Between steps no lock is held. */
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
		af->next = 0;
		ret = ptw_audit_step(af);
		if (!ret)
			af->walked = true;
		else if (ret != -EAGAIN)
			return ret;
	}
}

/* ---- seq_file: header, findings, totals; resumable after any record ---- */

static int ptw_audit_next_rec(struct ptw_audit_file *af)
{
	int ret;

	switch (af->rec) {
	case PTW_AUDIT_REC_HEADER:
	case PTW_AUDIT_REC_LINE:
		ret = ptw_audit_next_finding(af);
		if (ret > 0)
			af->rec = PTW_AUDIT_REC_LINE;
		else if (!ret)
			af->rec = PTW_AUDIT_REC_TOTALS;
		else if (ret == -ESRCH)
			af->rec = PTW_AUDIT_REC_TRAILER;
		else
			break;
		return 1;
	default:
		ret = 0;
		break;
	}
	af->rec = PTW_AUDIT_REC_EOF;
	return ret;
}

static void *ptw_audit_start(struct seq_file *m, loff_t *ppos)
{
	struct ptw_audit_file *af = m->private;
	int ret;

	if (af->err) {
		ret = af->err;
		af->err = 0;
		return ERR_PTR(ret);
	}
	if (*ppos != af->pos || *ppos == 0) {
		/* First read, or a seek: start over. */
		af->pos = 0;
		af->rec = PTW_AUDIT_REC_HEADER;
		ret = ptw_audit_begin(af);
		if (ret) {
			af->rec = PTW_AUDIT_REC_EOF;
			return ERR_PTR(ret);
		}
	}
	while (af->pos < *ppos && af->rec != PTW_AUDIT_REC_EOF) {
		/* Seeking forward replays the records in between. */
		if (fatal_signal_pending(current))
			return ERR_PTR(-EINTR);
		cond_resched();
		ret = ptw_audit_next_rec(af);
		if (ret < 0)
			return ERR_PTR(ret);
		af->pos++;
	}
	return af->rec == PTW_AUDIT_REC_EOF ? NULL : af;
}

static void *ptw_audit_seq_next(struct seq_file *m, void *v, loff_t *ppos)
{
	struct ptw_audit_file *af = m->private;
	int ret;

	++*ppos;
	af->pos = *ppos;
	ret = ptw_audit_next_rec(af);
	if (ret > 0)
		return af;
	/* Reported by the next read(), after the lines already produced. */
	if (ret < 0)
		af->err = ret;
	return NULL;
}

static void ptw_audit_stop(struct seq_file *m, void *v)
{
}

static void ptw_audit_show_totals(struct seq_file *m,
				  const struct ptw_audit_file *af)
{
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

static int ptw_audit_show(struct seq_file *m, void *v)
{
	struct ptw_audit_file *af = m->private;
	int n;

	switch (af->rec) {
	case PTW_AUDIT_REC_HEADER:
		/* The directory is the VM's, named <pid>-<fd>. */
		seq_printf(m, "# ptwalk kvm %pd root 0x%llx default format %s view audit range 0x%016llx 0x%016llx\n",
			   file_dentry(m->file)->d_parent, af->root,
			   af->fmt.name, 0ULL, af->end);
		seq_puts(m, "# start end pgsize pages pa perm flags reason host hva\n");
		break;
	case PTW_AUDIT_REC_LINE:
		n = ptwalk_audit_line(&af->fmt, &af->line, af->buf,
				      sizeof(af->buf));
		seq_write(m, af->buf, n);
		break;
	case PTW_AUDIT_REC_TOTALS:
		ptw_audit_show_totals(m, af);
		break;
	case PTW_AUDIT_REC_TRAILER:
		seq_printf(m, "# %s; dump incomplete\n",
			   af->gone ?: "target exited");
		break;
	default:
		break;
	}
	return 0;
}

static const struct seq_operations ptw_audit_seq_ops = {
	.start	= ptw_audit_start,
	.next	= ptw_audit_seq_next,
	.stop	= ptw_audit_stop,
	.show	= ptw_audit_show,
};

static int ptw_audit_open(struct inode *inode, struct file *file)
{
	struct ptw_audit_file *af;
	struct kvm *kvm;

	kvm = ptw_open_kvm(inode);
	if (IS_ERR(kvm))
		return PTR_ERR(kvm);
	af = __seq_open_private(file, &ptw_audit_seq_ops, sizeof(*af));
	if (!af) {
		ptw_close_kvm(kvm);
		return -ENOMEM;
	}
	af->kvm = kvm;
	return 0;
}

static int ptw_audit_release(struct inode *inode, struct file *file)
{
	struct ptw_audit_file *af = ((struct seq_file *)file->private_data)->private;
	struct kvm *kvm = af->kvm;

	seq_release_private(inode, file);
	/* May destroy the VM: no lock held here. */
	ptw_close_kvm(kvm);
	return 0;
}

const struct file_operations ptwalk_kvm_audit_fops = {
	.owner		= THIS_MODULE,
	.open		= ptw_audit_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= ptw_audit_release,
};

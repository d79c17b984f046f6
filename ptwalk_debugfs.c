// SPDX-License-Identifier: GPL-2.0
/*
 * ptwalk's host files: /sys/kernel/debug/ptwalk/{kernel,current,pid} print
 * the runs view; the same three files under attr/, raw/ and summary/ print
 * the other views.  This file supplies the three sources (what to dump and
 * how to lock it) to the engine in ptwalk_file.c, and the module's setup.
 *
 * Lifetimes and locking, per source (Documentation/ptwalk.rst, Locking):
 * - kernel: the kernel half of the reader's own active mm, looked up at
 *   every step; each step under RCU, every table copied with a
 *   non-faulting read before it is decoded, and followed only into RAM
 *   that the linear map maps, because kernel tables are not freed by RCU;
 * - current, pid: the mm is bound when the file is opened (current) or a
 *   process is selected (pid) and held with mmgrab(); every read() pins
 *   it with mmget_not_zero() and ends the dump with the trailer once it is
 *   gone.  Where the mm's page tables cannot be freed under a CPU that
 *   has interrupts off (ptwalk_user_lockless()), each step walks with
 *   interrupts off and takes no lock, as GUP-fast does; elsewhere it runs
 *   under the mmap lock held for read, dropped between steps, and under
 *   RCU, and only VMA ranges are walked, looked up again at every step.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>

#include "ptwalk.h"
#include "ptwalk_file.h"
#include "ptwalk_host.h"

enum ptw_target {
	PTW_KERNEL,
	PTW_CURRENT,
	PTW_PID,
	PTW_TARGET_NR,
};

static const char *const ptw_target_names[PTW_TARGET_NR] = {
	[PTW_KERNEL]	= "kernel",
	[PTW_CURRENT]	= "current",
	[PTW_PID]	= "pid",
};

/**
 * struct ptw_user - Per-file state of the current and pid sources.
 * @pid:	The selected process (pid file only).
 * @mm:		The address space every dump of this file walks: the
 *		opener's (current) or the selected process's when it was
 *		selected (pid).  Held with mmgrab(); its tables only while
 *		get() holds mmget_not_zero().
 * @locked:	@mm's mmap lock is held for a step of the walk.
 * @lockless:	The current step walks @mm with interrupts off, no lock.
 * @irqflags:	The interrupt state to restore after such a step.
 */
struct ptw_user {
	struct pid		*pid;
	struct mm_struct	*mm;
	bool			locked;
	bool			lockless;
	unsigned long		irqflags;
};

/**
 * struct ptw_snap - Copies of the kernel tables being walked.
 * @busy:	Which of @buf hold a table on the walker's stack.
 * @size:	Bytes in each of @buf.
 * @buf:	One table per level of the walk.
 */
struct ptw_snap {
	unsigned long	busy;
	size_t		size;
	void		*buf[PTWALK_MAX_LEVELS];
};

static struct dentry *ptw_dir;

/*
 * Page-table pages are online System RAM that the linear map maps.
 * Anything else (a corrupted entry, a stale one into memory hot-removed
 * since, device memory, a hole inside a memory section such as x86's
 * legacy VGA window, arm64's NOMAP regions) is refused rather than
 * dereferenced: reading it could fault or touch MMIO.  Reserved pages are
 * RAM, and the kernel's boot-time tables live in them.
 */
static bool ptw_host_pfn_ok(unsigned long pfn)
{
	struct page *page = pfn_to_online_page(pfn);

	return page && !is_zone_device_page(page) && page_is_ram(pfn) &&
	       ptwalk_host_pfn_mapped(pfn);
}

static const void *ptw_host_map(void *priv, u64 pa, size_t size)
{
	unsigned long first = PHYS_PFN(pa), last = PHYS_PFN(pa + size - 1);

	/* Most tables are one page: its first and last are then the same. */
	if (!size || !ptw_host_pfn_ok(first) ||
	    (last != first && !ptw_host_pfn_ok(last)))
		return ERR_PTR(-EFAULT);
	return phys_to_virt(pa);
}

const struct ptwalk_mem_ops ptwalk_host_mem = {
	.map = ptw_host_map,
};
EXPORT_SYMBOL_GPL(ptwalk_host_mem);

/**
 * ptwalk_debugfs_root() - ptwalk's directory in debugfs.
 *
 * Return: the dentry of /sys/kernel/debug/ptwalk.
 */
struct dentry *ptwalk_debugfs_root(void)
{
	return ptw_dir;
}
EXPORT_SYMBOL_GPL(ptwalk_debugfs_root);

/* ---- kernel ---- */

/*
 * Kernel tables are freed without waiting for readers: a PTE or PMD table
 * that a huge vmalloc or ioremap mapping replaces (pmd_free_pte_page()),
 * tables of hot-removed memory.  Neither RCU nor any lock a module can
 * take keeps them, so each table is copied with a non-faulting read when
 * the walker enters it, and only the copy is decoded: a table freed under
 * the walk yields stale or garbage entries, never a fault, and garbage
 * leads only to pages ptw_host_pfn_ok() accepts.
 */
static const void *ptw_kernel_map(void *priv, u64 pa, size_t size)
{
	struct ptw_snap *snap = priv;
	const void *table = ptw_host_map(NULL, pa, size);
	unsigned int i;

	if (IS_ERR(table))
		return table;
	if (size > snap->size)
		return ERR_PTR(-EFAULT);
	i = ffz(snap->busy);
	if (i >= ARRAY_SIZE(snap->buf))
		return ERR_PTR(-EFAULT);
	if (copy_from_kernel_nofault(snap->buf[i], table, size))
		return ERR_PTR(-EFAULT);
	__set_bit(i, &snap->busy);
	return snap->buf[i];
}

static void ptw_kernel_unmap(void *priv, const void *table)
{
	struct ptw_snap *snap = priv;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(snap->buf); i++)
		if (snap->buf[i] == table)
			__clear_bit(i, &snap->busy);
}

static const struct ptwalk_mem_ops ptw_kernel_mem = {
	.map	= ptw_kernel_map,
	.unmap	= ptw_kernel_unmap,
};

static int ptw_kernel_get(struct ptwalk_file *pf)
{
	return 0;
}

static void ptw_kernel_put(struct ptwalk_file *pf)
{
}

/*
 * Every step walks the reader's own active mm, which cannot go away while
 * the reader runs.  The kernel half is the same in every mm (x86 shares
 * the kernel's tables below the top level, arm64 runs it on TTBR1), so a
 * dump begun by one process and read on by another stays one dump.
 */
static int ptw_kernel_lock(struct ptwalk_file *pf)
	__acquires(RCU)
{
	struct ptw_snap *snap = pf->src;

	rcu_read_lock();
	pf->dump.t.root = ptwalk_host_kernel_root();
	snap->busy = 0;
	return 0;
}

static void ptw_kernel_unlock(struct ptwalk_file *pf)
	__releases(RCU)
{
	rcu_read_unlock();
}

static int ptw_marker_cmp(const void *a, const void *b)
{
	const struct ptwalk_marker *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/*
 * The kernel's half of the space, cut at the markers (whose addresses move
 * with KASLR, so they are sorted at run time).
 */
static int ptw_kernel_begin(struct ptwalk_file *pf, struct ptwalk_region *r)
{
	struct ptwalk_marker m[PTWALK_MAX_MARKERS];
	u64 lo, hi;
	int i, n, ret;

	ret = ptwalk_host_kernel(&pf->fmt, &pf->table, &lo, &hi);
	if (ret)
		return ret;
	pf->table.mem = &ptw_kernel_mem;
	pf->table.priv = pf->src;
	lo = ptwalk_from_linear(&pf->fmt, lo);
	hi = ptwalk_from_linear(&pf->fmt, hi);

	n = ptwalk_host_kernel_markers(m);
	sort(m, n, sizeof(m[0]), ptw_marker_cmp, NULL);
	r[0] = (struct ptwalk_region){ .lo = lo, .name = "Kernel Space" };
	for (i = 0; i < n; i++) {
		r[i].hi = m[i].addr;
		r[i + 1] = (struct ptwalk_region){ .lo = m[i].addr };
		strscpy(r[i + 1].name, m[i].name, sizeof(r[i + 1].name));
	}
	r[n].hi = hi;
	return n + 1;
}

static void ptw_kernel_describe(struct seq_file *m, struct ptwalk_file *pf)
{
	seq_puts(m, "kernel");
}

static void ptw_snap_free(struct ptw_snap *snap)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(snap->buf); i++)
		kvfree(snap->buf[i]);
	kfree(snap);
}

static void ptw_kernel_release(struct ptwalk_file *pf)
{
	ptw_snap_free(pf->src);
}

static const struct ptwalk_file_ops ptw_kernel_ops = {
	.get		= ptw_kernel_get,
	.put		= ptw_kernel_put,
	.begin		= ptw_kernel_begin,
	.lock		= ptw_kernel_lock,
	.unlock		= ptw_kernel_unlock,
	.describe	= ptw_kernel_describe,
	.release	= ptw_kernel_release,
};

static struct ptw_snap *ptw_snap_alloc(void)
{
	struct ptw_snap *snap = kzalloc(sizeof(*snap), GFP_KERNEL);
	unsigned int i;

	if (!snap)
		return NULL;
	/* Host tables are at most a page, whatever the level. */
	snap->size = PAGE_SIZE;
	for (i = 0; i < ARRAY_SIZE(snap->buf); i++) {
		snap->buf[i] = kvmalloc(snap->size, GFP_KERNEL);
		if (!snap->buf[i]) {
			ptw_snap_free(snap);
			return NULL;
		}
	}
	return snap;
}

/* ---- current and pid ---- */

/* Bind @mm, on which the caller holds mm_users, to the file. */
static void ptw_user_bind(struct ptw_user *u, struct mm_struct *mm)
{
	mmgrab(mm);
	if (u->mm)
		mmdrop(u->mm);
	u->mm = mm;
}

/*
 * Pin the bound mm's tables for one read(), as /proc/PID/mem does: once
 * its last user is gone (exit, execve) the dump ends with the trailer.
 * A new dump of the pid file (position 0: after a selection, a seek to 0,
 * or the end of the last dump) binds the selected process's mm as it is
 * now, so that it shows the image the process runs.
 */
static int ptw_user_get(struct ptwalk_file *pf)
{
	struct ptw_user *u = pf->src;
	struct task_struct *task;
	struct mm_struct *mm;

	if (pf->ops->select && !u->pid)
		return -EINVAL;
	if (pf->ops->select && pf->pos == 0) {
		task = get_pid_task(u->pid, PIDTYPE_PID);
		mm = task ? get_task_mm(task) : NULL;
		if (task)
			put_task_struct(task);
		if (!mm)
			return -ESRCH;
		ptw_user_bind(u, mm);
		return 0;	/* mm_users held, as mmget_not_zero() would */
	}
	if (!u->mm)
		return -ESRCH;
	return mmget_not_zero(u->mm) ? 0 : -ESRCH;
}

static void ptw_user_put(struct ptwalk_file *pf)
{
	struct ptw_user *u = pf->src;

	mmput(u->mm);
}

/*
 * How long a step about to take the mmap lock lets a waiting writer go
 * first.  rwsem lets readers overtake a waiting writer until it has
 * waited a few milliseconds, and a dump takes the lock again right after
 * every step: mmap() and munmap() in the target would wait that long.
 * The writer was woken by the previous step's unlock and needs only to
 * run.
 */
#define PTW_WRITER_GRACE_NS	(100 * NSEC_PER_USEC)

/*
 * Entries a step walks with interrupts off: one table's worth, so that a
 * TLB shootdown waits a few microseconds for the walker at most.
 */
#define PTW_LOCKLESS_BUDGET	512

/**
 * ptwalk_user_lockless() - Whether a user mm's tables may be read with
 *			    interrupts off and no lock.
 * @mm:		The mm.
 *
 * The way GUP-fast reads them.  Tables are freed only after every CPU that
 * may be walking them let an IPI or an RCU grace period through, and a
 * CPU with interrupts off lets neither through: arm64 frees every user
 * table with MMU_GATHER_RCU_TABLE_FREE, for every mm; x86 on bare metal
 * frees them with tlb_remove_page() after a TLB shootdown, which
 * interrupts only the CPUs in the mm's mm_cpumask, which holds this CPU
 * only while it runs that mm.  So on x86 only the caller's own mm.
 *
 * Return: true when the caller may walk @mm with interrupts off alone.
 */
bool ptwalk_user_lockless(const struct mm_struct *mm)
{
	return IS_ENABLED(CONFIG_ARM64) || mm == current->mm;
}
EXPORT_SYMBOL_GPL(ptwalk_user_lockless);

/*
 * One step: interrupts off, or the mmap lock then RCU.  unlock is called
 * even on error.  Which one is decided at every step, by the task that
 * reads: an open file may pass to another process (fork, SCM_RIGHTS).
 */
static int ptw_user_lock(struct ptwalk_file *pf)
	__acquires(RCU)
{
	struct ptw_user *u = pf->src;

	u->lockless = ptwalk_user_lockless(u->mm);
	pf->dump.budget = u->lockless ? PTW_LOCKLESS_BUDGET : PTWALK_DUMP_BUDGET;
	if (u->lockless) {
		local_irq_save(u->irqflags);
	} else {
		if (mmap_lock_is_contended(u->mm)) {
			u64 until = local_clock() + PTW_WRITER_GRACE_NS;

			while (mmap_lock_is_contended(u->mm) &&
			       local_clock() < until) {
				cond_resched();
				cpu_relax();
			}
		}
		u->locked = !mmap_read_lock_killable(u->mm);
	}
	rcu_read_lock();
	return u->lockless || u->locked ? 0 : -EINTR;
}

static void ptw_user_unlock(struct ptwalk_file *pf)
	__releases(RCU)
{
	struct ptw_user *u = pf->src;

	rcu_read_unlock();
	if (u->lockless)
		local_irq_restore(u->irqflags);
	else if (u->locked)
		mmap_read_unlock(u->mm);
	u->locked = false;
}

static int ptw_user_begin(struct ptwalk_file *pf, struct ptwalk_region *r)
{
	struct ptw_user *u = pf->src;
	int ret;

	ret = ptwalk_host_user(u->mm, &pf->fmt, &pf->table);
	if (ret)
		return ret;
	r[0] = (struct ptwalk_region){
		.hi = min_t(u64, TASK_SIZE_MAX, 1ULL << pf->fmt.ia_bits),
	};
	return 1;
}

/*
 * Under the mmap lock only VMA ranges are walked: page tables under a
 * range being unmapped are freed after its VMA left the tree, with the
 * mmap lock only held for read.  A walk with interrupts off needs no VMA:
 * what it may read stays allocated until it lets interrupts in.
 */
static int ptw_user_window(struct ptwalk_file *pf, u64 pos, u64 *lo, u64 *hi)
{
	struct ptw_user *u = pf->src;
	struct vm_area_struct *vma;

	if (u->lockless) {
		*lo = pos;
		*hi = ~0ULL;
		return 0;
	}
	vma = find_vma(u->mm, pos);

	if (!vma)
		return 1;
	*lo = vma->vm_start;
	*hi = vma->vm_end;
	return 0;
}

static void ptw_user_describe(struct seq_file *m, struct ptwalk_file *pf)
{
	struct ptw_user *u = pf->src;

	if (u->pid)
		seq_printf(m, "pid %d", pid_vnr(u->pid));
	else
		seq_puts(m, "current");
}

/*
 * Select a process for the pid file and bind its mm, so that the dump
 * walks that mm or ends: an execve() or exit ends the dump.
 * ptrace_may_access() is not exported, so CAP_SYS_PTRACE of the opener
 * (the file's credentials, as pagemap checks at open) stands in for it.
 */
static int ptw_pid_select(struct ptwalk_file *pf, const char *word)
{
	struct ptw_user *u = pf->src;
	struct task_struct *task;
	struct mm_struct *mm = NULL;
	struct pid *pid;
	int nr, ret = 0;

	if (kstrtoint(word, 10, &nr) || nr <= 0)
		return -EINVAL;
	if (!file_ns_capable(pf->file, &init_user_ns, CAP_SYS_PTRACE))
		return -EPERM;
	pid = find_get_pid(nr);
	task = pid ? get_pid_task(pid, PIDTYPE_PID) : NULL;
	if (!task)
		ret = -ESRCH;
	else if (task->flags & PF_KTHREAD)
		ret = -EINVAL;	/* kernel threads have no user tables */
	else
		mm = get_task_mm(task);
	if (task)
		put_task_struct(task);
	if (!ret && !mm)
		ret = -ESRCH;	/* exiting */
	if (ret) {
		put_pid(pid);
		return ret;
	}
	ptw_user_bind(u, mm);
	mmput(mm);
	put_pid(u->pid);
	u->pid = pid;
	return 0;
}

static void ptw_user_release(struct ptwalk_file *pf)
{
	struct ptw_user *u = pf->src;

	if (u->mm)
		mmdrop(u->mm);
	put_pid(u->pid);
	kfree(u);
}

static const struct ptwalk_file_ops ptw_current_ops = {
	.get		= ptw_user_get,
	.put		= ptw_user_put,
	.begin		= ptw_user_begin,
	.lock		= ptw_user_lock,
	.unlock		= ptw_user_unlock,
	.window		= ptw_user_window,
	.describe	= ptw_user_describe,
	.release	= ptw_user_release,
};

static const struct ptwalk_file_ops ptw_pid_ops = {
	.get		= ptw_user_get,
	.put		= ptw_user_put,
	.begin		= ptw_user_begin,
	.lock		= ptw_user_lock,
	.unlock		= ptw_user_unlock,
	.window		= ptw_user_window,
	.describe	= ptw_user_describe,
	.select		= ptw_pid_select,
	.release	= ptw_user_release,
};

static const struct ptwalk_file_ops *const ptw_ops[PTW_TARGET_NR] = {
	[PTW_KERNEL]	= &ptw_kernel_ops,
	[PTW_CURRENT]	= &ptw_current_ops,
	[PTW_PID]	= &ptw_pid_ops,
};

/* i_private holds the view in bits 15:8 and the target in bits 7:0. */
static int ptw_open(struct inode *inode, struct file *file)
{
	unsigned long cfg = (unsigned long)inode->i_private;
	enum ptw_target target = cfg & 0xff;
	struct ptw_user *u = NULL;
	void *src;
	int ret;

	if (target == PTW_KERNEL) {
		src = ptw_snap_alloc();
	} else {
		u = kzalloc(sizeof(*u), GFP_KERNEL);
		src = u;
		/* current: the opener's mm, for every dump of this file. */
		if (u && target == PTW_CURRENT && current->mm) {
			u->mm = current->mm;
			mmgrab(u->mm);
		}
	}
	if (!src)
		return -ENOMEM;
	ret = ptwalk_file_open(inode, file, ptw_ops[target], NULL, cfg >> 8);
	if (ret) {
		if (u && u->mm)
			mmdrop(u->mm);
		if (target == PTW_KERNEL)
			ptw_snap_free(src);
		else
			kfree(u);
		return ret;
	}
	ptwalk_file_of(file)->src = src;
	return 0;
}

static const struct file_operations ptw_fops = {
	.owner		= THIS_MODULE,
	.open		= ptw_open,
	.read		= seq_read,
	.write		= ptwalk_file_write,
	.llseek		= seq_lseek,
	.release	= ptwalk_file_release,
};

static int __init ptw_init(void)
{
	struct dentry *dir;
	int view, target;

	ptw_dir = debugfs_create_dir("ptwalk", NULL);
	for (view = 0; view < PTWALK_VIEW_NR; view++) {
		dir = view == PTWALK_VIEW_RUNS ? ptw_dir :
		      debugfs_create_dir(ptwalk_view_names[view], ptw_dir);
		for (target = 0; target < PTW_TARGET_NR; target++)
			debugfs_create_file(ptw_target_names[target], 0600, dir,
					    (void *)(unsigned long)(view << 8 | target),
					    &ptw_fops);
	}
	return 0;
}

static void __exit ptw_exit(void)
{
	debugfs_remove_recursive(ptw_dir);
}

module_init(ptw_init);
module_exit(ptw_exit);

MODULE_DESCRIPTION("Live page-table dumps in debugfs");
MODULE_LICENSE("GPL");

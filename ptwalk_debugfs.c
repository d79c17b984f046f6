// SPDX-License-Identifier: GPL-2.0
/*
 * ptwalk's host files: /sys/kernel/debug/ptwalk/{kernel,current,pid} print
 * the runs view; the same three files under attr/, raw/ and summary/ print
 * the other views.  This file supplies the three sources (what to dump and
 * how to lock it) to the engine in ptwalk_file.c, and the module's setup.
 *
 * Locking, per source:
 * - kernel: each walk step under RCU, as lookup_address() reads;
 * - current, pid: the target's mm pinned with mmget_not_zero() during a
 *   read(); each walk step under its mmap lock held for read, dropped
 *   between steps, and under RCU because PTE tables are freed by RCU since
 *   6.5; only VMA ranges walked, looked up again at every step.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/io.h>
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
 * @mm:		Its address space, pinned from get to put.
 * @locked:	@mm's mmap lock is held for a step of the walk.
 */
struct ptw_user {
	struct pid		*pid;
	struct mm_struct	*mm;
	bool			locked;
};

static struct dentry *ptw_dir;

/*
 * Host page-table pages are ordinary RAM in the linear map.  Anything else
 * (a corrupted entry, an address beyond memory) is refused rather than
 * dereferenced.
 */
static const void *ptw_host_map(void *priv, u64 pa, size_t size)
{
	if (!size || !pfn_valid(PHYS_PFN(pa)) ||
	    !pfn_valid(PHYS_PFN(pa + size - 1)))
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

static int ptw_rcu_lock(struct ptwalk_file *pf)
	__acquires(RCU)
{
	rcu_read_lock();
	return 0;
}

static void ptw_rcu_unlock(struct ptwalk_file *pf)
	__releases(RCU)
{
	rcu_read_unlock();
}

/* ---- kernel ---- */

static int ptw_kernel_get(struct ptwalk_file *pf)
{
	return 0;
}

static void ptw_kernel_put(struct ptwalk_file *pf)
{
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

static const struct ptwalk_file_ops ptw_kernel_ops = {
	.get		= ptw_kernel_get,
	.put		= ptw_kernel_put,
	.begin		= ptw_kernel_begin,
	.lock		= ptw_rcu_lock,
	.unlock		= ptw_rcu_unlock,
	.describe	= ptw_kernel_describe,
};

/* ---- current and pid ---- */

static int ptw_user_get(struct ptwalk_file *pf)
{
	struct ptw_user *u = pf->src;
	struct task_struct *task;

	if (!pf->ops->select) {
		/* current: whoever reads. */
		u->mm = current->mm;
		if (!u->mm || !mmget_not_zero(u->mm))
			u->mm = NULL;
	} else {
		if (!u->pid)
			return -EINVAL;
		task = get_pid_task(u->pid, PIDTYPE_PID);
		u->mm = task ? get_task_mm(task) : NULL;
		if (task)
			put_task_struct(task);
	}
	return u->mm ? 0 : -ESRCH;
}

static void ptw_user_put(struct ptwalk_file *pf)
{
	struct ptw_user *u = pf->src;

	mmput(u->mm);
	u->mm = NULL;
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

/* The mmap lock for one step, then RCU; unlock is called even on error. */
static int ptw_user_lock(struct ptwalk_file *pf)
	__acquires(RCU)
{
	struct ptw_user *u = pf->src;

	if (mmap_lock_is_contended(u->mm)) {
		u64 until = local_clock() + PTW_WRITER_GRACE_NS;

		while (mmap_lock_is_contended(u->mm) && local_clock() < until) {
			cond_resched();
			cpu_relax();
		}
	}
	u->locked = !mmap_read_lock_killable(u->mm);
	rcu_read_lock();
	return u->locked ? 0 : -EINTR;
}

static void ptw_user_unlock(struct ptwalk_file *pf)
	__releases(RCU)
{
	struct ptw_user *u = pf->src;

	rcu_read_unlock();
	if (u->locked)
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
 * Only VMA ranges are walked: page tables under a range being unmapped are
 * freed after its VMA left the tree, with the mmap lock only held for read.
 */
static int ptw_user_window(struct ptwalk_file *pf, u64 pos, u64 *lo, u64 *hi)
{
	struct ptw_user *u = pf->src;
	struct vm_area_struct *vma = find_vma(u->mm, pos);

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
 * Select a process for the pid file.  ptrace_may_access() is not exported,
 * so CAP_SYS_PTRACE stands in for it.
 */
static int ptw_pid_select(struct ptwalk_file *pf, const char *word)
{
	struct ptw_user *u = pf->src;
	struct task_struct *task;
	struct pid *pid;
	int nr, ret = 0;

	if (kstrtoint(word, 10, &nr) || nr <= 0)
		return -EINVAL;
	if (!capable(CAP_SYS_PTRACE))
		return -EPERM;
	pid = find_get_pid(nr);
	task = pid ? get_pid_task(pid, PIDTYPE_PID) : NULL;
	if (!task)
		ret = -ESRCH;
	else if (task->flags & PF_KTHREAD)
		ret = -EINVAL;	/* kernel threads have no user tables */
	if (task)
		put_task_struct(task);
	if (ret) {
		put_pid(pid);
		return ret;
	}
	put_pid(u->pid);
	u->pid = pid;
	return 0;
}

static void ptw_user_release(struct ptwalk_file *pf)
{
	struct ptw_user *u = pf->src;

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
	int ret;

	if (target != PTW_KERNEL) {
		u = kzalloc(sizeof(*u), GFP_KERNEL);
		if (!u)
			return -ENOMEM;
	}
	ret = ptwalk_file_open(inode, file, ptw_ops[target], NULL, cfg >> 8);
	if (ret) {
		kfree(u);
		return ret;
	}
	ptwalk_file_of(file)->src = u;
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
			debugfs_create_file(ptw_target_names[target], 0400, dir,
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

// SPDX-License-Identifier: GPL-2.0
/*
 * ptwalk's debugfs interface: /sys/kernel/debug/ptwalk/{kernel,current,pid}
 * print the runs view; the same three files under attr/, raw/ and
 * summary/ print the other views.  Every file streams through a seq_file
 * iterator that resumes the walk from its cursor, so memory use does not
 * grow with the address space and a reader may stop after any line.
 *
 * A write of "[PID] [START [END]] [view=NAME]" to an open file selects, for
 * that open file only, the process (pid file), range and view; the reads
 * that follow on the same descriptor show that selection.
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
#include <linux/sched/mm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "ptwalk.h"
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

/* What the record at a file's position is. */
enum ptw_rec {
	PTW_REC_HEADER,		/* target, format, range; the view's header */
	PTW_REC_MARKER,		/* "# ---[ name ]---" before a region */
	PTW_REC_LINE,		/* one line of the dump */
	PTW_REC_SKIPPED,	/* how many lines a region's limit dropped */
	PTW_REC_TRAILER,	/* the target exited */
	PTW_REC_EOF,
};

/**
 * struct ptw_region - A part of the range, dumped on its own.
 * @lo:		Linear start.
 * @hi:		Linear end.
 * @name:	Marker printed before it, or NULL.
 * @max_lines:	Lines printed before the rest are only counted (0: all).
 *
 * Regions end runs, so no run straddles two of the kernel's areas.
 */
struct ptw_region {
	u64		lo;
	u64		hi;
	const char	*name;
	unsigned int	max_lines;
};

/* Longest command accepted by write(). */
#define PTW_CMD_MAX	128

/**
 * struct ptw_file - One open file.
 * @target:	Which tables.
 * @view:	Which view (the directory's, or what write() chose).
 * @pid:	The selected process (pid file), or NULL.
 * @have_range:	write() chose a range.
 * @start:	Its start, as an input address.
 * @end:	Its end (exclusive); 0 means the end of the space.
 * @mm:		Address space pinned from start() to stop().
 * @locked:	@mm's mmap lock is held for read.
 * @fmt:	Format of the tables being dumped.
 * @table:	The tables being dumped.
 * @regions:	The parts of the range, in address order.
 * @nregions:	Number of @regions.
 * @region:	The one being dumped.
 * @lines:	Lines printed of it.
 * @skipped:	Lines of it dropped by its @max_lines.
 * @dump:	The resumable dump of @regions[@region].
 * @pos:	seq_file index of the record @rec describes.
 * @rec:	The record at @pos.
 * @err:	Error to report at the next start(), after the output so far.
 * @line:	Formatting buffer.
 */
struct ptw_file {
	enum ptw_target		target;
	enum ptwalk_view	view;
	struct pid		*pid;
	bool			have_range;
	u64			start;
	u64			end;
	struct mm_struct	*mm;
	bool			locked;
	struct ptwalk_fmt	fmt;
	struct ptwalk_table	table;
	struct ptw_region	regions[PTWALK_MAX_MARKERS + 1];
	int			nregions;
	int			region;
	unsigned long		lines;
	unsigned long		skipped;
	struct ptwalk_dump	dump;
	loff_t			pos;
	enum ptw_rec		rec;
	int			err;
	char			line[PTWALK_LINE_MAX];
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

/* Pin the address space a user target reads; NULL when there is none. */
static struct mm_struct *ptw_get_mm(struct ptw_file *f)
{
	struct task_struct *task;
	struct mm_struct *mm;

	if (f->target == PTW_CURRENT) {
		mm = current->mm;
		return mm && mmget_not_zero(mm) ? mm : NULL;
	}
	task = get_pid_task(f->pid, PIDTYPE_PID);
	if (!task)
		return NULL;
	mm = get_task_mm(task);
	put_task_struct(task);
	return mm;
}

static void ptw_unlock(struct ptw_file *f)
{
	if (f->locked)
		mmap_read_unlock(f->mm);
	f->locked = false;
}

/*
 * The mmap lock, for read, keeps a process's VMAs (and so the upper-level
 * tables under them) in place between the walks of one read().  The
 * kernel's tables have no such lock to take.
 */
static int ptw_lock(struct ptw_file *f)
{
	if (!f->mm)
		return 0;
	if (mmap_read_lock_killable(f->mm))
		return -EINTR;
	f->locked = true;
	return 0;
}

/*
 * One step of the walk.  PTE tables are freed by RCU since 6.5 (and page
 * tables of the kernel by RCU where they are freed at all), so each step
 * runs in an RCU read-side critical section.
 */
static int ptw_step(struct ptw_file *f)
{
	int ret;

	rcu_read_lock();
	ret = ptwalk_dump_next(&f->dump);
	rcu_read_unlock();
	return ret;
}

/*
 * Point the dump's window at the VMA that holds its position, or the next
 * one: user tables are only walked where VMAs keep them alive.
 */
static int ptw_set_window(struct ptw_file *f)
{
	u64 pos = ptwalk_dump_pos(&f->dump);
	struct vm_area_struct *vma;

	if (!f->mm)
		return 0;
	vma = find_vma(f->mm, pos);
	if (!vma)
		return ptwalk_dump_window(&f->dump, f->dump.end, f->dump.end);
	return ptwalk_dump_window(&f->dump, vma->vm_start, vma->vm_end);
}

/* Produce the next line: 1, 0 at the end, or a negative errno. */
static int ptw_advance(struct ptw_file *f)
{
	int ret;

	for (;;) {
		ret = ptw_step(f);
		if (ret != -EAGAIN)
			return ret;
		if (ptwalk_dump_pos(&f->dump) >= f->dump.win_end) {
			ret = ptw_set_window(f);
			if (ret)
				return ret;
			continue;
		}
		/* A long walk: let others at the lock and the CPU. */
		ptw_unlock(f);
		cond_resched();
		if (fatal_signal_pending(current))
			return -EINTR;
		ret = ptw_lock(f);
		if (ret)
			return ret;
		ret = ptw_set_window(f);
		if (ret)
			return ret;
	}
}

static int ptw_region_begin(struct ptw_file *f, int i)
{
	const struct ptw_region *r = &f->regions[i];
	int ret;

	f->region = i;
	f->lines = 0;
	f->skipped = 0;
	ret = ptwalk_dump_init(&f->dump, &f->table, f->view, r->lo, r->hi);
	if (ret)
		return ret;
	/* User tables: the first window is found by ptw_advance(). */
	if (f->mm)
		f->dump.win_end = r->lo;
	return 0;
}

static int ptw_marker_cmp(const void *a, const void *b)
{
	const struct ptwalk_marker *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/*
 * Cut [@lo, @hi) at the kernel's markers, which sit at canonical addresses
 * that move with KASLR.
 */
static void ptw_split_kernel(struct ptw_file *f, u64 lo, u64 hi)
{
	struct ptwalk_marker m[PTWALK_MAX_MARKERS];
	const char *name = "Kernel Space";
	unsigned int max_lines = 0;
	int i, n;

	n = ptwalk_host_kernel_markers(m);
	for (i = 0; i < n; i++) {
		/* A marker outside this format's space marks nothing. */
		if (ptwalk_to_linear(&f->fmt, m[i].addr, &m[i].addr))
			m[i--] = m[--n];
	}
	sort(m, n, sizeof(m[0]), ptw_marker_cmp, NULL);

	f->nregions = 0;
	for (i = 0; i <= n; i++) {
		u64 next = i < n ? m[i].addr : hi;
		struct ptw_region *r = &f->regions[f->nregions];

		if (next > lo) {
			r->lo = lo;
			r->hi = min(next, hi);
			r->name = name;
			r->max_lines = max_lines;
			f->nregions++;
			lo = r->hi;
		}
		if (i < n && m[i].addr <= lo) {
			name = m[i].name;
			max_lines = m[i].max_lines;
		}
		if (lo >= hi)
			break;
	}
}

/* Set up the regions from the file's selection and start the first. */
static int ptw_dump_begin(struct ptw_file *f)
{
	u64 lo, hi, start, end;
	int ret;

	if (f->target == PTW_KERNEL) {
		ret = ptwalk_host_kernel(&f->fmt, &f->table, &lo, &hi);
	} else {
		ret = ptwalk_host_user(f->mm, &f->fmt, &f->table);
		lo = 0;
		hi = min_t(u64, TASK_SIZE_MAX, 1ULL << f->fmt.ia_bits);
	}
	if (ret)
		return ret;
	start = lo;
	end = hi;
	if (f->have_range) {
		if (ptwalk_to_linear(&f->fmt, f->start, &start))
			return -ERANGE;
		if (f->end && ptwalk_to_linear(&f->fmt, f->end - 1, &end))
			return -ERANGE;
		end = f->end ? end + 1 : hi;
		start = max(start, lo);
		end = min(end, hi);
		if (start >= end)
			return -ERANGE;
	}
	if (f->target == PTW_KERNEL) {
		ptw_split_kernel(f, start, end);
	} else {
		f->regions[0] = (struct ptw_region){ start, end, NULL, 0 };
		f->nregions = 1;
	}
	return ptw_region_begin(f, 0);
}

/* Move to the record after the current one: 1, 0 at the end, or -errno. */
static int ptw_next_rec(struct ptw_file *f)
{
	int ret;

	if (f->rec == PTW_REC_HEADER && f->regions[0].name) {
		f->rec = PTW_REC_MARKER;
		return 1;
	}
	for (;;) {
		unsigned int max = f->regions[f->region].max_lines;

		ret = ptw_advance(f);
		if (ret > 0 && max && f->lines >= max) {
			f->skipped++;
			cond_resched();
			continue;
		}
		if (ret > 0) {
			f->lines++;
			f->rec = PTW_REC_LINE;
			return 1;
		}
		if (ret < 0) {
			f->rec = PTW_REC_EOF;
			return ret;
		}
		if (f->skipped && f->rec != PTW_REC_SKIPPED) {
			f->rec = PTW_REC_SKIPPED;
			return 1;
		}
		if (f->region + 1 >= f->nregions) {
			f->rec = PTW_REC_EOF;
			return 0;
		}
		ret = ptw_region_begin(f, f->region + 1);
		if (ret) {
			f->rec = PTW_REC_EOF;
			return ret;
		}
		if (f->regions[f->region].name) {
			f->rec = PTW_REC_MARKER;
			return 1;
		}
	}
}

/* Acquire the target for one read() and restore the iteration state. */
static void *ptw_seq_start(struct seq_file *m, loff_t *ppos)
{
	struct ptw_file *f = m->private;
	int ret;

	if (f->err) {
		ret = f->err;
		f->err = 0;
		return ERR_PTR(ret);
	}
	if (f->target == PTW_PID && !f->pid)
		return ERR_PTR(-EINVAL);
	if (*ppos != f->pos || *ppos == 0) {
		/* First read, or a seek: start over. */
		f->pos = 0;
		f->rec = PTW_REC_HEADER;
	}
	if (f->rec == PTW_REC_EOF)
		return NULL;

	f->mm = NULL;
	if (f->target != PTW_KERNEL) {
		f->mm = ptw_get_mm(f);
		if (!f->mm) {
			if (f->pos == 0)
				return ERR_PTR(f->target == PTW_PID ? -ESRCH : -EINVAL);
			/* The target exited in the middle of the dump. */
			f->rec = PTW_REC_TRAILER;
			return f;
		}
	}
	ret = ptw_lock(f);
	if (ret)
		goto err_put;
	if (f->pos == 0) {
		ret = ptw_dump_begin(f);
		if (ret)
			goto err_unlock;
	}
	while (f->pos < *ppos) {
		/* Seeking forward: replay the records in between. */
		ret = ptw_next_rec(f);
		if (ret <= 0)
			goto err_unlock;
		f->pos++;
	}
	return f;

err_unlock:
	ptw_unlock(f);
err_put:
	if (f->mm)
		mmput(f->mm);
	f->mm = NULL;
	return ret ? ERR_PTR(ret) : NULL;
}

static void *ptw_seq_next(struct seq_file *m, void *v, loff_t *ppos)
{
	struct ptw_file *f = m->private;
	int ret;

	++*ppos;
	f->pos = *ppos;
	if (f->rec == PTW_REC_TRAILER) {
		f->rec = PTW_REC_EOF;
		return NULL;
	}
	ret = ptw_next_rec(f);
	if (ret > 0)
		return f;
	/* Reported by the next read(), after the lines already produced. */
	if (ret < 0)
		f->err = ret;
	return NULL;
}

static void ptw_seq_stop(struct seq_file *m, void *v)
{
	struct ptw_file *f = m->private;

	ptw_unlock(f);
	if (f->mm)
		mmput(f->mm);
	f->mm = NULL;
}

static int ptw_seq_show(struct seq_file *m, void *v)
{
	struct ptw_file *f = m->private;
	const struct ptwalk_dump *d = &f->dump;
	int n;

	switch (f->rec) {
	case PTW_REC_HEADER:
		seq_printf(m, "# ptwalk %s", ptw_target_names[f->target]);
		if (f->pid)
			seq_printf(m, " %d", pid_vnr(f->pid));
		seq_printf(m, " format %s view %s range 0x%016llx 0x%016llx\n",
			   d->t.fmt->name, ptwalk_view_names[d->view],
			   ptwalk_from_linear(d->t.fmt, f->regions[0].lo),
			   ptwalk_from_linear(d->t.fmt,
					      f->regions[f->nregions - 1].hi));
		n = ptwalk_dump_header(d, f->line, sizeof(f->line));
		break;
	case PTW_REC_MARKER:
		seq_printf(m, "# ---[ %s ]---\n", f->regions[f->region].name);
		return 0;
	case PTW_REC_SKIPPED:
		seq_printf(m, "# ... %lu more lines skipped ...\n", f->skipped);
		return 0;
	case PTW_REC_TRAILER:
		seq_puts(m, "# target exited; dump incomplete\n");
		return 0;
	default:
		n = ptwalk_dump_line(d, f->line, sizeof(f->line));
		break;
	}
	seq_write(m, f->line, n);
	return 0;
}

static const struct seq_operations ptw_seq_ops = {
	.start	= ptw_seq_start,
	.next	= ptw_seq_next,
	.stop	= ptw_seq_stop,
	.show	= ptw_seq_show,
};

static int ptw_open(struct inode *inode, struct file *file)
{
	unsigned long cfg = (unsigned long)inode->i_private;
	struct ptw_file *f;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	f = __seq_open_private(file, &ptw_seq_ops, sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->target = cfg & 0xff;
	f->view = cfg >> 8;
	return 0;
}

static int ptw_release(struct inode *inode, struct file *file)
{
	struct ptw_file *f = ((struct seq_file *)file->private_data)->private;

	put_pid(f->pid);
	return seq_release_private(inode, file);
}

/*
 * Parse "[PID] [START [END]] [view=NAME]"; PID only (and first) for the
 * pid file.  Numbers take a 0x prefix for hex.  Nothing changes unless the
 * whole command is valid.
 */
static int ptw_parse(struct ptw_file *f, char *cmd, struct pid **pidp,
		     enum ptwalk_view *view, u64 *range, int *nrange)
{
	bool want_pid = f->target == PTW_PID;
	char *tok;
	int i;

	*nrange = 0;
	*pidp = NULL;
	while ((tok = strsep(&cmd, " \t\n"))) {
		if (!*tok)
			continue;
		if (!strncmp(tok, "view=", 5)) {
			i = match_string(ptwalk_view_names, PTWALK_VIEW_NR,
					 tok + 5);
			if (i < 0)
				return -EINVAL;
			*view = i;
		} else if (want_pid && !*pidp) {
			int nr;

			if (kstrtoint(tok, 10, &nr) || nr <= 0)
				return -EINVAL;
			*pidp = find_get_pid(nr);
			if (!*pidp)
				return -ESRCH;
		} else if (*nrange < 2) {
			if (kstrtou64(tok, 0, &range[(*nrange)++]))
				return -EINVAL;
		} else {
			return -EINVAL;
		}
	}
	if (want_pid && !*pidp)
		return -EINVAL;
	if (*nrange == 2 && range[0] >= range[1])
		return -ERANGE;
	return 0;
}

/* A process with no mm (a kernel thread) has no user tables to show. */
static int ptw_check_pid(struct pid *pid)
{
	struct task_struct *task = get_pid_task(pid, PIDTYPE_PID);
	int ret = 0;

	if (!task)
		return -ESRCH;
	if (task->flags & PF_KTHREAD)
		ret = -EINVAL;
	put_task_struct(task);
	return ret;
}

static ssize_t ptw_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	struct ptw_file *f = m->private;
	enum ptwalk_view view = f->view;
	char cmd[PTW_CMD_MAX];
	struct pid *pid;
	u64 range[2];
	int nrange, ret;

	if (count >= sizeof(cmd))
		return -E2BIG;
	if (copy_from_user(cmd, ubuf, count))
		return -EFAULT;
	cmd[count] = '\0';

	ret = ptw_parse(f, cmd, &pid, &view, range, &nrange);
	if (!ret && pid)
		ret = ptw_check_pid(pid);
	if (!ret && f->target == PTW_PID && !capable(CAP_SYS_PTRACE))
		ret = -EPERM;
	if (ret) {
		put_pid(pid);
		return ret;
	}

	mutex_lock(&m->lock);
	if (pid) {
		put_pid(f->pid);
		f->pid = pid;
	}
	f->view = view;
	f->have_range = nrange > 0;
	f->start = nrange > 0 ? range[0] : 0;
	f->end = nrange > 1 ? range[1] : 0;
	/* The next read starts a fresh dump of the new selection. */
	f->pos = 0;
	f->rec = PTW_REC_HEADER;
	f->err = 0;
	m->index = 0;
	m->count = 0;
	m->read_pos = 0;
	mutex_unlock(&m->lock);
	*ppos = 0;
	return count;
}

static const struct file_operations ptw_fops = {
	.owner		= THIS_MODULE,
	.open		= ptw_open,
	.read		= seq_read,
	.write		= ptw_write,
	.llseek		= seq_lseek,
	.release	= ptw_release,
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

MODULE_DESCRIPTION("Live page-table dumps (host and KVM) in debugfs");
MODULE_LICENSE("GPL");

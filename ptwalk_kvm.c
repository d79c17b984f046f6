// SPDX-License-Identifier: GPL-2.0
/*
 * ptwalk's KVM hook: /sys/kernel/debug/ptwalk/kvm/<pid>-<fd>/ for every VM,
 * with its second-stage tables (EPT, NPT, arm64 stage 2) in every view,
 * what the tables are ("info"), and the memslots that relate guest physical
 * addresses to the VMM's virtual ones.
 *
 * The hook works on unmodified kernels: KVM exports file_is_kvm() and
 * kvm_get_kvm_safe(), so VMs are found the way /proc/PID/fd is read, by
 * looking at every process's open files for KVM VM files, twice a second.
 * A VM's directory is named like KVM's own debugfs one (the creating
 * process's pid and the VM's fd).  Nothing is kept of a VM but its
 * identity; a file that is opened takes a reference with
 * kvm_get_kvm_safe(), so the VM outlives the open file, and the reference
 * is dropped on release, with no lock held because it may destroy the VM.
 *
 * Locking: each bounded step of a walk holds rcu_read_lock() and
 * kvm->mmu_lock for read, never for write, so vCPUs keep faulting in
 * parallel (the TDP MMU and arm64 fault under the read lock too).  RCU keeps
 * the TDP MMU's and arm64's unlinked tables readable until readers are
 * done; the read lock keeps the shadow MMU from freeing its pages.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/fdtable.h>
#include <linux/kvm_host.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/srcu.h>
#include <linux/jiffies.h>
#include <linux/workqueue.h>

#include "ptwalk.h"
#include "ptwalk_file.h"
#include "ptwalk_kvm.h"

#ifndef KVM_HAVE_MMU_RWLOCK
#error "ptwalk's KVM hook reads under kvm->mmu_lock held for read"
#endif

/* How often VMs are looked for, and how many at most. */
#define PTW_KVM_SCAN_MS		500
#define PTW_KVM_MAX_VMS		64

/* Memslots marked as regions of a dump; beyond that, none are. */
#define PTW_KVM_MAX_SLOTS	((PTWALK_MAX_REGIONS - 1) / 2)

/*
 * How long a dump waits for a root when it finds none: vCPU 0 drops its
 * root at every MMU reset (guest boot, CR0/EFER changes, memslot changes,
 * SMM) and loads another at its next entry.
 */
#define PTW_KVM_ROOT_WAIT_MS	200
#define PTW_KVM_NO_ROOT \
	"no root to walk (vCPU 0 has none, or the VM is being torn down)"

/**
 * struct ptw_vm_id - What identifies a VM: never dereferenced unpinned.
 * @pid:	The process that has the VM file open (its thread group).
 * @fd:		The file descriptor.
 * @kvm:	The VM, compared only, until kvm_get_kvm_safe() pins it.
 */
struct ptw_vm_id {
	struct pid	*pid;
	unsigned int	fd;
	struct kvm	*kvm;
};

/**
 * struct ptw_vm - A VM with a directory.
 * @node:	In ptw_vms.
 * @id:		Its identity; @id.pid holds a reference.
 * @dir:	Its directory.
 * @seen:	Found by the scan in progress.
 */
struct ptw_vm {
	struct list_head	node;
	struct ptw_vm_id	id;
	struct dentry		*dir;
	bool			seen;
};

/**
 * struct ptw_scan - What one scan found.
 * @vms:	The VM files, each with a reference on its pid.
 * @n:		How many.
 * @total:	How many VM files there were, listed or not.
 * @pid:	The process being looked at.
 */
struct ptw_scan {
	struct ptw_vm_id	vms[PTW_KVM_MAX_VMS];
	int			n;
	int			total;
	struct pid		*pid;
};

static LIST_HEAD(ptw_vms);
static DEFINE_MUTEX(ptw_vms_lock);
static struct dentry *ptw_kvm_dir;
static struct ptw_scan ptw_scan_buf;
/* VM files the last scan found beyond PTW_KVM_MAX_VMS, for "info". */
static int ptw_vms_unlisted;
static void ptw_scan_vms(struct work_struct *work);
static DECLARE_DELAYED_WORK(ptw_scan_work, ptw_scan_vms);

/* ---- Finding VMs ---- */

static int ptw_scan_fd(const void *arg, struct file *file, unsigned int fd)
{
	struct ptw_scan *s = (struct ptw_scan *)arg;

	if (!file_is_kvm(file))
		return 0;
	if (s->total++ >= PTW_KVM_MAX_VMS)
		return 0;
	s->vms[s->n++] = (struct ptw_vm_id){
		.pid = get_pid(s->pid),
		.fd = fd,
		.kvm = file->private_data,
	};
	return 0;
}

/*
 * Look at every process's files, as /proc/PID/fd does: task_lock() keeps
 * ->files, iterate_fd() takes its file_lock.  Nothing here sleeps.
 */
static void ptw_scan_files(struct ptw_scan *s)
{
	struct task_struct *p;

	s->n = 0;
	s->total = 0;
	rcu_read_lock();
	for_each_process(p) {
		task_lock(p);
		if (p->files) {
			s->pid = task_tgid(p);
			iterate_fd(p->files, 0, ptw_scan_fd, s);
		}
		task_unlock(p);
	}
	rcu_read_unlock();
}

static void ptw_vm_add(const struct ptw_vm_id *id);

static bool ptw_vm_id_equal(const struct ptw_vm_id *a,
			    const struct ptw_vm_id *b)
{
	return a->pid == b->pid && a->fd == b->fd && a->kvm == b->kvm;
}

static void ptw_vm_free(struct ptw_vm *vm)
{
	debugfs_remove_recursive(vm->dir);
	put_pid(vm->id.pid);
	list_del(&vm->node);
	kfree(vm);
}

/*
 * Make the directories match what the scan found: stale ones go first, so
 * that a VM whose (pid, fd) an old one had gets its directory name free.
 */
static void ptw_scan_vms(struct work_struct *work)
{
	struct ptw_scan *s = &ptw_scan_buf;
	struct ptw_vm *vm, *tmp;
	bool known[PTW_KVM_MAX_VMS] = {};
	int i;

	ptw_scan_files(s);

	mutex_lock(&ptw_vms_lock);
	list_for_each_entry_safe(vm, tmp, &ptw_vms, node) {
		vm->seen = false;
		for (i = 0; i < s->n; i++) {
			if (ptw_vm_id_equal(&vm->id, &s->vms[i])) {
				vm->seen = true;
				known[i] = true;
				break;
			}
		}
		if (!vm->seen)
			ptw_vm_free(vm);
	}
	for (i = 0; i < s->n; i++) {
		if (!known[i])
			ptw_vm_add(&s->vms[i]);
		put_pid(s->vms[i].pid);
	}
	WRITE_ONCE(ptw_vms_unlisted, s->total - s->n);
	mutex_unlock(&ptw_vms_lock);

	queue_delayed_work(system_wq, &ptw_scan_work,
			   msecs_to_jiffies(PTW_KVM_SCAN_MS));
}

struct ptw_get {
	unsigned int	fd;
	struct kvm	*kvm;
	bool		ok;
};

static int ptw_get_fd(const void *arg, struct file *file, unsigned int fd)
{
	struct ptw_get *g = (struct ptw_get *)arg;

	/* iterate_fd() starts at g->fd: the first file is the one or none. */
	if (fd == g->fd && file_is_kvm(file) && file->private_data == g->kvm)
		g->ok = kvm_get_kvm_safe(g->kvm);
	return 1;
}

/*
 * Pin the VM behind @id, if that fd of that process still is that VM:
 * the reference is taken under the fd table's lock, while the file (and
 * so the VM) cannot go away.
 */
static struct kvm *ptw_vm_get(const struct ptw_vm_id *id)
{
	struct ptw_get g = { .fd = id->fd, .kvm = id->kvm };
	struct task_struct *task;

	task = get_pid_task(id->pid, PIDTYPE_TGID);
	if (!task)
		return NULL;
	task_lock(task);
	if (task->files)
		iterate_fd(task->files, id->fd, ptw_get_fd, &g);
	task_unlock(task);
	put_task_struct(task);
	return g.ok ? id->kvm : NULL;
}

/* ---- Dumps of the second stage ---- */

static int ptw_s2_get(struct ptwalk_file *pf)
{
	return 0;
}

static void ptw_s2_put(struct ptwalk_file *pf)
{
}

/*
 * Continue on whatever root is current now.  Without one, wait for the
 * next (vCPU 0 loads it at its next entry), then end the dump with a
 * trailer that says why: never fail the read.  Returns with both locks
 * held, whatever it returns.
 */
static int ptw_s2_lock(struct ptwalk_file *pf)
	__acquires(RCU) __acquires(kvm_mmu_lock)
{
	unsigned long until = jiffies + msecs_to_jiffies(PTW_KVM_ROOT_WAIT_MS);
	struct kvm *kvm = pf->src;
	u64 root;

	for (;;) {
		rcu_read_lock();
		read_lock(&kvm->mmu_lock);
		root = ptwalk_kvm_arch_root(kvm);
		if (root != ~0ULL)
			break;
		if (fatal_signal_pending(current))
			return -EINTR;
		if (time_after(jiffies, until)) {
			pf->gone = PTW_KVM_NO_ROOT;
			return -ESRCH;
		}
		read_unlock(&kvm->mmu_lock);
		rcu_read_unlock();
		usleep_range(500, 1000);
	}
	pf->dump.t.root = root;
	return 0;
}

static void ptw_s2_unlock(struct ptwalk_file *pf)
	__releases(kvm_mmu_lock) __releases(RCU)
{
	struct kvm *kvm = pf->src;

	read_unlock(&kvm->mmu_lock);
	rcu_read_unlock();
}

struct ptw_slot {
	u64		gpa;
	u64		size;
	unsigned long	hva;
	u32		flags;
	int		id;
};

static int ptw_slot_cmp(const void *a, const void *b)
{
	const struct ptw_slot *x = a, *y = b;

	return x->gpa < y->gpa ? -1 : x->gpa > y->gpa;
}

/* Copy out address space 0's memslots, sorted by GPA; -E2BIG if more. */
static int ptw_get_slots(struct kvm *kvm, struct ptw_slot *slots, int max)
{
	struct kvm_memory_slot *slot;
	struct kvm_memslots *ms;
	int bkt, idx, n = 0;

	idx = srcu_read_lock(&kvm->srcu);
	ms = kvm_memslots(kvm);
	kvm_for_each_memslot(slot, bkt, ms) {
		if (n == max) {
			n = -E2BIG;
			break;
		}
		slots[n++] = (struct ptw_slot){
			.gpa = slot->base_gfn << PAGE_SHIFT,
			.size = slot->npages << PAGE_SHIFT,
			.hva = slot->userspace_addr,
			.flags = slot->flags,
			.id = slot->id,
		};
	}
	srcu_read_unlock(&kvm->srcu, idx);
	if (n > 0)
		sort(slots, n, sizeof(*slots), ptw_slot_cmp, NULL);
	return n;
}

/*
 * The regions of a second-stage dump: each memslot, named with the host
 * virtual address that backs its start, and the gaps between them, where
 * a mapping would be a bug worth seeing.
 */
static int ptw_s2_begin(struct ptwalk_file *pf, struct ptwalk_region *r)
{
	struct ptw_slot slots[PTW_KVM_MAX_SLOTS];
	struct kvm *kvm = pf->src;
	u64 pos = 0, end;
	int i, n, ret;

	ret = ptw_s2_lock(pf);
	if (!ret)
		ret = ptwalk_kvm_arch_format(kvm, &pf->fmt, &pf->table.root);
	ptw_s2_unlock(pf);
	if (ret == -ESRCH)
		ret = -ENODATA;
	if (ret)
		return ret;
	pf->table.fmt = &pf->fmt;
	pf->table.mem = &ptwalk_host_mem;
	end = 1ULL << pf->fmt.ia_bits;

	/*
	 * Shadow paging: the tables translate guest virtual addresses, so
	 * memslots (guest physical) say nothing about them.  Show the two
	 * canonical halves.
	 */
	if (pf->fmt.flags & PTWALK_FMT_CANONICAL) {
		r[0] = (struct ptwalk_region){
			.lo = 0, .hi = 1ULL << (pf->fmt.ia_bits - 1),
			.name = "guest virtual, lower half",
		};
		r[1] = (struct ptwalk_region){
			.lo = ~0ULL << (pf->fmt.ia_bits - 1), .hi = 0,
			.name = "guest virtual, upper half",
		};
		return 2;
	}

	n = ptw_get_slots(kvm, slots, ARRAY_SIZE(slots));
	if (n < 0) {
		/* Too many memslots to mark: one unnamed region. */
		r[0] = (struct ptwalk_region){ .lo = 0, .hi = end };
		return 1;
	}
	ret = 0;
	for (i = 0; i < n && slots[i].gpa < end; i++) {
		if (slots[i].gpa > pos)
			r[ret++] = (struct ptwalk_region){
				.lo = pos, .hi = slots[i].gpa, .name = "no memslot"
			};
		r[ret] = (struct ptwalk_region){
			.lo = slots[i].gpa,
			.hi = min(slots[i].gpa + slots[i].size, end),
		};
		snprintf(r[ret].name, sizeof(r[ret].name),
			 "memslot %d hva 0x%016lx", slots[i].id, slots[i].hva);
		pos = r[ret++].hi;
	}
	if (pos < end)
		r[ret++] = (struct ptwalk_region){
			.lo = pos, .hi = end, .name = "no memslot"
		};
	return ret;
}

static void ptw_s2_describe(struct seq_file *m, struct ptwalk_file *pf)
{
	struct ptw_vm_id *id = pf->priv;

	seq_printf(m, "kvm %d-%u root 0x%llx", pid_nr(id->pid), id->fd,
		   pf->table.root);
}

static void ptw_s2_release(struct ptwalk_file *pf)
{
	struct ptw_vm_id *id = pf->priv;

	/* May destroy the VM: no lock held here. */
	kvm_put_kvm(pf->src);
	put_pid(id->pid);
	kfree(id);
}

static const struct ptwalk_file_ops ptw_s2_ops = {
	.get		= ptw_s2_get,
	.put		= ptw_s2_put,
	.begin		= ptw_s2_begin,
	.lock		= ptw_s2_lock,
	.unlock		= ptw_s2_unlock,
	.describe	= ptw_s2_describe,
	.release	= ptw_s2_release,
};

/*
 * Pin the VM of the directory a file is in.  The directory's ptw_vm is
 * valid here: debugfs keeps its removal waiting until open returns.
 */
struct kvm *ptw_open_kvm(struct inode *inode)
{
	const struct ptw_vm *vm = inode->i_private;
	struct kvm *kvm;

	if (!capable(CAP_SYS_ADMIN))
		return ERR_PTR(-EPERM);
	kvm = ptw_vm_get(&vm->id);
	return kvm ? kvm : ERR_PTR(-ENOENT);
}

static int ptw_s2_open(struct inode *inode, struct file *file,
		       enum ptwalk_view view)
{
	const struct ptw_vm *vm = inode->i_private;
	struct ptw_vm_id *id;
	struct kvm *kvm;
	int ret;

	kvm = ptw_open_kvm(inode);
	if (IS_ERR(kvm))
		return PTR_ERR(kvm);
	id = kmalloc(sizeof(*id), GFP_KERNEL);
	if (!id) {
		ret = -ENOMEM;
		goto err_put_kvm;
	}
	*id = vm->id;
	get_pid(id->pid);
	ret = ptwalk_file_open(inode, file, &ptw_s2_ops, id, view);
	if (ret)
		goto err_free_id;
	ptwalk_file_of(file)->src = kvm;
	return 0;

err_free_id:
	put_pid(id->pid);
	kfree(id);
err_put_kvm:
	kvm_put_kvm(kvm);
	return ret;
}

#define PTW_S2_FOPS(_name, _view)					\
static int ptw_s2_open_##_name(struct inode *inode, struct file *file)	\
{									\
	return ptw_s2_open(inode, file, _view);				\
}									\
static const struct file_operations ptw_s2_##_name##_fops = {		\
	.owner		= THIS_MODULE,					\
	.open		= ptw_s2_open_##_name,				\
	.read		= seq_read,					\
	.write		= ptwalk_file_write,				\
	.llseek		= seq_lseek,					\
	.release	= ptwalk_file_release,				\
}

PTW_S2_FOPS(runs, PTWALK_VIEW_RUNS);
PTW_S2_FOPS(attr, PTWALK_VIEW_ATTR);
PTW_S2_FOPS(raw, PTWALK_VIEW_RAW);
PTW_S2_FOPS(summary, PTWALK_VIEW_SUMMARY);

/* ---- info and memslots ---- */

static int ptw_info_show(struct seq_file *m, void *v)
{
	struct kvm *kvm = m->private;
	struct ptwalk_fmt fmt;
	u64 root;
	int ret;

	rcu_read_lock();
	read_lock(&kvm->mmu_lock);
	ret = ptwalk_kvm_arch_format(kvm, &fmt, &root);
	if (!ret) {
		seq_printf(m, "format %s\nlevels %d\nroot 0x%016llx\n",
			   fmt.name, fmt.levels, root);
		seq_printf(m, "gpa_bits %d\n", fmt.ia_bits);
	} else {
		seq_printf(m, "format none (%d)\n", ret);
	}
	ptwalk_kvm_arch_info(m, kvm);
	read_unlock(&kvm->mmu_lock);
	rcu_read_unlock();
	/*
	 * What the directories cannot show: VMs past the PTW_KVM_MAX_VMS'th,
	 * and VMs whose VM file is closed (vCPU files keep them alive, but
	 * are not recognizable without KVM's private file operations).
	 */
	seq_printf(m, "vms_unlisted %d\n", READ_ONCE(ptw_vms_unlisted));
	return 0;
}

/* Address space 0's memslots, in KVM's order; SRCU lets us print inside. */
static int ptw_memslots_show(struct seq_file *m, void *v)
{
	struct kvm *kvm = m->private;
	struct kvm_memory_slot *slot;
	struct kvm_memslots *ms;
	int bkt, idx;

	seq_puts(m, "# slot gpa_start gpa_end pages hva flags\n");
	idx = srcu_read_lock(&kvm->srcu);
	ms = kvm_memslots(kvm);
	kvm_for_each_memslot(slot, bkt, ms)
		seq_printf(m, "%d 0x%016llx 0x%016llx %lu 0x%016lx 0x%x\n",
			   slot->id, slot->base_gfn << PAGE_SHIFT,
			   (slot->base_gfn + slot->npages) << PAGE_SHIFT,
			   slot->npages, slot->userspace_addr, slot->flags);
	srcu_read_unlock(&kvm->srcu, idx);
	return 0;
}

static int ptw_single_open(struct inode *inode, struct file *file,
			   int (*show)(struct seq_file *, void *))
{
	struct kvm *kvm = ptw_open_kvm(inode);
	int ret;

	if (IS_ERR(kvm))
		return PTR_ERR(kvm);
	ret = single_open(file, show, kvm);
	if (ret)
		kvm_put_kvm(kvm);
	return ret;
}

static int ptw_single_release(struct inode *inode, struct file *file)
{
	struct kvm *kvm = ((struct seq_file *)file->private_data)->private;

	single_release(inode, file);
	kvm_put_kvm(kvm);
	return 0;
}

static int ptw_info_open(struct inode *inode, struct file *file)
{
	return ptw_single_open(inode, file, ptw_info_show);
}

static int ptw_memslots_open(struct inode *inode, struct file *file)
{
	return ptw_single_open(inode, file, ptw_memslots_show);
}

static const struct file_operations ptw_info_fops = {
	.owner		= THIS_MODULE,
	.open		= ptw_info_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= ptw_single_release,
};

static const struct file_operations ptw_memslots_fops = {
	.owner		= THIS_MODULE,
	.open		= ptw_memslots_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= ptw_single_release,
};

static void ptw_vm_add(const struct ptw_vm_id *id)
{
	struct ptw_vm *vm;
	char name[32];

	vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	if (!vm)
		return;
	vm->id = *id;
	get_pid(vm->id.pid);
	vm->seen = true;
	snprintf(name, sizeof(name), "%d-%u", pid_nr(id->pid), id->fd);
	vm->dir = debugfs_create_dir(name, ptw_kvm_dir);
	debugfs_create_file("stage2", 0600, vm->dir, vm, &ptw_s2_runs_fops);
	debugfs_create_file("attr", 0600, vm->dir, vm, &ptw_s2_attr_fops);
	debugfs_create_file("raw", 0600, vm->dir, vm, &ptw_s2_raw_fops);
	debugfs_create_file("summary", 0600, vm->dir, vm,
			    &ptw_s2_summary_fops);
	debugfs_create_file("info", 0400, vm->dir, vm, &ptw_info_fops);
	debugfs_create_file("memslots", 0400, vm->dir, vm,
			    &ptw_memslots_fops);
	debugfs_create_file("audit", 0400, vm->dir, vm, &ptwalk_kvm_audit_fops);
	list_add_tail(&vm->node, &ptw_vms);
}

static int __init ptw_kvm_init(void)
{
	ptw_kvm_dir = debugfs_create_dir("kvm", ptwalk_debugfs_root());
	/* VMs that exist already are found by the first scan. */
	queue_delayed_work(system_wq, &ptw_scan_work, 0);
	return 0;
}

static void __exit ptw_kvm_exit(void)
{
	struct ptw_vm *vm, *tmp;

	cancel_delayed_work_sync(&ptw_scan_work);
	mutex_lock(&ptw_vms_lock);
	list_for_each_entry_safe(vm, tmp, &ptw_vms, node)
		ptw_vm_free(vm);
	mutex_unlock(&ptw_vms_lock);
	debugfs_remove_recursive(ptw_kvm_dir);
}

module_init(ptw_kvm_init);
module_exit(ptw_kvm_exit);

MODULE_DESCRIPTION("Live dumps of KVM guests' second-stage page tables");
MODULE_LICENSE("GPL");

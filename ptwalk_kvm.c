// SPDX-License-Identifier: GPL-2.0
/*
 * ptwalk's KVM hook: /sys/kernel/debug/ptwalk/kvm/<pid>-<fd>/ for every VM,
 * with its second-stage tables (EPT, NPT, arm64 stage 2) in every view,
 * what the tables are and every root the VM has ("info"), and the memslots
 * that relate guest physical addresses to the VMM's virtual ones.  A dump
 * walks the default root (ptwalk_kvm_arch_root()) unless a "root=ID"
 * command chose another.
 *
 * The hook works on unmodified kernels: KVM exports file_is_kvm() and
 * kvm_get_kvm_safe(), so VMs are found the way /proc/PID/fd is read, by
 * looking at every process's open files for KVM VM files.  A scan runs
 * when KVM creates or removes a VM's directory in its own debugfs
 * directory, which an fsnotify mark on that directory reports; and, as a
 * fallback, every 5 seconds while ptwalk lists a VM.  Where KVM has no
 * debugfs directory the scan runs twice a second instead.
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
#include <linux/fsnotify_backend.h>
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

/*
 * How often VMs are looked for without KVM's debugfs directory to watch,
 * or while an open file pins a VM (its VMM's exit leaves KVM's directory
 * in place); else how often while ptwalk lists a VM (for a VM fd closed
 * while vCPU fds keep the VM, and a VM whose debugfs directory KVM did not
 * make because another VM still had its name); how soon after an event
 * (2 ms, a jiffy at least), and how many times more at that pace: after
 * KVM made a directory, while the scan of the creating process finds no
 * VM new (KVM installs the VM's fd after making the directory, and may
 * take many milliseconds in between); after it removed one, to check the
 * VMs listed again.  And how many VMs at most.
 */
#define PTW_KVM_SCAN_MS		500
#define PTW_KVM_SLOW_SCAN_MS	5000
#define PTW_KVM_EVENT_MS	2
#define PTW_KVM_EVENT_RETRIES	100
#define PTW_KVM_CHECK_RETRIES	8
#define PTW_KVM_MAX_VMS		64
/* Processes that made a VM, to scan after the event; more: scan all. */
#define PTW_KVM_MAX_PENDING	16

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
#define PTW_KVM_ROOT_FREED	"the chosen root was freed"

/* Memslot address spaces (x86: 2, the second for SMM). */
static int ptw_kvm_nr_as(struct kvm *kvm)
{
#ifdef KVM_MAX_NR_ADDRESS_SPACES
	return kvm_arch_nr_memslot_as_ids(kvm);
#else
	return KVM_ADDRESS_SPACE_NUM;
#endif
}

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
 * struct ptw_s2 - What an open second-stage file keeps.
 * @id:		The VM's identity; @id.pid holds a reference.
 * @root:	The root the dump in progress began on.
 */
struct ptw_s2 {
	struct ptw_vm_id	id;
	struct ptwalk_kvm_root	root;
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
/* Watching KVM's debugfs directory: the mark, and its group. */
static struct fsnotify_group *ptw_fsn_group;
static struct fsnotify_mark *ptw_fsn_mark;
/* VMs that open files pin: their VMM's exit is not an event. */
static atomic_t ptw_pinned = ATOMIC_INIT(0);
/* Scans to come after an event while none finds a VM new. */
static atomic_t ptw_scan_retries = ATOMIC_INIT(0);
/* Checks of the VMs listed to come after a removal. */
static atomic_t ptw_check_retries = ATOMIC_INIT(0);
/*
 * Processes that made a VM, to scan; and when to scan every process: at
 * the next scan (at load, and when too many processes made VMs at once),
 * or once the timer that asked for it is due, not at an event's scan
 * before.
 */
static DEFINE_SPINLOCK(ptw_pending_lock);
static struct pid *ptw_pending[PTW_KVM_MAX_PENDING];
static int ptw_npending;
static bool ptw_full_now = true;
static bool ptw_full_armed;
static unsigned long ptw_full_due;
/* For "info": scans done, and the last one's time; full and event ones. */
static atomic_t ptw_scans = ATOMIC_INIT(0);
static u64 ptw_scan_ns;
static atomic_t ptw_event_scans = ATOMIC_INIT(0);
static u64 ptw_event_scan_ns;
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

static int ptw_vm_add(const struct ptw_vm_id *id);

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
 * Have a scan run within @ms, or sooner if one is due sooner; @full: of
 * every process, else of the processes ptw_pending names and of the VMs
 * listed.
 */
static void ptw_scan_within(unsigned int ms, bool full)
{
	unsigned long delay = msecs_to_jiffies(ms);

	if (full) {
		spin_lock(&ptw_pending_lock);
		if (!ptw_full_armed || time_before(jiffies + delay, ptw_full_due))
			ptw_full_due = jiffies + delay;
		ptw_full_armed = true;
		spin_unlock(&ptw_pending_lock);
	}
	if (!delayed_work_pending(&ptw_scan_work) ||
	    time_after(READ_ONCE(ptw_scan_work.timer.expires), jiffies + delay))
		mod_delayed_work(system_wq, &ptw_scan_work, delay);
}

/*
 * Add @pid to the processes to scan, once: with @get a reference of its
 * own, else the caller's.  Return whether it is pending now (false: the
 * list is full, the caller keeps its reference).
 */
static bool ptw_pend(struct pid *pid, bool get)
	__must_hold(&ptw_pending_lock)
{
	int i;

	for (i = 0; i < ptw_npending; i++) {
		if (ptw_pending[i] == pid) {
			if (!get)
				put_pid(pid);
			return true;
		}
	}
	if (ptw_npending == PTW_KVM_MAX_PENDING)
		return false;
	ptw_pending[ptw_npending++] = get ? get_pid(pid) : pid;
	return true;
}

/* The VM files of the processes @pids: a scan of them only. */
static void ptw_scan_pids(struct ptw_scan *s, struct pid **pids, int n)
{
	struct task_struct *task;
	int i;

	s->n = 0;
	s->total = 0;
	for (i = 0; i < n; i++) {
		task = get_pid_task(pids[i], PIDTYPE_TGID);
		if (!task)
			continue;
		task_lock(task);
		if (task->files) {
			s->pid = pids[i];
			iterate_fd(task->files, 0, ptw_scan_fd, s);
		}
		task_unlock(task);
		put_task_struct(task);
	}
}

struct ptw_find {
	const struct ptw_vm_id	*id;
	bool			pin;
	bool			ok;
};

static int ptw_find_fd(const void *arg, struct file *file, unsigned int fd)
{
	struct ptw_find *f = (struct ptw_find *)arg;

	/* iterate_fd() starts at id->fd: the first file is the one or none. */
	if (fd == f->id->fd && file_is_kvm(file) &&
	    file->private_data == f->id->kvm)
		f->ok = !f->pin || kvm_get_kvm_safe(f->id->kvm);
	return 1;
}

/*
 * Whether @id's fd in its process still is its VM; with @pin, and then
 * only if, a reference is taken, under the fd table's lock, while the
 * file (and so the VM) cannot go away.
 */
static bool ptw_vm_find(const struct ptw_vm_id *id, bool pin)
{
	struct ptw_find f = { .id = id, .pin = pin };
	struct task_struct *task = get_pid_task(id->pid, PIDTYPE_TGID);

	if (!task)
		return false;
	task_lock(task);
	if (task->files)
		iterate_fd(task->files, id->fd, ptw_find_fd, &f);
	task_unlock(task);
	put_task_struct(task);
	return f.ok;
}

/*
 * Make the directories match what the scan found: stale ones go first, so
 * that a VM whose (pid, fd) an old one had gets its directory name free.
 * A scan of every process (at load, on the slow timer, without events)
 * finds every VM; after an event, a scan of the processes that made VMs
 * finds theirs, and the VMs listed are checked one by one (ptw_vm_find()),
 * which costs nothing per process.  While an event's scan finds no VM new,
 * it runs again, up to PTW_KVM_EVENT_RETRIES times; after a removal the
 * VMs listed are checked PTW_KVM_CHECK_RETRIES times more.
 */
static void ptw_scan_vms(struct work_struct *work)
{
	struct ptw_scan *s = &ptw_scan_buf;
	struct pid *pids[PTW_KVM_MAX_PENDING];
	bool found[PTW_KVM_MAX_PENDING] = {};
	bool known[PTW_KVM_MAX_VMS] = {};
	struct ptw_vm *vm, *tmp;
	int i, j, n, retries;
	bool again;
	u64 t0 = ktime_get_ns();
	unsigned int delay;
	bool full;

	spin_lock(&ptw_pending_lock);
	full = ptw_full_now ||
	       (ptw_full_armed && time_after_eq(jiffies, ptw_full_due));
	if (full) {
		ptw_full_now = false;
		ptw_full_armed = false;
	}
	n = ptw_npending;
	memcpy(pids, ptw_pending, n * sizeof(*pids));
	ptw_npending = 0;
	spin_unlock(&ptw_pending_lock);

	if (full)
		ptw_scan_files(s);
	else
		ptw_scan_pids(s, pids, n);
	if (full) {
		WRITE_ONCE(ptw_scan_ns, ktime_get_ns() - t0);
		atomic_inc(&ptw_scans);
	} else {
		WRITE_ONCE(ptw_event_scan_ns, ktime_get_ns() - t0);
		atomic_inc(&ptw_event_scans);
	}

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
		if (!vm->seen && !full)
			vm->seen = ptw_vm_find(&vm->id, false);
		if (!vm->seen)
			ptw_vm_free(vm);
	}
	for (i = 0; i < s->n; i++) {
		if (!known[i] && !ptw_vm_add(&s->vms[i]))
			for (j = 0; j < n; j++)
				found[j] |= pids[j] == s->vms[i].pid;
		put_pid(s->vms[i].pid);
	}
	if (full)
		WRITE_ONCE(ptw_vms_unlisted, s->total - s->n);

	/*
	 * A process in which the scan found no VM new has not installed the
	 * VM's fd yet: scan it again, later, while retries are left.
	 */
	retries = -1;
	for (j = 0; j < n; j++) {
		if (!found[j] && retries < 0)
			retries = atomic_dec_if_positive(&ptw_scan_retries);
		spin_lock(&ptw_pending_lock);
		if (!found[j] && retries >= 0 && ptw_pend(pids[j], false))
			pids[j] = NULL;
		spin_unlock(&ptw_pending_lock);
		put_pid(pids[j]);
	}

	again = retries >= 0 ||
		atomic_dec_if_positive(&ptw_check_retries) >= 0;
	if (again)
		delay = PTW_KVM_EVENT_MS;
	else if (!ptw_fsn_mark)
		delay = PTW_KVM_SCAN_MS;
	else if (atomic_read(&ptw_pinned))
		delay = PTW_KVM_SCAN_MS;
	else
		delay = list_empty(&ptw_vms) ? 0 : PTW_KVM_SLOW_SCAN_MS;
	mutex_unlock(&ptw_vms_lock);
	/*
	 * Without events, and on the slow timer, every process; while files
	 * pin VMs, the VMs listed.  An event may have queued a scan sooner:
	 * ptw_scan_within() keeps it.
	 */
	if (delay)
		ptw_scan_within(delay, !again &&
				(!ptw_fsn_mark || !atomic_read(&ptw_pinned)));
}

/*
 * KVM made or removed a VM's directory in its debugfs directory: scan
 * soon.  Called where KVM creates the directory, in the creating task,
 * under the directory's inode lock: nothing here sleeps.  A creation
 * names the process to scan; a removal needs only the VMs listed checked.
 */
static int ptw_fsn_event(struct fsnotify_mark *mark, u32 mask,
			 struct inode *inode, struct inode *dir,
			 const struct qstr *name, u32 cookie)
{
	bool full = false;

	if (mask & FS_CREATE) {
		spin_lock(&ptw_pending_lock);
		full = !ptw_pend(task_tgid(current), true);
		spin_unlock(&ptw_pending_lock);
		atomic_set(&ptw_scan_retries, PTW_KVM_EVENT_RETRIES);
	}
	if (mask & FS_DELETE)
		atomic_set(&ptw_check_retries, PTW_KVM_CHECK_RETRIES);
	ptw_scan_within(PTW_KVM_EVENT_MS, full);
	return 0;
}

static void ptw_fsn_free_mark(struct fsnotify_mark *mark)
{
	kfree(mark);
}

static const struct fsnotify_ops ptw_fsn_ops = {
	.handle_inode_event	= ptw_fsn_event,
	.free_mark		= ptw_fsn_free_mark,
};

/*
 * Watch KVM's debugfs directory, /sys/kernel/debug/kvm, where KVM makes a
 * directory for each VM it creates (kvm_create_vm_debugfs()) and removes
 * it when the VM is destroyed.  Without it (no debugfs, or KVM's failed),
 * the scan runs periodically.
 */
static void ptw_fsn_init(void)
{
	struct fsnotify_group *group;
	struct fsnotify_mark *mark;
	struct dentry *kvm_dir;

	kvm_dir = debugfs_lookup("kvm", NULL);
	if (IS_ERR_OR_NULL(kvm_dir))
		return;
	group = fsnotify_alloc_group(&ptw_fsn_ops, 0);
	if (IS_ERR(group))
		goto out_dput;
	mark = kzalloc(sizeof(*mark), GFP_KERNEL);
	if (!mark)
		goto out_put_group;
	fsnotify_init_mark(mark, group);
	mark->mask = FS_CREATE | FS_DELETE;
	if (fsnotify_add_inode_mark(mark, d_inode(kvm_dir), 0)) {
		fsnotify_put_mark(mark);
		goto out_put_group;
	}
	ptw_fsn_group = group;
	ptw_fsn_mark = mark;
	dput(kvm_dir);
	return;

out_put_group:
	fsnotify_put_group(group);
out_dput:
	dput(kvm_dir);
}

/* Stop watching; free_mark (this module's) has run when it returns. */
static void ptw_fsn_exit(void)
{
	if (!ptw_fsn_mark)
		return;
	fsnotify_destroy_mark(ptw_fsn_mark, ptw_fsn_group);
	fsnotify_put_mark(ptw_fsn_mark);
	fsnotify_wait_marks_destroyed();
	fsnotify_put_group(ptw_fsn_group);
}

/* Pin the VM behind @id, if that fd of that process still is that VM. */
static struct kvm *ptw_vm_get(const struct ptw_vm_id *id)
{
	if (!ptw_vm_find(id, true))
		return NULL;
	/* Scan often while the file lives: see PTW_KVM_SCAN_MS. */
	if (atomic_inc_return(&ptw_pinned) == 1)
		ptw_scan_within(PTW_KVM_SCAN_MS, false);
	return id->kvm;
}

/**
 * ptw_close_kvm() - Drop a VM that ptw_open_kvm() pinned.
 * @kvm:	The VM.
 *
 * Context: Process context, no lock held: it may destroy the VM.
 */
void ptw_close_kvm(struct kvm *kvm)
{
	kvm_put_kvm(kvm);
	atomic_dec(&ptw_pinned);
}

/* ---- Dumps of the second stage ---- */

static int ptw_s2_get(struct ptwalk_file *pf)
{
	return 0;
}

static void ptw_s2_put(struct ptwalk_file *pf)
{
}

/**
 * ptw_kvm_lock_root() - Take a step's locks, on the root to walk now.
 * @kvm:	The VM.
 * @want:	The root's ID, or PTWALK_ROOT_DEFAULT.
 * @root:	Receives the root.
 * @gone:	Receives why there is none, for the trailer.
 *
 * Continue on whatever root is the default now, or on the chosen one while
 * it lives.  Without a default root, wait for the next (vCPU 0 loads it at
 * its next entry); then, or when the chosen root is freed, the dump ends
 * with a trailer that says why: never fail the read.
 *
 * Context: Returns with rcu_read_lock() and kvm->mmu_lock held for read,
 * whatever it returns.
 * Return: 0; -ESRCH with @gone set; -EINTR on a fatal signal.
 */
int ptw_kvm_lock_root(struct kvm *kvm, u64 want, u64 *root, const char **gone)
	__acquires(RCU) __acquires(kvm_mmu_lock)
{
	unsigned long until = jiffies + msecs_to_jiffies(PTW_KVM_ROOT_WAIT_MS);

	for (;;) {
		rcu_read_lock();
		read_lock(&kvm->mmu_lock);
		*root = ptwalk_kvm_arch_root(kvm, want);
		if (*root != ~0ULL)
			return 0;
		if (want != PTWALK_ROOT_DEFAULT) {
			*gone = PTW_KVM_ROOT_FREED;
			return -ESRCH;
		}
		if (fatal_signal_pending(current))
			return -EINTR;
		if (time_after(jiffies, until)) {
			*gone = PTW_KVM_NO_ROOT;
			return -ESRCH;
		}
		read_unlock(&kvm->mmu_lock);
		rcu_read_unlock();
		usleep_range(500, 1000);
	}
}

static int ptw_s2_lock(struct ptwalk_file *pf)
	__acquires(RCU) __acquires(kvm_mmu_lock)
{
	u64 root;
	int ret;

	ret = ptw_kvm_lock_root(pf->src, pf->want_root, &root, &pf->gone);
	if (!ret)
		pf->dump.t.root = root;
	return ret;
}

/**
 * ptw_kvm_unlock_root() - Drop what ptw_kvm_lock_root() took.
 * @kvm:	The VM.
 */
void ptw_kvm_unlock_root(struct kvm *kvm)
	__releases(kvm_mmu_lock) __releases(RCU)
{
	read_unlock(&kvm->mmu_lock);
	rcu_read_unlock();
}

static void ptw_s2_unlock(struct ptwalk_file *pf)
	__releases(kvm_mmu_lock) __releases(RCU)
{
	ptw_kvm_unlock_root(pf->src);
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

/* Copy out an address space's memslots, sorted by GPA; -E2BIG if more. */
static int ptw_get_slots(struct kvm *kvm, int as_id, struct ptw_slot *slots,
			 int max)
{
	struct kvm_memory_slot *slot;
	struct kvm_memslots *ms;
	int bkt, idx, n = 0;

	if (as_id < 0 || as_id >= ptw_kvm_nr_as(kvm))
		return -E2BIG;
	idx = srcu_read_lock(&kvm->srcu);
	ms = __kvm_memslots(kvm, as_id);
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
 * The regions of a second-stage dump: each memslot of the root's address
 * space, named with the host virtual address that backs its start, and
 * the gaps between them, where a mapping would be a bug worth seeing.
 */
static int ptw_s2_begin(struct ptwalk_file *pf, struct ptwalk_region *r)
{
	struct ptw_slot slots[PTW_KVM_MAX_SLOTS];
	struct ptw_s2 *s2 = pf->priv;
	struct kvm *kvm = pf->src;
	u64 pos = 0, end;
	int i, n, ret;

	ret = ptw_s2_lock(pf);
	if (!ret)
		ret = ptwalk_kvm_arch_format(kvm, pf->want_root, &pf->fmt,
					     &s2->root);
	ptw_s2_unlock(pf);
	/* No root at the start: ENODATA for the default, ENOENT if chosen. */
	if (ret == -ESRCH)
		ret = pf->want_root == PTWALK_ROOT_DEFAULT ? -ENODATA : -ENOENT;
	if (ret)
		return ret;
	pf->table.root = s2->root.hpa;
	pf->table.fmt = &pf->fmt;
	pf->table.mem = &ptwalk_host_mem;
	end = 1ULL << pf->fmt.ia_bits;

	/*
	 * Shadow paging: the tables translate guest virtual addresses, so
	 * memslots (guest physical) say nothing about them.  Show the two
	 * canonical halves.
	 */
	if (s2->root.space == PTWALK_KVM_GVA) {
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
	/* A nested guest's physical addresses: no memslot says anything. */
	if (s2->root.space == PTWALK_KVM_NGPA) {
		r[0] = (struct ptwalk_region){
			.lo = 0, .hi = end, .name = "nested guest physical",
		};
		return 1;
	}

	n = ptw_get_slots(kvm, s2->root.as_id, slots, ARRAY_SIZE(slots));
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
		if (s2->root.as_id)
			snprintf(r[ret].name, sizeof(r[ret].name),
				 "memslot %d as %d hva 0x%016lx", slots[i].id,
				 s2->root.as_id, slots[i].hva);
		else
			snprintf(r[ret].name, sizeof(r[ret].name),
				 "memslot %d hva 0x%016lx", slots[i].id,
				 slots[i].hva);
		pos = r[ret++].hi;
	}
	if (pos < end)
		r[ret++] = (struct ptwalk_region){
			.lo = pos, .hi = end, .name = "no memslot"
		};
	return ret;
}

/* "kvm PID-FD root HPA default|chosen": which root the dump walks. */
static void ptw_s2_describe(struct seq_file *m, struct ptwalk_file *pf)
{
	struct ptw_s2 *s2 = pf->priv;

	seq_printf(m, "kvm %d-%u root 0x%llx %s", pid_nr(s2->id.pid),
		   s2->id.fd, pf->table.root,
		   pf->want_root == PTWALK_ROOT_DEFAULT ? "default" : "chosen");
}

/* "root=ID": the VM must have that root now. */
static int ptw_s2_root(struct ptwalk_file *pf, u64 id)
{
	struct kvm *kvm = pf->src;
	u64 root;

	if (id == PTWALK_ROOT_DEFAULT)
		return 0;
	rcu_read_lock();
	read_lock(&kvm->mmu_lock);
	root = ptwalk_kvm_arch_root(kvm, id);
	read_unlock(&kvm->mmu_lock);
	rcu_read_unlock();
	return root == id ? 0 : -ENOENT;
}

static void ptw_s2_release(struct ptwalk_file *pf)
{
	struct ptw_s2 *s2 = pf->priv;

	/* May destroy the VM: no lock held here. */
	ptw_close_kvm(pf->src);
	put_pid(s2->id.pid);
	kfree(s2);
}

static const struct ptwalk_file_ops ptw_s2_ops = {
	.get		= ptw_s2_get,
	.put		= ptw_s2_put,
	.begin		= ptw_s2_begin,
	.lock		= ptw_s2_lock,
	.unlock		= ptw_s2_unlock,
	.describe	= ptw_s2_describe,
	.root		= ptw_s2_root,
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
	struct ptw_s2 *s2;
	struct kvm *kvm;
	int ret;

	kvm = ptw_open_kvm(inode);
	if (IS_ERR(kvm))
		return PTR_ERR(kvm);
	s2 = kzalloc(sizeof(*s2), GFP_KERNEL);
	if (!s2) {
		ret = -ENOMEM;
		goto err_put_kvm;
	}
	s2->id = vm->id;
	get_pid(s2->id.pid);
	ret = ptwalk_file_open(inode, file, &ptw_s2_ops, s2, view);
	if (ret)
		goto err_free_s2;
	ptwalk_file_of(file)->src = kvm;
	return 0;

err_free_s2:
	put_pid(s2->id.pid);
	kfree(s2);
err_put_kvm:
	ptw_close_kvm(kvm);
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

/*
 * The default root's format first, then the architecture's part, which
 * names every root ("root ID ...") and which one is the default
 * ("default_root ID").
 */
static int ptw_info_show(struct seq_file *m, void *v)
{
	struct kvm *kvm = m->private;
	struct ptwalk_kvm_root root;
	struct ptwalk_fmt fmt;
	int ret;

	rcu_read_lock();
	read_lock(&kvm->mmu_lock);
	ret = ptwalk_kvm_arch_format(kvm, PTWALK_ROOT_DEFAULT, &fmt, &root);
	read_unlock(&kvm->mmu_lock);
	rcu_read_unlock();
	if (!ret) {
		seq_printf(m, "format %s\nlevels %d\n", fmt.name, fmt.levels);
		seq_printf(m, "gpa_bits %d\n", fmt.ia_bits);
	} else {
		seq_printf(m, "format none (%d)\n", ret);
	}
	ptwalk_kvm_arch_info(m, kvm);
	ptwalk_kvm_arch_guest_info(m, kvm);
	/*
	 * What the directories cannot show: VMs past the PTW_KVM_MAX_VMS'th,
	 * and VMs whose VM file is closed (vCPU files keep them alive, but
	 * are not recognizable without KVM's private file operations).
	 */
	seq_printf(m, "vms_unlisted %d\n", READ_ONCE(ptw_vms_unlisted));
	/* How VMs are found, and what finding them costs. */
	if (ptw_fsn_mark)
		seq_printf(m, "vm_source fsnotify (KVM's debugfs directory; a scan every %d ms while VMs are listed)\n",
			   PTW_KVM_SLOW_SCAN_MS);
	else
		seq_printf(m, "vm_source scan (every %d ms)\n", PTW_KVM_SCAN_MS);
	seq_printf(m, "vm_scans %d\nvm_scan_us %llu\n", atomic_read(&ptw_scans),
		   div_u64(READ_ONCE(ptw_scan_ns), NSEC_PER_USEC));
	seq_printf(m, "vm_event_scans %d\nvm_event_scan_us %llu\n",
		   atomic_read(&ptw_event_scans),
		   div_u64(READ_ONCE(ptw_event_scan_ns), NSEC_PER_USEC));
	return 0;
}

/*
 * Every address space's memslots, in KVM's order (x86's SMM roots map
 * address space 1's); SRCU lets us print inside.
 */
static int ptw_memslots_show(struct seq_file *m, void *v)
{
	struct kvm *kvm = m->private;
	struct kvm_memory_slot *slot;
	struct kvm_memslots *ms;
	int as_id, bkt, idx;

	seq_puts(m, "# slot gpa_start gpa_end pages hva flags as\n");
	idx = srcu_read_lock(&kvm->srcu);
	for (as_id = 0; as_id < ptw_kvm_nr_as(kvm); as_id++) {
		ms = __kvm_memslots(kvm, as_id);
		kvm_for_each_memslot(slot, bkt, ms)
			seq_printf(m, "%d 0x%016llx 0x%016llx %lu 0x%016lx 0x%x %d\n",
				   slot->id, slot->base_gfn << PAGE_SHIFT,
				   (slot->base_gfn + slot->npages) << PAGE_SHIFT,
				   slot->npages, slot->userspace_addr,
				   slot->flags, as_id);
	}
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
		ptw_close_kvm(kvm);
	return ret;
}

static int ptw_single_release(struct inode *inode, struct file *file)
{
	struct kvm *kvm = ((struct seq_file *)file->private_data)->private;

	single_release(inode, file);
	ptw_close_kvm(kvm);
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

/* Give a VM its directory: 0, -ENOMEM, or -EEXIST (debugfs refused). */
static int ptw_vm_add(const struct ptw_vm_id *id)
{
	struct ptw_vm *vm;
	char name[32];

	vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	if (!vm)
		return -ENOMEM;
	vm->id = *id;
	get_pid(vm->id.pid);
	vm->seen = true;
	snprintf(name, sizeof(name), "%d-%u", pid_nr(id->pid), id->fd);
	vm->dir = debugfs_create_dir(name, ptw_kvm_dir);
	if (IS_ERR(vm->dir)) {
		put_pid(vm->id.pid);
		kfree(vm);
		return -EEXIST;
	}
	/*
	 * Not debugfs's full proxy, which fails every read() with EIO once
	 * the directory is removed: an open file pins its VM and copies what
	 * it needs of @vm, so it reads on after the VM's fd is closed.  Open
	 * itself still runs under debugfs_file_get(), so @vm is valid there.
	 * memslots comes last: a directory with it is complete.
	 */
	debugfs_create_file_unsafe("stage2", 0600, vm->dir, vm,
				   &ptw_s2_runs_fops);
	debugfs_create_file_unsafe("attr", 0600, vm->dir, vm,
				   &ptw_s2_attr_fops);
	debugfs_create_file_unsafe("raw", 0600, vm->dir, vm, &ptw_s2_raw_fops);
	debugfs_create_file_unsafe("summary", 0600, vm->dir, vm,
				   &ptw_s2_summary_fops);
	debugfs_create_file_unsafe("info", 0400, vm->dir, vm, &ptw_info_fops);
	debugfs_create_file_unsafe("audit", 0400, vm->dir, vm,
				   &ptwalk_kvm_audit_fops);
	debugfs_create_file_unsafe("translate", 0600, vm->dir, vm,
				   &ptwalk_kvm_translate_fops);
	debugfs_create_file_unsafe("memslots", 0400, vm->dir, vm,
				   &ptw_memslots_fops);
	list_add_tail(&vm->node, &ptw_vms);
	return 0;
}

static int __init ptw_kvm_init(void)
{
	ptw_kvm_dir = debugfs_create_dir("kvm", ptwalk_debugfs_root());
	ptw_fsn_init();
	/* VMs that exist already are found by the first scan. */
	queue_delayed_work(system_wq, &ptw_scan_work, 0);
	return 0;
}

static void __exit ptw_kvm_exit(void)
{
	struct ptw_vm *vm, *tmp;

	/* No event queues a scan after this. */
	ptw_fsn_exit();
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

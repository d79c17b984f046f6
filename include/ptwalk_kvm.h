/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The architecture half of ptwalk's KVM hook: which tables a VM's second
 * stage is, in which format, and what to say about them.  One file per
 * architecture (ptwalk_kvm_<arch>.c), picked by Kbuild.
 *
 * A VM may have several roots (x86: one per role, per vCPU MMU; arm64: the
 * VM's stage 2 and nested ones).  A root's ID is its physical address,
 * which names it for as long as it lives; PTWALK_ROOT_DEFAULT asks for the
 * one a dump walks unless told otherwise.
 */
#ifndef _PTWALK_KVM_H
#define _PTWALK_KVM_H

#include <linux/fs.h>

#include "ptwalk.h"

struct kvm;
struct seq_file;

/**
 * enum ptwalk_kvm_space - What a root's input addresses are.
 * @PTWALK_KVM_GPA:	The VM's guest physical addresses, which the memslots
 *			of address space &ptwalk_kvm_root.as_id back.
 * @PTWALK_KVM_NGPA:	A nested guest's physical addresses (x86 shadow EPT
 *			or NPT): the guest hypervisor's tables, not memslots,
 *			say what they are.
 * @PTWALK_KVM_GVA:	Guest virtual addresses (x86 shadow paging).
 */
enum ptwalk_kvm_space {
	PTWALK_KVM_GPA,
	PTWALK_KVM_NGPA,
	PTWALK_KVM_GVA,
};

/**
 * struct ptwalk_kvm_root - The root a dump walks.
 * @hpa:	Its physical address, and so its ID.
 * @space:	What its input addresses are.
 * @as_id:	For %PTWALK_KVM_GPA, the memslots' address space (x86: 1
 *		for SMM).
 */
struct ptwalk_kvm_root {
	u64			hpa;
	enum ptwalk_kvm_space	space;
	int			as_id;
};

/**
 * ptwalk_kvm_arch_format() - Describe one of a VM's second-stage roots.
 * @kvm:	The VM; the caller holds a reference.
 * @want:	The root's ID, or PTWALK_ROOT_DEFAULT.
 * @fmt:	Receives the format.
 * @root:	Receives the root.
 *
 * Context: Under rcu_read_lock() and kvm->mmu_lock held for read.
 * Return: 0; -ENODATA when there is no default root now (no vCPU has run,
 * or vCPU 0 is in SMM or runs a nested guest); -ENOENT when @want names
 * no root of the VM; -EOPNOTSUPP when the host cannot read the tables
 * (arm64 protected mode) or ptwalk cannot decode them (an x86 PAE root).
 */
int ptwalk_kvm_arch_format(struct kvm *kvm, u64 want, struct ptwalk_fmt *fmt,
			   struct ptwalk_kvm_root *root);

/**
 * ptwalk_kvm_arch_root() - The root to walk now.
 * @kvm:	The VM.
 * @want:	The root's ID, or PTWALK_ROOT_DEFAULT.
 *
 * Roots change (a vCPU reloads its MMU, a memslot update zaps them), so
 * a dump looks the root up again every time it takes kvm->mmu_lock.  The
 * default dump continues from its cursor on whatever root is the default
 * now; a dump of a chosen root ends when that root is freed.
 *
 * Context: Under rcu_read_lock() and kvm->mmu_lock held for read.
 * Return: the root's physical address, or an invalid address (~0) when
 * there is none; the walker's accessor refuses it.
 */
u64 ptwalk_kvm_arch_root(struct kvm *kvm, u64 want);

/**
 * ptwalk_kvm_arch_info() - Print the architecture's part of "info".
 * @m:		Where to print.
 * @kvm:	The VM.
 *
 * Names every root of the VM once, with its role and its users.
 *
 * Context: Process context; takes rcu_read_lock() and kvm->mmu_lock for
 * read itself.  May sleep (outside them).
 */
void ptwalk_kvm_arch_info(struct seq_file *m, struct kvm *kvm);

/**
 * ptw_open_kvm() - Pin the VM of the directory a file is in.
 * @inode:	A file in a VM's directory; its i_private is the directory's.
 *
 * Checks CAP_SYS_ADMIN and takes a reference with kvm_get_kvm_safe() if
 * the VM's fd in its process still is that VM.
 *
 * Context: Process context, in a debugfs open(), which keeps the
 * directory from being removed until it returns.
 * Return: the VM, to drop with ptw_close_kvm(); or
 * ERR_PTR(-EPERM) or ERR_PTR(-ENOENT).
 */
struct kvm *ptw_open_kvm(struct inode *inode);

/**
 * ptw_close_kvm() - Drop a VM that ptw_open_kvm() pinned.
 * @kvm:	The VM.
 *
 * Context: Process context, no lock held: it may destroy the VM.
 */
void ptw_close_kvm(struct kvm *kvm);

/**
 * ptw_kvm_lock_root() - Take a step's locks, on the root to walk now.
 * @kvm:	The VM.
 * @want:	The root's ID, or PTWALK_ROOT_DEFAULT.
 * @root:	Receives the root.
 * @gone:	Receives why there is none, for the trailer.
 *
 * Waits up to 200 ms for a default root; a chosen root that is gone ends
 * the dump at once.
 *
 * Context: Returns with rcu_read_lock() and kvm->mmu_lock held for read,
 * whatever it returns.
 * Return: 0; -ESRCH with @gone set; -EINTR on a fatal signal.
 */
int ptw_kvm_lock_root(struct kvm *kvm, u64 want, u64 *root, const char **gone)
	__acquires(RCU) __acquires(kvm_mmu_lock);

/* kvm/<vm>/audit (ptwalk_kvm_audit.c): the second stage against the host. */
extern const struct file_operations ptwalk_kvm_audit_fops;

#endif /* _PTWALK_KVM_H */

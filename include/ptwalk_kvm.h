/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The architecture half of ptwalk's KVM hook: which tables a VM's second
 * stage is, in which format, and what to say about them.  One file per
 * architecture (ptwalk_kvm_<arch>.c), picked by Kbuild.
 */
#ifndef _PTWALK_KVM_H
#define _PTWALK_KVM_H

#include <linux/fs.h>

#include "ptwalk.h"

struct kvm;
struct seq_file;

/**
 * ptwalk_kvm_arch_format() - Describe a VM's second-stage tables.
 * @kvm:	The VM; the caller holds a reference.
 * @fmt:	Receives the format.
 * @root:	Receives the root's physical address.
 *
 * Context: Under rcu_read_lock() and kvm->mmu_lock held for read.
 * Return: 0; -ENODATA when there is no root yet (no vCPU has run);
 * -EOPNOTSUPP when the host cannot read the tables (arm64 protected mode).
 */
int ptwalk_kvm_arch_format(struct kvm *kvm, struct ptwalk_fmt *fmt,
			   u64 *root);

/**
 * ptwalk_kvm_arch_root() - The root to walk now.
 * @kvm:	The VM.
 *
 * Roots change (a vCPU reloads its MMU, a memslot update zaps them), so
 * a dump looks the root up again every time it takes kvm->mmu_lock and
 * continues from its cursor on whatever root is current.
 *
 * Context: Under rcu_read_lock() and kvm->mmu_lock held for read.
 * Return: the root's physical address, or an invalid address (~0) when
 * there is none; the walker's accessor refuses it.
 */
u64 ptwalk_kvm_arch_root(struct kvm *kvm);

/**
 * ptwalk_kvm_arch_info() - Print the architecture's part of "info".
 * @m:		Where to print.
 * @kvm:	The VM.
 *
 * Context: Under rcu_read_lock() and kvm->mmu_lock held for read.
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
 * Return: the VM, to drop with kvm_put_kvm() with no lock held; or
 * ERR_PTR(-EPERM) or ERR_PTR(-ENOENT).
 */
struct kvm *ptw_open_kvm(struct inode *inode);

/* kvm/<vm>/audit (ptwalk_kvm_audit.c): the second stage against the host. */
extern const struct file_operations ptwalk_kvm_audit_fops;

#endif /* _PTWALK_KVM_H */

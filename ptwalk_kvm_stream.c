// SPDX-License-Identifier: GPL-2.0
/*
 * The seq_file behind a VM's files that are not dumps of one table tree
 * (audit, translate): a header, lines that a source produces a bounded step
 * at a time, a footer, and a trailer when the VM went away.  Each record
 * is kept until it is shown, so a read() that stops in the middle of any
 * record goes on from there, and a 1-byte reader sees the same bytes as a
 * large one.
 */

#include <linux/fs.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>

#include "ptwalk_kvm.h"

/* The next line into @s->buf: its length, 0 at the end, or -errno. */
static int ptw_stream_line(struct ptw_kvm_stream *s)
{
	int ret;

	for (;;) {
		if (s->next < s->nq)
			return s->ops->line(s, s->next++);
		if (s->walked)
			return 0;
		/* Between steps no lock is held. */
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
		s->next = 0;
		s->nq = 0;
		ret = s->ops->step(s);
		if (!ret)
			s->walked = true;
		else if (ret != -EAGAIN)
			return ret;
	}
}

static int ptw_stream_next_rec(struct ptw_kvm_stream *s)
{
	int ret = 0;

	if (s->rec == PTW_KVM_REC_HEADER || s->rec == PTW_KVM_REC_LINE) {
		ret = ptw_stream_line(s);
		if (ret > 0) {
			s->len = ret;
			s->rec = PTW_KVM_REC_LINE;
			return 1;
		}
		if (!ret && s->ops->footer) {
			s->rec = PTW_KVM_REC_FOOTER;
			return 1;
		}
		if (ret == -ESRCH) {
			s->rec = PTW_KVM_REC_TRAILER;
			return 1;
		}
	}
	s->rec = PTW_KVM_REC_EOF;
	return ret;
}

static void *ptw_stream_start(struct seq_file *m, loff_t *ppos)
{
	struct ptw_kvm_stream *s = m->private;
	int ret;

	if (s->err) {
		ret = s->err;
		s->err = 0;
		return ERR_PTR(ret);
	}
	if (*ppos != s->pos || *ppos == 0) {
		/* First read, or a seek: start over. */
		s->pos = 0;
		s->rec = PTW_KVM_REC_HEADER;
		s->gone = NULL;
		s->nq = 0;
		s->next = 0;
		s->walked = false;
		ret = s->ops->begin(s);
		if (ret) {
			s->rec = PTW_KVM_REC_EOF;
			return ERR_PTR(ret);
		}
	}
	while (s->pos < *ppos && s->rec != PTW_KVM_REC_EOF) {
		/* Seeking forward replays the records in between. */
		if (fatal_signal_pending(current))
			return ERR_PTR(-EINTR);
		cond_resched();
		ret = ptw_stream_next_rec(s);
		if (ret < 0)
			return ERR_PTR(ret);
		s->pos++;
	}
	return s->rec == PTW_KVM_REC_EOF ? NULL : s;
}

static void *ptw_stream_next(struct seq_file *m, void *v, loff_t *ppos)
{
	struct ptw_kvm_stream *s = m->private;
	int ret;

	++*ppos;
	s->pos = *ppos;
	ret = ptw_stream_next_rec(s);
	if (ret > 0)
		return s;
	/* Reported by the next read(), after the lines already produced. */
	if (ret < 0)
		s->err = ret;
	return NULL;
}

static void ptw_stream_stop(struct seq_file *m, void *v)
{
}

static int ptw_stream_show(struct seq_file *m, void *v)
{
	struct ptw_kvm_stream *s = m->private;

	switch (s->rec) {
	case PTW_KVM_REC_HEADER:
		s->ops->header(m, s);
		break;
	case PTW_KVM_REC_LINE:
		seq_write(m, s->buf, s->len);
		break;
	case PTW_KVM_REC_FOOTER:
		s->ops->footer(m, s);
		break;
	case PTW_KVM_REC_TRAILER:
		seq_printf(m, "# %s; dump incomplete\n",
			   s->gone ?: "target exited");
		break;
	default:
		break;
	}
	return 0;
}

static const struct seq_operations ptw_stream_seq_ops = {
	.start	= ptw_stream_start,
	.next	= ptw_stream_next,
	.stop	= ptw_stream_stop,
	.show	= ptw_stream_show,
};

/**
 * ptw_kvm_stream_open() - Open a VM file that streams lines.
 * @inode:	The file's inode, in a VM's directory.
 * @file:	The file.
 * @ops:	What it prints.
 * @priv_size:	Size of its own state.
 *
 * Return: 0 or a negative errno.
 */
int ptw_kvm_stream_open(struct inode *inode, struct file *file,
			const struct ptw_kvm_stream_ops *ops, size_t priv_size)
{
	struct ptw_kvm_stream *s;
	struct kvm *kvm;

	kvm = ptw_open_kvm(inode);
	if (IS_ERR(kvm))
		return PTR_ERR(kvm);
	s = __seq_open_private(file, &ptw_stream_seq_ops,
			       sizeof(*s) + priv_size);
	if (!s) {
		ptw_close_kvm(kvm);
		return -ENOMEM;
	}
	s->ops = ops;
	s->kvm = kvm;
	s->priv = s + 1;
	return 0;
}

/**
 * ptw_kvm_stream_release() - Release a file ptw_kvm_stream_open() opened.
 * @inode:	The inode.
 * @file:	The file.
 *
 * Return: 0.
 */
int ptw_kvm_stream_release(struct inode *inode, struct file *file)
{
	struct ptw_kvm_stream *s = ((struct seq_file *)file->private_data)->private;
	struct kvm *kvm = s->kvm;

	seq_release_private(inode, file);
	/* May destroy the VM: no lock held here. */
	ptw_close_kvm(kvm);
	return 0;
}

/**
 * ptw_kvm_stream_restart() - Make the next read start afresh.
 * @file:	The file.
 * @ppos:	Its position, reset to 0.
 */
void ptw_kvm_stream_restart(struct file *file, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	struct ptw_kvm_stream *s = m->private;

	s->pos = 0;
	s->rec = PTW_KVM_REC_HEADER;
	s->err = 0;
	m->index = 0;
	m->count = 0;
	m->read_pos = 0;
	*ppos = 0;
}

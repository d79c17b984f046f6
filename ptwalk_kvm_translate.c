// SPDX-License-Identifier: GPL-2.0
/*
 * kvm/<vm>/translate: a guest's own page tables, named by a command
 * ("cr3=GPA [la57=1]" on x86, "ttbr=GPA [granule=..] [ia=..]" on arm64,
 * then an optional range of guest virtual addresses), walked through the
 * VM's second stage: each guest table is read where the default root maps
 * its GPA, as the hardware reads it, and each guest leaf is printed with
 * the host physical address stage 2 gives it (ptwalk_translate.c).
 *
 * Locking, per bounded step: rcu_read_lock() and kvm->mmu_lock for read on
 * the default root (ptw_kvm_lock_root()), as the stage2 file takes them.
 * A guest table is read through the host's linear map at the page a
 * stage-2 leaf maps; an MMU notifier must take mmu_lock for write to zap
 * that leaf before the host may free the page, so the page outlives the
 * step.  The guest may change its tables at any time: each entry is read
 * once, and a step shows what it read.
 */

#include <linux/kvm_host.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "ptwalk.h"
#include "ptwalk_file.h"
#include "ptwalk_kvm.h"
#include "ptwalk_translate.h"

/* Longest command a write() takes. */
#define PTW_XLATE_CMD_MAX	256

/**
 * struct ptw_xlate_cmd - A translate command, checked.
 * @g:		The guest's tables.
 * @fmt:	Their format.
 * @start:	Linear start of the range.
 * @end:	Linear end (exclusive).
 */
struct ptw_xlate_cmd {
	struct ptwalk_kvm_guest	g;
	struct ptwalk_fmt	fmt;
	u64			start;
	u64			end;
};

/**
 * struct ptw_xlate_file - One open translate file's own state.
 * @cmd:	The last command accepted.
 * @have_cmd:	There is one.
 * @gfmt:	The guest format of the dump being read.
 * @s2fmt:	The second stage's format, from the start of the dump.
 * @s2root:	The second stage's root then, for the header.
 * @x:		The translation.
 */
struct ptw_xlate_file {
	struct ptw_xlate_cmd	cmd;
	bool			have_cmd;
	struct ptwalk_fmt	gfmt;
	struct ptwalk_fmt	s2fmt;
	u64			s2root;
	struct ptwalk_xlate	x;
};

static int ptw_xlate_begin(struct ptw_kvm_stream *s)
{
	struct ptw_xlate_file *xf = s->priv;
	struct ptwalk_kvm_root kr;
	struct ptwalk_table s2;
	u64 root;
	int ret;

	/* Before any command there is nothing to walk. */
	s->walked = !xf->have_cmd;
	if (!xf->have_cmd)
		return 0;
	ret = ptw_kvm_lock_root(s->kvm, PTWALK_ROOT_DEFAULT, &root, &s->gone);
	if (!ret)
		ret = ptwalk_kvm_arch_format(s->kvm, PTWALK_ROOT_DEFAULT,
					     &xf->s2fmt, &kr);
	ptw_kvm_unlock_root(s->kvm);
	if (ret == -ESRCH)
		ret = -ENODATA;
	if (ret)
		return ret;
	/* A shadow MMU's root maps guest virtual addresses itself. */
	if (kr.space != PTWALK_KVM_GPA || kr.as_id)
		return -EOPNOTSUPP;
	xf->s2root = kr.hpa;
	s2 = (struct ptwalk_table){
		.fmt = &xf->s2fmt, .root = kr.hpa, .mem = &ptwalk_host_mem,
	};
	xf->gfmt = xf->cmd.fmt;
	return ptwalk_xlate_init(&xf->x, &xf->gfmt, xf->cmd.g.root, &s2,
				 xf->cmd.start, xf->cmd.end);
}

static int ptw_xlate_step(struct ptw_kvm_stream *s)
{
	struct ptw_xlate_file *xf = s->priv;
	u64 root;
	int ret;

	ret = ptw_kvm_lock_root(s->kvm, PTWALK_ROOT_DEFAULT, &root, &s->gone);
	if (!ret) {
		xf->x.s2.root = root;
		ret = ptwalk_xlate_step(&xf->x);
		s->nq = xf->x.nq;
	}
	ptw_kvm_unlock_root(s->kvm);
	return ret;
}

static int ptw_xlate_line(struct ptw_kvm_stream *s, unsigned int i)
{
	struct ptw_xlate_file *xf = s->priv;

	return ptwalk_xlate_line(&xf->gfmt, &xf->x.q[i], s->buf, sizeof(s->buf));
}

static void ptw_xlate_header(struct seq_file *m, struct ptw_kvm_stream *s)
{
	struct ptw_xlate_file *xf = s->priv;

	if (!xf->have_cmd) {
		seq_printf(m, "# no guest root: write \"%s\"\n",
			   ptwalk_kvm_arch_guest_usage());
		return;
	}
	/* The directory is the VM's, named <pid>-<fd>. */
	seq_printf(m, "# ptwalk kvm %pd translate %s 0x%016llx format %s s2 0x%llx range 0x%016llx 0x%016llx\n",
		   file_dentry(m->file)->d_parent, xf->cmd.g.key, xf->cmd.g.raw,
		   xf->gfmt.name, xf->s2root,
		   ptwalk_from_linear(&xf->gfmt, xf->cmd.start),
		   ptwalk_from_linear(&xf->gfmt, xf->cmd.end));
	seq_puts(m, "# gva_start gva_end pgsize pages gpa hpa perm flags\n");
}

static const struct ptw_kvm_stream_ops ptw_xlate_stream_ops = {
	.begin	= ptw_xlate_begin,
	.step	= ptw_xlate_step,
	.line	= ptw_xlate_line,
	.header	= ptw_xlate_header,
};

/*
 * "key=value" words go to the architecture; up to two other words are
 * START and END, guest virtual addresses, END exclusive.
 */
static int ptw_xlate_parse(struct kvm *kvm, char *buf, struct ptw_xlate_cmd *c)
{
	u64 range[2], gran;
	char *tok, *val;
	int n = 0, ret;

	memset(c, 0, sizeof(*c));
	ptwalk_kvm_arch_guest_word(&c->g, NULL, NULL);
	while ((tok = strsep(&buf, " \t\n"))) {
		if (!*tok)
			continue;
		val = strchr(tok, '=');
		if (val) {
			*val++ = '\0';
			ret = ptwalk_kvm_arch_guest_word(&c->g, tok, val);
		} else if (n < 2) {
			ret = kstrtou64(tok, 0, &range[n++]);
		} else {
			ret = -EINVAL;
		}
		if (ret)
			return -EINVAL;
	}
	if (!c->g.set)
		return -EINVAL;
	ret = ptwalk_kvm_arch_guest_fmt(kvm, &c->g, &c->fmt);
	if (ret)
		return ret;
	c->end = 1ULL << c->fmt.ia_bits;
	if (n > 1 && range[0] >= range[1])
		return -ERANGE;
	if (n > 0 && ptwalk_to_linear(&c->fmt, range[0], &c->start))
		return -ERANGE;
	/* END is exclusive: the last address it covers must translate. */
	if (n > 1) {
		if (ptwalk_to_linear(&c->fmt, range[1] - 1, &c->end))
			return -ERANGE;
		c->end++;
	}
	/* Whole pages of the guest's smallest size, as the walk shows them. */
	gran = ptwalk_level_size(&c->fmt, 0);
	c->start = round_down(c->start, gran);
	c->end = round_up(c->end, gran);
	return c->start < c->end ? 0 : -ERANGE;
}

static ssize_t ptw_xlate_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	struct ptw_kvm_stream *s = m->private;
	struct ptw_xlate_file *xf = s->priv;
	struct ptw_xlate_cmd *c;
	char buf[PTW_XLATE_CMD_MAX];
	int ret;

	if (count >= sizeof(buf))
		return -E2BIG;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	c = kmalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	ret = ptw_xlate_parse(s->kvm, buf, c);
	if (!ret) {
		mutex_lock(&m->lock);
		xf->cmd = *c;
		xf->have_cmd = true;
		ptw_kvm_stream_restart(file, ppos);
		mutex_unlock(&m->lock);
	}
	kfree(c);
	return ret ? ret : count;
}

static int ptw_xlate_open(struct inode *inode, struct file *file)
{
	return ptw_kvm_stream_open(inode, file, &ptw_xlate_stream_ops,
				   sizeof(struct ptw_xlate_file));
}

const struct file_operations ptwalk_kvm_translate_fops = {
	.owner		= THIS_MODULE,
	.open		= ptw_xlate_open,
	.read		= seq_read,
	.write		= ptw_xlate_write,
	.llseek		= seq_lseek,
	.release	= ptw_kvm_stream_release,
};

// SPDX-License-Identifier: GPL-2.0
/*
 * The debugfs file engine shared by every ptwalk file: a seq_file iterator
 * over a dump that is cut into regions, resumed from the dump's address at
 * every read(), and bounded in the work done under any lock.
 *
 * Records: 0 is the header; then, region by region, an optional marker and
 * the dump's lines; a trailer if the target goes away mid-dump.  The state
 * of the record at f->pos is kept between read() calls, so seq_file can
 * show it again when its buffer was too small, and the next read()
 * continues with no re-walk.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/capability.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "ptwalk.h"
#include "ptwalk_file.h"

/* Longest command accepted by write(). */
#define PTW_CMD_MAX	128

/* Point the dump at the next part of the region the source says is safe. */
static int ptw_next_window(struct ptwalk_file *pf)
{
	u64 lo, hi;
	int ret;

	ret = pf->ops->window(pf, ptwalk_dump_pos(&pf->dump), &lo, &hi);
	if (ret < 0)
		return ret;
	if (ret) {
		lo = pf->dump.end;
		hi = lo;
	}
	return ptwalk_dump_window(&pf->dump, lo, hi);
}

/*
 * One bounded step of the walk, under the source's lock: at most
 * PTWALK_DUMP_QUEUE lines or PTWALK_DUMP_BUDGET entries.  The lock is not
 * held between steps, so a writer waits for one step at most; what may
 * have changed meanwhile is looked up again (the window) before walking.
 */
static int ptw_step(struct ptwalk_file *pf)
{
	int ret;

	ret = pf->ops->lock(pf);
	if (!ret && pf->ops->window)
		ret = ptw_next_window(pf);
	if (!ret)
		ret = ptwalk_dump_next(&pf->dump);
	pf->ops->unlock(pf);
	return ret;
}

/* Produce the next line of the region: 1, 0 at its end, or -errno. */
static int ptw_advance(struct ptwalk_file *pf)
{
	int ret;

	/* A line the last walk queued needs no lock and no walk. */
	if (ptwalk_dump_queued(&pf->dump))
		return ptwalk_dump_next(&pf->dump);
	/*
	 * Between steps no lock is held: let others run, and let a killed
	 * reader go.  seq_lseek() and a read() at a far offset replay the
	 * dump through here with nothing else that reschedules.
	 */
	for (;;) {
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
		ret = ptw_step(pf);
		if (ret != -EAGAIN)
			return ret;
	}
}

/*
 * A region that lies outside the tables' range is kept, empty, where it
 * would be, so that its marker says it is not shown (ptw_dump_begin()).
 */
static bool ptw_region_outside(const struct ptwalk_region *r)
{
	return r->lo == r->hi;
}

static int ptw_region_begin(struct ptwalk_file *pf, int i)
{
	const struct ptwalk_region *r = &pf->regions[i];
	int ret;

	pf->region = i;
	/* Nothing to walk; a dump of one byte keeps the header's view true. */
	if (ptw_region_outside(r))
		return ptwalk_dump_init(&pf->dump, &pf->table, pf->view, 0, 1);
	ret = ptwalk_dump_init(&pf->dump, &pf->table, pf->view, r->lo, r->hi);
	if (ret)
		return ret;
	/* Windowed sources: ptw_advance() finds the first window. */
	if (pf->ops->window)
		pf->dump.win_end = r->lo;
	return 0;
}

/* [@lo, @hi) as input addresses (@hi 0 for 2^64) to linear ones. */
static int ptw_range_to_linear(const struct ptwalk_fmt *fmt, u64 *lo, u64 *hi)
{
	u64 l, h;

	if (ptwalk_to_linear(fmt, *lo, &l))
		return -ERANGE;
	if (!*hi) {
		h = 1ULL << fmt->ia_bits;
	} else {
		if (ptwalk_to_linear(fmt, *hi - 1, &h))
			return -ERANGE;
		h++;
	}
	*lo = l;
	*hi = h;
	return 0;
}

/**
 * ptwalk_clip_to_linear() - The part of a region that a format translates.
 * @fmt:	The format.
 * @lo:		Start, as an input address; receives the linear start.
 * @hi:		End (exclusive, 0 for 2^64), above @lo; receives the linear
 *		end.
 *
 * A format's space is two halves, each contiguous in input addresses: a
 * canonical space has its hole between them, a TTBR1 space lies at the top
 * of the 64-bit range.  [@lo, @hi) is clipped to each half, and the linear
 * range runs from the first address kept to the last.  So a region that
 * starts below TTBR1's range (an arm64 kernel built for 52-bit VAs, on a
 * CPU with 48) is shown from the range's start.
 *
 * Return: 0; -ERANGE when the format translates no address of the region,
 * and then @lo and @hi both receive the linear address it would be at.
 */
VISIBLE_IF_KUNIT int ptwalk_clip_to_linear(const struct ptwalk_fmt *fmt,
					   u64 *lo, u64 *hi)
{
	u64 half = 1ULL << (fmt->ia_bits - 1), last = *hi - 1;
	u64 first_lin = 0, last_lin = 0, a, b;
	bool found = false;
	int i;

	for (i = 0; i < 2; i++) {
		a = ptwalk_from_linear(fmt, i * half);
		b = ptwalk_from_linear(fmt, i * half + half - 1);
		/* Outside the tables, the region would come after this half. */
		if (b < *lo && !found)
			first_lin = i * half + half;
		a = max(a, *lo);
		b = min(b, last);
		if (a > b)
			continue;
		if (!found)
			ptwalk_to_linear(fmt, a, &first_lin);
		ptwalk_to_linear(fmt, b, &last_lin);
		found = true;
	}
	if (!found) {
		*lo = first_lin;
		*hi = first_lin;
		return -ERANGE;
	}
	*lo = first_lin;
	*hi = last_lin + 1;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ptwalk_clip_to_linear);

/* Ask the source for its regions, clip them to the selection, start. */
static int ptw_dump_begin(struct ptwalk_file *pf)
{
	u64 start = pf->start, end = pf->end;
	int i, n, ret, shown = 0;

	pf->gone = NULL;
	n = pf->ops->begin(pf, pf->regions);
	if (n < 0)
		return n;
	if (n > PTWALK_MAX_REGIONS)
		return -EINVAL;
	if (pf->have_range) {
		ret = ptw_range_to_linear(&pf->fmt, &start, &end);
		if (ret)
			return ret;
	} else {
		start = 0;
		end = 1ULL << pf->fmt.ia_bits;
	}

	pf->nregions = 0;
	for (i = 0; i < n; i++) {
		struct ptwalk_region r = pf->regions[i];
		u64 in_lo = r.lo, in_last = r.hi - 1;

		/* Markers at one address leave empty regions between them. */
		if (r.hi && r.lo >= r.hi)
			continue;
		if (ptwalk_clip_to_linear(&pf->fmt, &r.lo, &r.hi)) {
			/*
			 * Outside the tables: kept, so that its marker says
			 * so, when the selection (input addresses) reaches it.
			 */
			if (pf->have_range &&
			    (in_last < pf->start || in_lo > pf->end - 1))
				continue;
			if (!r.name[0])
				snprintf(r.name, sizeof(r.name),
					 "0x%016llx-0x%016llx", in_lo, in_last + 1);
			pf->regions[pf->nregions++] = r;
			continue;
		}
		r.lo = max(r.lo, start);
		r.hi = min(r.hi, end);
		if (r.lo < r.hi) {
			pf->regions[pf->nregions++] = r;
			shown++;
		}
	}
	if (!shown)
		return -ERANGE;
	return ptw_region_begin(pf, 0);
}

/* Move to the record after the current one: 1, 0 at the end, or -errno. */
static int ptw_next_rec(struct ptwalk_file *pf)
{
	int ret;

	if (pf->rec == PTWALK_REC_TRAILER) {
		pf->rec = PTWALK_REC_EOF;
		return 0;
	}
	if (pf->rec == PTWALK_REC_HEADER && pf->regions[0].name[0]) {
		pf->rec = PTWALK_REC_MARKER;
		return 1;
	}
	for (;;) {
		ret = ptw_region_outside(&pf->regions[pf->region]) ? 0 :
		      ptw_advance(pf);
		if (ret > 0) {
			pf->rec = PTWALK_REC_LINE;
			return 1;
		}
		if (ret == -ESRCH) {
			/* The target went away: end with the trailer. */
			pf->rec = PTWALK_REC_TRAILER;
			return 1;
		}
		if (ret < 0) {
			pf->rec = PTWALK_REC_EOF;
			return ret;
		}
		if (pf->region + 1 >= pf->nregions) {
			pf->rec = PTWALK_REC_EOF;
			return 0;
		}
		ret = ptw_region_begin(pf, pf->region + 1);
		if (ret) {
			pf->rec = PTWALK_REC_EOF;
			return ret;
		}
		if (pf->regions[pf->region].name[0]) {
			pf->rec = PTWALK_REC_MARKER;
			return 1;
		}
	}
}

static void ptw_put(struct ptwalk_file *pf)
{
	if (pf->got)
		pf->ops->put(pf);
	pf->got = false;
}

/* Pin the target for one read() and restore the iteration state. */
static void *ptw_seq_start(struct seq_file *m, loff_t *ppos)
{
	struct ptwalk_file *pf = m->private;
	int ret;

	if (pf->err) {
		ret = pf->err;
		pf->err = 0;
		return ERR_PTR(ret);
	}
	if (*ppos != pf->pos || *ppos == 0) {
		/* First read, or a seek: start over. */
		pf->pos = 0;
		pf->rec = PTWALK_REC_HEADER;
	}
	if (pf->rec == PTWALK_REC_EOF)
		return NULL;

	ret = pf->ops->get(pf);
	if (ret) {
		if (pf->pos == 0)
			return ERR_PTR(ret);
		/* The target went away in the middle of the dump. */
		pf->rec = PTWALK_REC_TRAILER;
		return pf;
	}
	pf->got = true;
	if (pf->pos == 0) {
		ret = ptw_dump_begin(pf);
		if (ret)
			goto err_put;
	}
	while (pf->pos < *ppos) {
		/*
		 * Seeking forward: replay the records in between.  A seek far
		 * past the end replays the whole dump, so let others run and
		 * let a killed reader go.
		 */
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			goto err_put;
		}
		cond_resched();
		ret = ptw_next_rec(pf);
		if (ret <= 0)
			goto err_put;
		pf->pos++;
	}
	return pf;

err_put:
	ptw_put(pf);
	pf->rec = PTWALK_REC_EOF;
	return ret ? ERR_PTR(ret) : NULL;
}

static void *ptw_seq_next(struct seq_file *m, void *v, loff_t *ppos)
{
	struct ptwalk_file *pf = m->private;
	int ret;

	++*ppos;
	pf->pos = *ppos;
	ret = ptw_next_rec(pf);
	if (ret > 0)
		return pf;
	/* Reported by the next read(), after the lines already produced. */
	if (ret < 0)
		pf->err = ret;
	return NULL;
}

static void ptw_seq_stop(struct seq_file *m, void *v)
{
	ptw_put(m->private);
}

/*
 * The header's last line or a dump's line, formatted straight into
 * seq_file's buffer.  One that does not fit whole is given up: seq_file
 * shows the record again in a buffer with room, and the dump still has
 * the same line ready.
 */
static void ptw_seq_put_line(struct seq_file *m, struct ptwalk_file *pf)
{
	size_t room;
	char *buf;
	int n;

	room = seq_get_buf(m, &buf);
	if (!room) {
		seq_commit(m, -1);
		return;
	}
	if (pf->rec == PTWALK_REC_HEADER)
		n = ptwalk_dump_header(&pf->dump, buf, room);
	else
		n = ptwalk_dump_line(&pf->dump, &pf->attr_text, buf, room);
	/* A line that filled the room may have been cut. */
	seq_commit(m, n + 1 < room ? n : -1);
}

static int ptw_seq_show(struct seq_file *m, void *v)
{
	struct ptwalk_file *pf = m->private;
	const struct ptwalk_region *r;

	switch (pf->rec) {
	case PTWALK_REC_HEADER:
		seq_puts(m, "# ptwalk ");
		pf->ops->describe(m, pf);
		seq_printf(m, " format %s view %s range 0x%016llx 0x%016llx\n",
			   pf->fmt.name, ptwalk_view_names[pf->view],
			   ptwalk_from_linear(&pf->fmt, pf->regions[0].lo),
			   ptwalk_from_linear(&pf->fmt,
					      pf->regions[pf->nregions - 1].hi));
		break;
	case PTWALK_REC_MARKER:
		r = &pf->regions[pf->region];
		seq_printf(m, "# ---[ %s%s ]---\n", r->name,
			   ptw_region_outside(r) ?
			   ": outside the tables' range, not shown" : "");
		return 0;
	case PTWALK_REC_TRAILER:
		seq_printf(m, "# %s; dump incomplete\n",
			   pf->gone ?: "target exited");
		return 0;
	default:
		break;
	}
	ptw_seq_put_line(m, pf);
	return 0;
}

static const struct seq_operations ptw_seq_ops = {
	.start	= ptw_seq_start,
	.next	= ptw_seq_next,
	.stop	= ptw_seq_stop,
	.show	= ptw_seq_show,
};

/**
 * ptwalk_file_open() - Open a dump file.
 * @inode:	The inode.
 * @file:	The file.
 * @ops:	The source.
 * @priv:	Stored in &ptwalk_file.priv.
 * @view:	The view it starts with.
 *
 * Return: 0 or a negative errno.
 */
int ptwalk_file_open(struct inode *inode, struct file *file,
		     const struct ptwalk_file_ops *ops, void *priv,
		     enum ptwalk_view view)
{
	struct ptwalk_file *pf;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	pf = __seq_open_private(file, &ptw_seq_ops, sizeof(*pf));
	if (!pf)
		return -ENOMEM;
	pf->ops = ops;
	pf->priv = priv;
	pf->view = view;
	pf->want_root = PTWALK_ROOT_DEFAULT;
	pf->file = file;
	return 0;
}
EXPORT_SYMBOL_GPL(ptwalk_file_open);

/**
 * ptwalk_file_release() - Release a dump file.
 * @inode:	The inode.
 * @file:	The file.
 *
 * Return: 0.
 */
int ptwalk_file_release(struct inode *inode, struct file *file)
{
	struct ptwalk_file *pf = ptwalk_file_of(file);

	if (pf->ops->release)
		pf->ops->release(pf);
	return seq_release_private(inode, file);
}
EXPORT_SYMBOL_GPL(ptwalk_file_release);

/**
 * ptwalk_parse_cmd() - Split a "[WORD] [START [END]] [view=NAME] [root=ID]"
 * command.
 * @buf:	The command, NUL-terminated; cut into tokens in place.
 * @want_word:	The file takes a WORD, and requires one.
 * @cmd:	The parts; @cmd->view holds, on entry, the view to keep when
 *		the command names none.
 *
 * Return: 0; -EINVAL for an unknown view, a malformed number or root ID,
 * a third number or a missing WORD; -ERANGE when START >= END.
 */
int ptwalk_parse_cmd(char *buf, bool want_word, struct ptwalk_cmd *cmd)
{
	char *tok;
	int i;

	cmd->nrange = 0;
	cmd->word = NULL;
	cmd->have_root = false;
	while ((tok = strsep(&buf, " \t\n"))) {
		if (!*tok)
			continue;
		if (!strncmp(tok, "view=", 5)) {
			i = match_string(ptwalk_view_names, PTWALK_VIEW_NR,
					 tok + 5);
			if (i < 0)
				return -EINVAL;
			cmd->view = i;
		} else if (!strncmp(tok, "root=", 5)) {
			cmd->have_root = true;
			if (!strcmp(tok + 5, "default"))
				cmd->root = PTWALK_ROOT_DEFAULT;
			else if (kstrtou64(tok + 5, 0, &cmd->root) ||
				 !IS_ALIGNED(cmd->root, PAGE_SIZE) ||
				 cmd->root == PTWALK_ROOT_DEFAULT)
				return -EINVAL;
		} else if (want_word && !cmd->word) {
			cmd->word = tok;
		} else if (cmd->nrange < 2) {
			if (kstrtou64(tok, 0, &cmd->range[cmd->nrange++]))
				return -EINVAL;
		} else {
			return -EINVAL;
		}
	}
	if (want_word && !cmd->word)
		return -EINVAL;
	if (cmd->nrange == 2 && cmd->range[0] >= cmd->range[1])
		return -ERANGE;
	return 0;
}
EXPORT_SYMBOL_GPL(ptwalk_parse_cmd);

/**
 * ptwalk_file_write() - Take a "[WORD] [START [END]] [view=NAME] [root=ID]"
 * command.
 * @file:	The file.
 * @ubuf:	The command.
 * @count:	Its length.
 * @ppos:	Reset to 0.
 *
 * Return: @count, or a negative errno.
 */
ssize_t ptwalk_file_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	struct ptwalk_file *pf = m->private;
	char buf[PTW_CMD_MAX];
	struct ptwalk_cmd cmd;
	int ret;

	if (count >= sizeof(buf))
		return -E2BIG;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';

	mutex_lock(&m->lock);
	cmd.view = pf->view;
	ret = ptwalk_parse_cmd(buf, pf->ops->select, &cmd);
	if (!ret && cmd.have_root)
		ret = pf->ops->root ? pf->ops->root(pf, cmd.root) : -EINVAL;
	if (!ret && pf->ops->select)
		ret = pf->ops->select(pf, cmd.word);
	if (!ret) {
		if (cmd.have_root)
			pf->want_root = cmd.root;
		pf->view = cmd.view;
		pf->have_range = cmd.nrange > 0;
		pf->start = cmd.nrange > 0 ? cmd.range[0] : 0;
		pf->end = cmd.nrange > 1 ? cmd.range[1] : 0;
		/* The next read starts a fresh dump of the new selection. */
		pf->pos = 0;
		pf->rec = PTWALK_REC_HEADER;
		pf->err = 0;
		m->index = 0;
		m->count = 0;
		m->read_pos = 0;
		*ppos = 0;
	}
	mutex_unlock(&m->lock);
	return ret ? ret : count;
}
EXPORT_SYMBOL_GPL(ptwalk_file_write);

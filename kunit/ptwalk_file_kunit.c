// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ptwalk_file: the command every dump file takes on write(),
 * "[WORD] [START [END]] [view=NAME]".  The expected results come from the
 * grammar (Documentation/ptwalk.rst and ptwalk_parse_cmd()'s kerneldoc),
 * never from the parser's output: a table of accepted and rejected
 * commands, every one-byte command, and random commands built from the
 * grammar with and without one fault in them.  Then write() itself, on a
 * file that is not a real one but with the command in user memory (the
 * test's own, from kunit_vm_mmap() of 6.12's KUnit): what a taken command
 * changes, that a rejected one changes nothing, that the source's select
 * sees WORD and only after the whole command parsed, and the length limit.
 * Last, how a dump clips a region to what the tables translate, and where
 * it puts one they do not translate at all.
 */

#include <kunit/test.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/mman.h>
#include <linux/mutex.h>
#include <linux/prandom.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "ptwalk.h"
#include "ptwalk_file.h"

/* Documentation/ptwalk.rst: E2BIG for a command of 128 bytes or more. */
#define PTWK_CMD_MAX	128

/* Set before each parse: a command that names no view leaves it. */
#define PTWK_NO_VIEW	PTWALK_VIEW_NR

/* Whether the file takes a WORD: pid does, the other files do not. */
#define TAKES_WORD	true
#define NO_WORD		false

#define U64_2_64_DEC	"18446744073709551616"
#define U64_MAX_DEC	"18446744073709551615"

/**
 * struct ptwk_cmd_case - A command and what the grammar says of it.
 * @name:	What the case shows.
 * @buf:	The command.
 * @takes_word:	The file takes a WORD.
 * @ret:	0, or the errno it is rejected with.
 * @word:	WORD as parsed, or NULL for none.
 * @view:	The view it names, or PTWK_NO_VIEW.
 * @nrange:	How many numbers it gives.
 * @start:	START.
 * @end:	END.
 *
 * For a rejected command only @ret is checked.
 */
struct ptwk_cmd_case {
	const char		*name;
	const char		*buf;
	bool			takes_word;
	int			ret;
	const char		*word;
	enum ptwalk_view	view;
	int			nrange;
	u64			start;
	u64			end;
};

static const struct ptwk_cmd_case ptwk_cmd_cases[] = {
	/* Accepted, files without WORD. */
	{ "empty", "", NO_WORD, 0, NULL, PTWK_NO_VIEW, 0 },
	{ "spaces, tabs, newlines only", " \t\n\t\n  ", NO_WORD, 0, NULL,
	  PTWK_NO_VIEW, 0 },
	{ "start only", "4096", NO_WORD, 0, NULL, PTWK_NO_VIEW, 1, 4096 },
	{ "start 0", "0", NO_WORD, 0, NULL, PTWK_NO_VIEW, 1, 0 },
	{ "decimal start end", "4096 8192", NO_WORD, 0, NULL, PTWK_NO_VIEW, 2,
	  4096, 8192 },
	{ "hex start end", "0x7f0000000000 0x7fffffffffff", NO_WORD, 0, NULL,
	  PTWK_NO_VIEW, 2, 0x7f0000000000ULL, 0x7fffffffffffULL },
	{ "hex, upper-case X and digits", "0XABCDEF 0xabcdef0", NO_WORD, 0,
	  NULL, PTWK_NO_VIEW, 2, 0xabcdef, 0xabcdef0 },
	{ "leading 0 is octal", "010 0777", NO_WORD, 0, NULL, PTWK_NO_VIEW, 2,
	  8, 511 },
	{ "leading +", "+4096 +0x2000", NO_WORD, 0, NULL, PTWK_NO_VIEW, 2,
	  4096, 0x2000 },
	{ "END is U64_MAX, decimal", "0 " U64_MAX_DEC, NO_WORD, 0, NULL,
	  PTWK_NO_VIEW, 2, 0, U64_MAX },
	{ "START is U64_MAX, hex", "0xffffffffffffffff", NO_WORD, 0, NULL,
	  PTWK_NO_VIEW, 1, U64_MAX },
	{ "a pid where none is taken is START", "1234", NO_WORD, 0, NULL,
	  PTWK_NO_VIEW, 1, 1234 },
	{ "START + 1 == END", "4095 4096", NO_WORD, 0, NULL, PTWK_NO_VIEW, 2,
	  4095, 4096 },
	{ "view=runs", "view=runs", NO_WORD, 0, NULL, PTWALK_VIEW_RUNS, 0 },
	{ "view=attr", "view=attr", NO_WORD, 0, NULL, PTWALK_VIEW_ATTR, 0 },
	{ "view=raw", "view=raw", NO_WORD, 0, NULL, PTWALK_VIEW_RAW, 0 },
	{ "view=summary", "view=summary", NO_WORD, 0, NULL,
	  PTWALK_VIEW_SUMMARY, 0 },
	{ "view and range", "0x1000 0x2000 view=raw", NO_WORD, 0, NULL,
	  PTWALK_VIEW_RAW, 2, 0x1000, 0x2000 },
	{ "view first", "view=attr 0x1000", NO_WORD, 0, NULL, PTWALK_VIEW_ATTR,
	  1, 0x1000 },
	{ "two views: the last counts", "view=raw view=summary", NO_WORD, 0,
	  NULL, PTWALK_VIEW_SUMMARY, 0 },
	{ "tabs and newlines separate", "\t0x1000\n\n0x2000\tview=attr\n",
	  NO_WORD, 0, NULL, PTWALK_VIEW_ATTR, 2, 0x1000, 0x2000 },
	{ "echo's newline", "0x1000\n", NO_WORD, 0, NULL, PTWK_NO_VIEW, 1,
	  0x1000 },

	/* Accepted, files with WORD. */
	{ "word only", "1234", TAKES_WORD, 0, "1234", PTWK_NO_VIEW, 0 },
	{ "word, newline", "1234\n", TAKES_WORD, 0, "1234", PTWK_NO_VIEW, 0 },
	{ "word start", "1234 0x1000", TAKES_WORD, 0, "1234", PTWK_NO_VIEW, 1,
	  0x1000 },
	{ "word start end, hex", "1234 0x7f0000000000 0x7fffffffffff",
	  TAKES_WORD, 0, "1234", PTWK_NO_VIEW, 2, 0x7f0000000000ULL,
	  0x7fffffffffffULL },
	{ "word start end, decimal", "1234 4096 8192", TAKES_WORD, 0, "1234",
	  PTWK_NO_VIEW, 2, 4096, 8192 },
	{ "word start end view", "1 0x1000 0x2000 view=summary", TAKES_WORD, 0,
	  "1", PTWALK_VIEW_SUMMARY, 2, 0x1000, 0x2000 },
	{ "view before word", "view=raw 1234 0x1000", TAKES_WORD, 0, "1234",
	  PTWALK_VIEW_RAW, 1, 0x1000 },
	{ "view between the numbers", "1234 0x1000 view=attr 0x2000",
	  TAKES_WORD, 0, "1234", PTWALK_VIEW_ATTR, 2, 0x1000, 0x2000 },
	{ "word taken as it is", "abc", TAKES_WORD, 0, "abc", PTWK_NO_VIEW, 0 },
	{ "word taken as it is, negative", "-5 1", TAKES_WORD, 0, "-5",
	  PTWK_NO_VIEW, 1, 1 },
	{ "word taken as it is, hex", "0x10", TAKES_WORD, 0, "0x10",
	  PTWK_NO_VIEW, 0 },
	{ "separators around everything", " \t 1234\t\t0x1000\t\n 0x2000\n\n",
	  TAKES_WORD, 0, "1234", PTWK_NO_VIEW, 2, 0x1000, 0x2000 },

	/* Rejected: no WORD where one is required. */
	{ "no word: empty", "", TAKES_WORD, -EINVAL },
	{ "no word: whitespace only", " \t\n", TAKES_WORD, -EINVAL },
	{ "no word: view only", "view=raw", TAKES_WORD, -EINVAL },

	/* Rejected: views. */
	{ "unknown view", "view=bogus", NO_WORD, -EINVAL },
	{ "unknown view with word", "1234 view=bogus", TAKES_WORD, -EINVAL },
	{ "empty view", "view=", NO_WORD, -EINVAL },
	{ "view name in upper case", "view=RAW", NO_WORD, -EINVAL },
	{ "view name prefix", "view=r", NO_WORD, -EINVAL },
	{ "view name and more", "view=raws", NO_WORD, -EINVAL },
	{ "view name with a comma", "view=raw,attr", NO_WORD, -EINVAL },
	{ "View= is not view=", "View=raw", NO_WORD, -EINVAL },
	{ "good view, then unknown", "view=raw view=x", NO_WORD, -EINVAL },

	/* Rejected: numbers. */
	{ "not a number", "abc", NO_WORD, -EINVAL },
	{ "not a number after word", "1234 abc", TAKES_WORD, -EINVAL },
	{ "second word", "1234 5678 abc", TAKES_WORD, -EINVAL },
	{ "negative", "-1", NO_WORD, -EINVAL },
	{ "negative after word", "1234 -4096", TAKES_WORD, -EINVAL },
	{ "2^64, decimal", U64_2_64_DEC, NO_WORD, -EINVAL },
	{ "2^64, hex", "0x10000000000000000", NO_WORD, -EINVAL },
	{ "2^64 as END", "0 " U64_2_64_DEC, NO_WORD, -EINVAL },
	{ "trailing garbage", "12abc", NO_WORD, -EINVAL },
	{ "trailing garbage, hex", "0x1000g", NO_WORD, -EINVAL },
	{ "trailing garbage on END", "1234 0x1000 0x2000z", TAKES_WORD,
	  -EINVAL },
	{ "0x without digits", "0x", NO_WORD, -EINVAL },
	{ "8 in octal", "08", NO_WORD, -EINVAL },
	{ "+ alone", "+", NO_WORD, -EINVAL },
	{ "two signs", "++5", NO_WORD, -EINVAL },
	{ "comma", "1,2", NO_WORD, -EINVAL },
	{ "carriage return is no separator", "4096\r", NO_WORD, -EINVAL },
	{ "vertical tab is no separator", "1\v2", NO_WORD, -EINVAL },
	{ "three numbers", "1 2 3", NO_WORD, -EINVAL },
	{ "three numbers after word", "1234 1 2 3", TAKES_WORD, -EINVAL },
	{ "a pid where none is taken is a third number", "1234 4096 8192",
	  NO_WORD, -EINVAL },

	/* Rejected: the range. */
	{ "START == END", "0x1000 0x1000", NO_WORD, -ERANGE },
	{ "START == END after word", "1234 4096 4096", TAKES_WORD, -ERANGE },
	{ "START > END", "0x2000 0x1000", NO_WORD, -ERANGE },
	{ "END 0", "0x1000 0", NO_WORD, -ERANGE },
	{ "0 0", "0 0", NO_WORD, -ERANGE },
	{ "START > END, hex and decimal", "1234 0x1001 4096", TAKES_WORD,
	  -ERANGE },
	{ "malformed wins over START > END", "2 1 3", NO_WORD, -EINVAL },
	{ "bad view wins over START > END", "2 1 view=x", NO_WORD, -EINVAL },
};

KUNIT_ARRAY_PARAM_DESC(ptwk_cmd, ptwk_cmd_cases, name);

/*
 * Parse @str as @takes_word says, from a copy that the parser may cut;
 * @buf gets the copy, so that WORD can be checked to point into it.
 */
static int ptwk_parse(struct kunit *test, const char *str, bool takes_word,
		      struct ptwalk_cmd *cmd, char **buf)
{
	size_t size = strlen(str) + 1;

	*buf = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, *buf);
	memcpy(*buf, str, size);
	memset(cmd, 0x5a, sizeof(*cmd));
	cmd->view = PTWK_NO_VIEW;
	return ptwalk_parse_cmd(*buf, takes_word, cmd);
}

static void ptwk_expect_cmd(struct kunit *test, const char *str,
			    const struct ptwalk_cmd *cmd, const char *buf,
			    const char *word, enum ptwalk_view view,
			    int nrange, u64 start, u64 end)
{
	if (word) {
		KUNIT_ASSERT_NOT_NULL_MSG(test, cmd->word, "'%s'", str);
		KUNIT_EXPECT_STREQ_MSG(test, cmd->word, word, "'%s'", str);
		/* Parsed in place: WORD lies in the buffer. */
		KUNIT_EXPECT_TRUE_MSG(test, cmd->word >= buf &&
				      cmd->word < buf + strlen(str), "'%s'", str);
	} else {
		KUNIT_EXPECT_NULL_MSG(test, cmd->word, "'%s'", str);
	}
	KUNIT_EXPECT_EQ_MSG(test, cmd->view, view, "'%s'", str);
	KUNIT_EXPECT_EQ_MSG(test, cmd->nrange, nrange, "'%s'", str);
	if (nrange > 0)
		KUNIT_EXPECT_EQ_MSG(test, cmd->range[0], start, "'%s'", str);
	if (nrange > 1)
		KUNIT_EXPECT_EQ_MSG(test, cmd->range[1], end, "'%s'", str);
}

static void ptwalk_test_cmd(struct kunit *test)
{
	const struct ptwk_cmd_case *c = test->param_value;
	struct ptwalk_cmd cmd;
	char *buf;
	int ret;

	ret = ptwk_parse(test, c->buf, c->takes_word, &cmd, &buf);
	KUNIT_ASSERT_EQ(test, ret, c->ret);
	if (ret)
		return;
	ptwk_expect_cmd(test, c->buf, &cmd, buf, c->word, c->view, c->nrange,
			c->start, c->end);
}

/*
 * Every command of one byte.  Without WORD: a separator is an empty
 * command, a digit is START, anything else is not a number.  With WORD:
 * a separator leaves WORD missing, and any other byte is WORD.
 */
static void ptwalk_test_cmd_one_byte(struct kunit *test)
{
	struct ptwalk_cmd cmd;
	char str[2] = "", *buf;
	int c, ret;

	for (c = 1; c < 256; c++) {
		bool sep = c == ' ' || c == '\t' || c == '\n';
		bool digit = c >= '0' && c <= '9';

		str[0] = c;
		ret = ptwk_parse(test, str, NO_WORD, &cmd, &buf);
		KUNIT_EXPECT_EQ_MSG(test, ret, sep || digit ? 0 : -EINVAL,
				    "byte 0x%02x", c);
		if (!ret)
			ptwk_expect_cmd(test, str, &cmd, buf, NULL, PTWK_NO_VIEW,
					digit, c - '0', 0);

		ret = ptwk_parse(test, str, TAKES_WORD, &cmd, &buf);
		KUNIT_EXPECT_EQ_MSG(test, ret, sep ? -EINVAL : 0,
				    "byte 0x%02x, word", c);
		if (!ret)
			ptwk_expect_cmd(test, str, &cmd, buf, str, PTWK_NO_VIEW,
					0, 0, 0);
	}
}

/* "root=ID": what it parses to, alone and among the other parts. */
static void ptwalk_test_cmd_root(struct kunit *test)
{
	static const struct {
		const char	*buf;
		int		ret;
		bool		have_root;
		u64		root;
		int		nrange;
	} cases[] = {
		{ "", 0, false, 0, 0 },
		{ "root=default", 0, true, PTWALK_ROOT_DEFAULT, 0 },
		{ "root=0x1000", 0, true, 0x1000, 0 },
		{ "root=4096", 0, true, 0x1000, 0 },
		{ "root=0", 0, true, 0, 0 },
		{ "root=0xfffffffffffff000", 0, true, 0xfffffffffffff000ULL, 0 },
		{ "0x1000 root=0x3000 0x2000", 0, true, 0x3000, 2 },
		{ "root=0x1000 view=raw root=0x2000", 0, true, 0x2000, 0 },
		{ "root=0x2000 root=default", 0, true, PTWALK_ROOT_DEFAULT, 0 },
		{ "root=0x1001", -EINVAL, false, 0, 0 },
		{ "root=", -EINVAL, false, 0, 0 },
		{ "root=0xffffffffffffffff", -EINVAL, false, 0, 0 },
		{ "root=-4096", -EINVAL, false, 0, 0 },
		{ "root=0x10000000000000000", -EINVAL, false, 0, 0 },
		{ "root=Default", -EINVAL, false, 0, 0 },
		{ "root=0x1000x", -EINVAL, false, 0, 0 },
		{ "Root=0x1000", -EINVAL, false, 0, 0 },
	};
	struct ptwalk_cmd cmd;
	unsigned int i;
	char *buf;
	int ret;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ret = ptwk_parse(test, cases[i].buf, NO_WORD, &cmd, &buf);
		KUNIT_EXPECT_EQ_MSG(test, ret, cases[i].ret, "'%s'", cases[i].buf);
		if (ret)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, cmd.have_root, cases[i].have_root,
				    "'%s'", cases[i].buf);
		if (cases[i].have_root)
			KUNIT_EXPECT_EQ_MSG(test, cmd.root, cases[i].root,
					    "'%s'", cases[i].buf);
		KUNIT_EXPECT_EQ_MSG(test, cmd.nrange, cases[i].nrange, "'%s'",
				    cases[i].buf);
	}
}

/* ---- Random commands built from the grammar ---- */

static const char *const ptwk_views[] = {
	[PTWALK_VIEW_RUNS]	= "runs",
	[PTWALK_VIEW_ATTR]	= "attr",
	[PTWALK_VIEW_RAW]	= "raw",
	[PTWALK_VIEW_SUMMARY]	= "summary",
};

/**
 * struct ptwk_gen - A random command and what it should parse to.
 * @buf:	The command.
 * @len:	Its length.
 * @ret:	0, or the errno its fault gets.
 * @word:	WORD, a pid.
 * @has_word:	Whether @word is in @buf.
 * @view:	The last view it names, or PTWK_NO_VIEW.
 * @nrange:	How many of @range it gives.
 * @range:	START and END.
 */
struct ptwk_gen {
	char			buf[PTWK_CMD_MAX * 2];
	size_t			len;
	int			ret;
	char			word[16];
	bool			has_word;
	enum ptwalk_view	view;
	int			nrange;
	u64			range[2];
};

static u32 ptwk_rand(struct rnd_state *rnd, u32 n)
{
	return prandom_u32_state(rnd) % n;
}

static u64 ptwk_rand64(struct rnd_state *rnd)
{
	u64 v = (u64)prandom_u32_state(rnd) << 32 | prandom_u32_state(rnd);

	/* Small, page-aligned and huge values alike. */
	switch (ptwk_rand(rnd, 4)) {
	case 0:
		return v & 0xffff;
	case 1:
		return v & ~0xfffULL & ((1ULL << 57) - 1);
	default:
		return v >> ptwk_rand(rnd, 64);
	}
}

static void ptwk_put(struct ptwk_gen *g, const char *s)
{
	size_t n = strlen(s);

	if (g->len + n < sizeof(g->buf)) {
		memcpy(g->buf + g->len, s, n + 1);
		g->len += n;
	}
}

/* One to three of space, tab and newline; before the first token, 0 to 2. */
static void ptwk_put_sep(struct rnd_state *rnd, struct ptwk_gen *g,
			 bool first)
{
	static const char seps[] = " \t\n";
	int i, n = first ? ptwk_rand(rnd, 3) : 1 + ptwk_rand(rnd, 3);
	char s[2] = "";

	for (i = 0; i < n; i++) {
		s[0] = seps[ptwk_rand(rnd, 3)];
		ptwk_put(g, s);
	}
}

/* @v in decimal, hex (0x or 0X) or octal, perhaps with a "+". */
static void ptwk_put_num(struct rnd_state *rnd, struct ptwk_gen *g, u64 v)
{
	char s[32];
	const char *plus = ptwk_rand(rnd, 8) ? "" : "+";

	switch (ptwk_rand(rnd, 4)) {
	case 0:
		snprintf(s, sizeof(s), "%s%llu", plus, v);
		break;
	case 1:
		snprintf(s, sizeof(s), "%s0x%llx", plus, v);
		break;
	case 2:
		snprintf(s, sizeof(s), "%s0X%llX", plus, v);
		break;
	default:
		/* Octal needs its leading 0 even for 0 itself: "00". */
		snprintf(s, sizeof(s), "%s0%llo", plus, v);
		break;
	}
	ptwk_put(g, s);
}

/* The faults a random command may carry, and what each gets. */
enum ptwk_fault {
	PTWK_FAULT_NONE,
	PTWK_FAULT_VIEW,	/* an unknown view: -EINVAL */
	PTWK_FAULT_THIRD,	/* a third number: -EINVAL */
	PTWK_FAULT_GARBAGE,	/* a letter after a number: -EINVAL */
	PTWK_FAULT_ORDER,	/* START >= END: -ERANGE */
	PTWK_FAULT_NO_WORD,	/* WORD missing: -EINVAL */
	PTWK_FAULT_NR,
};

/*
 * A command from the grammar: an optional WORD, up to two numbers in
 * increasing order and up to two views anywhere, with random separators;
 * then perhaps one fault.
 */
static void ptwk_gen_cmd(struct rnd_state *rnd, struct ptwk_gen *g,
			 bool takes_word)
{
	enum ptwk_fault fault = ptwk_rand(rnd, 2) ? PTWK_FAULT_NONE :
				1 + ptwk_rand(rnd, PTWK_FAULT_NR - 1);
	int nviews = ptwk_rand(rnd, 3), view_at[2], ntok, i, v, t = 0;
	bool first = true;
	u64 a, b;

	memset(g, 0, sizeof(*g));
	g->view = PTWK_NO_VIEW;
	g->has_word = takes_word;
	if (fault == PTWK_FAULT_NO_WORD && !takes_word)
		fault = PTWK_FAULT_NONE;
	if (fault == PTWK_FAULT_NO_WORD)
		g->has_word = false;
	if (g->has_word)
		snprintf(g->word, sizeof(g->word), "%u",
			 1 + ptwk_rand(rnd, 4194304));
	g->nrange = ptwk_rand(rnd, 3);
	if (fault == PTWK_FAULT_NO_WORD)
		g->nrange = 0;	/* numbers would become WORD */
	if ((fault == PTWK_FAULT_ORDER || fault == PTWK_FAULT_THIRD) &&
	    g->nrange < 2)
		g->nrange = 2;
	if (fault == PTWK_FAULT_GARBAGE && !g->nrange)
		g->nrange = 1;
	do {
		a = ptwk_rand64(rnd);
		b = ptwk_rand64(rnd);
	} while (a == b && g->nrange == 2 && fault != PTWK_FAULT_ORDER);
	g->range[0] = min(a, b);
	g->range[1] = max(a, b);
	if (fault == PTWK_FAULT_ORDER && ptwk_rand(rnd, 2))
		swap(g->range[0], g->range[1]);
	else if (fault == PTWK_FAULT_ORDER)
		g->range[1] = g->range[0];

	/* Tokens in order: WORD, numbers; views slotted in anywhere. */
	ntok = g->has_word + g->nrange + (fault == PTWK_FAULT_THIRD);
	for (i = 0; i < nviews; i++)
		view_at[i] = ptwk_rand(rnd, ntok + 1);
	for (i = 0; i <= ntok; i++) {
		for (v = 0; v < nviews; v++) {
			if (view_at[v] != i)
				continue;
			g->view = ptwk_rand(rnd, PTWALK_VIEW_NR);
			ptwk_put_sep(rnd, g, first);
			first = false;
			ptwk_put(g, "view=");
			ptwk_put(g, ptwk_views[g->view]);
		}
		if (i == ntok)
			break;
		ptwk_put_sep(rnd, g, first);
		first = false;
		if (g->has_word && i == 0) {
			ptwk_put(g, g->word);
		} else if (t < g->nrange) {
			ptwk_put_num(rnd, g, g->range[t++]);
			if (fault == PTWK_FAULT_GARBAGE && t == g->nrange)
				ptwk_put(g, "g");
		} else {
			ptwk_put_num(rnd, g, ptwk_rand64(rnd));
		}
	}
	if (fault == PTWK_FAULT_VIEW) {
		ptwk_put_sep(rnd, g, first);
		ptwk_put(g, "view=");
		ptwk_put(g, ptwk_views[ptwk_rand(rnd, PTWALK_VIEW_NR)] + 1);
	}
	if (ptwk_rand(rnd, 2))
		ptwk_put_sep(rnd, g, false);

	switch (fault) {
	case PTWK_FAULT_NONE:
		g->ret = 0;
		break;
	case PTWK_FAULT_ORDER:
		g->ret = -ERANGE;
		break;
	default:
		g->ret = -EINVAL;
		break;
	}
}

/* Commands from the grammar parse to what they were built from. */
static void ptwalk_test_cmd_random(struct kunit *test)
{
	struct ptwk_gen *g = kunit_kzalloc(test, sizeof(*g), GFP_KERNEL);
	int i, counts[2] = { 0, 0 };
	struct ptwalk_cmd cmd;
	struct rnd_state rnd;
	char *buf;
	int ret;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, g);
	prandom_seed_state(&rnd, 20261123);
	for (i = 0; i < 4000; i++) {
		bool takes_word = i & 1;

		ptwk_gen_cmd(&rnd, g, takes_word);
		ret = ptwk_parse(test, g->buf, takes_word, &cmd, &buf);
		KUNIT_ASSERT_EQ_MSG(test, ret, g->ret, "'%s'%s", g->buf,
				    takes_word ? " with word" : "");
		counts[!!ret]++;
		if (!ret)
			ptwk_expect_cmd(test, g->buf, &cmd, buf,
					g->has_word ? g->word : NULL, g->view,
					g->nrange, g->range[0], g->range[1]);
	}
	kunit_info(test, "%d accepted, %d rejected\n", counts[0], counts[1]);
	KUNIT_EXPECT_GT(test, counts[0], 1000);
	KUNIT_EXPECT_GT(test, counts[1], 1000);
}

/* ---- write() on a file that is not a real one ---- */

/**
 * struct ptwk_file - A dump file as far as ptwalk_file_write() sees it.
 * @file:	Its struct file, whose private_data is @m.
 * @m:		Its seq_file, whose private is @pf.
 * @pf:		The dump file.
 * @select_ret:	What &ptwalk_file_ops.select returns.
 * @selects:	Calls to it.
 * @word:	The WORD it was given last.
 */
struct ptwk_file {
	struct file		file;
	struct seq_file		m;
	struct ptwalk_file	pf;
	int			select_ret;
	int			selects;
	char			word[PTWK_CMD_MAX];
};

static int ptwk_select(struct ptwalk_file *pf, const char *word)
{
	struct ptwk_file *f = container_of(pf, struct ptwk_file, pf);

	f->selects++;
	strscpy(f->word, word, sizeof(f->word));
	return f->select_ret;
}

static const struct ptwalk_file_ops ptwk_no_word_ops = {
};

static const struct ptwalk_file_ops ptwk_word_ops = {
	.select	= ptwk_select,
};

/* Where the file starts: mid-dump, with a range and a view chosen. */
#define PTWK_VIEW0	PTWALK_VIEW_RAW
#define PTWK_START0	0x1000ULL
#define PTWK_END0	0x2000ULL
#define PTWK_POS0	123LL

static struct ptwk_file *ptwk_file_new(struct kunit *test, bool takes_word)
{
	struct ptwk_file *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f);
	f->file.private_data = &f->m;
	f->m.private = &f->pf;
	mutex_init(&f->m.lock);
	f->m.index = 7;
	f->m.count = 10;
	f->pf.ops = takes_word ? &ptwk_word_ops : &ptwk_no_word_ops;
	f->pf.view = PTWK_VIEW0;
	f->pf.have_range = true;
	f->pf.start = PTWK_START0;
	f->pf.end = PTWK_END0;
	f->pf.pos = 7;
	f->pf.rec = PTWALK_REC_LINE;
	f->pf.err = -EIO;
	return f;
}

static void ptwk_expect_unchanged(struct kunit *test, struct ptwk_file *f,
				  loff_t pos, const char *what)
{
	KUNIT_EXPECT_EQ_MSG(test, f->pf.view, PTWK_VIEW0, "%s", what);
	KUNIT_EXPECT_TRUE_MSG(test, f->pf.have_range, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, f->pf.start, PTWK_START0, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, f->pf.end, PTWK_END0, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, f->pf.pos, 7LL, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, f->pf.rec, PTWALK_REC_LINE, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, f->pf.err, -EIO, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, f->m.index, 7LL, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, f->m.count, (size_t)10, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, pos, PTWK_POS0, "%s", what);
}

/* What a write() that was taken leaves: a new dump, from its start. */
static void ptwk_expect_restarted(struct kunit *test, struct ptwk_file *f,
				  loff_t pos, const char *what)
{
	KUNIT_EXPECT_EQ_MSG(test, f->pf.pos, 0LL, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, f->pf.rec, PTWALK_REC_HEADER, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, f->pf.err, 0, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, f->m.index, 0LL, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, f->m.count, (size_t)0, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, pos, 0LL, "%s", what);
}

/* @len bytes of @str in user memory of the test's own, as a process has. */
static const char __user *ptwk_user(struct kunit *test, const char *str,
				    size_t len)
{
	unsigned long addr;

	addr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE_MSG(test, addr, 0UL, "no user memory");
	KUNIT_ASSERT_LT_MSG(test, addr, (unsigned long)TASK_SIZE,
			    "no user memory");
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)addr, str, len), 0UL);
	return (const char __user *)addr;
}

/**
 * struct ptwk_write_case - A write() and what it must do to the file.
 * @name:	What the case shows.
 * @buf:	The command.
 * @pad:	Spaces after it, to make it this long (0: none).
 * @takes_word:	The file has a select.
 * @select_ret:	What select answers.
 * @ret:	0 for "the whole count", or the errno.
 * @selects:	Calls to select.
 * @word:	What select was given.
 * @view:	The view after it.
 * @have_range:	Whether a range is selected after it.
 * @start:	Its start.
 * @end:	Its end.
 *
 * For a rejected command the file must be left as it was.
 */
struct ptwk_write_case {
	const char		*name;
	const char		*buf;
	size_t			pad;
	bool			takes_word;
	int			select_ret;
	int			ret;
	int			selects;
	const char		*word;
	enum ptwalk_view	view;
	bool			have_range;
	u64			start;
	u64			end;
};

static const struct ptwk_write_case ptwk_write_cases[] = {
	{ "pid, newline", "1234\n", 0, TAKES_WORD, 0, 0, 1, "1234",
	  PTWK_VIEW0, false },
	{ "pid start", "1234 0x3000", 0, TAKES_WORD, 0, 0, 1, "1234",
	  PTWK_VIEW0, true, 0x3000, 0 },
	{ "pid start end view", "1234 0x3000 0x4000 view=summary", 0,
	  TAKES_WORD, 0, 0, 1, "1234", PTWALK_VIEW_SUMMARY, true, 0x3000,
	  0x4000 },
	{ "127 bytes", "1234 view=attr", PTWK_CMD_MAX - 1, TAKES_WORD, 0, 0,
	  1, "1234", PTWALK_VIEW_ATTR, false },
	{ "128 bytes", "1234 view=attr", PTWK_CMD_MAX, TAKES_WORD, 0, -E2BIG },
	{ "select says ESRCH", "99999 0x3000 view=attr", 0, TAKES_WORD,
	  -ESRCH, -ESRCH, 1, "99999" },
	{ "select says EPERM", "1234 view=summary", 0, TAKES_WORD, -EPERM,
	  -EPERM, 1, "1234" },
	{ "select says EINVAL", "0 0x3000 0x4000", 0, TAKES_WORD, -EINVAL,
	  -EINVAL, 1, "0" },
	{ "no pid: select not asked", "view=attr", 0, TAKES_WORD, 0, -EINVAL },
	{ "empty: select not asked", "", 0, TAKES_WORD, 0, -EINVAL },
	{ "unknown view: select not asked", "1234 view=bogus", 0, TAKES_WORD,
	  0, -EINVAL },
	{ "START > END: select not asked", "1234 0x2000 0x1000", 0,
	  TAKES_WORD, 0, -ERANGE },
	{ "no word: start", "0x3000", 0, NO_WORD, 0, 0, 0, NULL, PTWK_VIEW0,
	  true, 0x3000, 0 },
	{ "no word: view only drops the range", "view=attr", 0, NO_WORD, 0, 0,
	  0, NULL, PTWALK_VIEW_ATTR, false },
	{ "no word: empty drops the range", "", 0, NO_WORD, 0, 0, 0, NULL,
	  PTWK_VIEW0, false },
	{ "no word: three numbers", "1234 0x1 0x2", 0, NO_WORD, 0, -EINVAL },
	{ "no word: START == END", "0x3000 0x3000", 0, NO_WORD, 0, -ERANGE },
};

KUNIT_ARRAY_PARAM_DESC(ptwk_write, ptwk_write_cases, name);

static void ptwalk_test_write(struct kunit *test)
{
	const struct ptwk_write_case *c = test->param_value;
	struct ptwk_file *f = ptwk_file_new(test, c->takes_word);
	size_t len = max(strlen(c->buf), c->pad);
	char *str = kunit_kzalloc(test, len + 1, GFP_KERNEL);
	loff_t pos = PTWK_POS0;
	ssize_t ret;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, str);
	memset(str, ' ', len);
	memcpy(str, c->buf, strlen(c->buf));
	f->select_ret = c->select_ret;
	ret = ptwalk_file_write(&f->file, ptwk_user(test, str, len), len, &pos);
	KUNIT_EXPECT_EQ(test, ret, c->ret ? (ssize_t)c->ret : (ssize_t)len);
	KUNIT_EXPECT_EQ(test, f->selects, c->selects);
	if (c->selects)
		KUNIT_EXPECT_STREQ(test, f->word, c->word);
	if (c->ret) {
		ptwk_expect_unchanged(test, f, pos, c->name);
		return;
	}
	KUNIT_EXPECT_EQ(test, f->pf.view, c->view);
	KUNIT_EXPECT_EQ(test, f->pf.have_range, c->have_range);
	KUNIT_EXPECT_EQ(test, f->pf.start, c->start);
	KUNIT_EXPECT_EQ(test, f->pf.end, c->end);
	ptwk_expect_restarted(test, f, pos, c->name);
}

/* A source with roots: only 0x2000 is one, and the default. */
static int ptwk_root(struct ptwalk_file *pf, u64 id)
{
	return id == PTWALK_ROOT_DEFAULT || id == 0x2000 ? 0 : -ENOENT;
}

static const struct ptwalk_file_ops ptwk_root_ops = {
	.root	= ptwk_root,
};

/* Write @str to @f: its return value. */
static ssize_t ptwk_write_str(struct kunit *test, struct ptwk_file *f,
			      const char *str)
{
	loff_t pos = PTWK_POS0;
	size_t len = strlen(str);
	char *buf = kunit_kzalloc(test, len + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	memcpy(buf, str, len);
	return ptwalk_file_write(&f->file, ptwk_user(test, buf, len), len, &pos);
}

/*
 * "root=ID" reaches the source's root hook, and the file keeps the ID only
 * when the whole command is accepted; a source without roots rejects it,
 * and commands that name no root keep the one chosen.
 */
static void ptwalk_test_write_root(struct kunit *test)
{
	struct ptwk_file *f = ptwk_file_new(test, NO_WORD);

	f->pf.want_root = PTWALK_ROOT_DEFAULT;
	KUNIT_EXPECT_EQ(test, ptwk_write_str(test, f, "root=0x2000"),
			(ssize_t)-EINVAL);
	ptwk_expect_unchanged(test, f, PTWK_POS0, "root= without roots");
	KUNIT_EXPECT_EQ(test, f->pf.want_root, PTWALK_ROOT_DEFAULT);

	f->pf.ops = &ptwk_root_ops;
	KUNIT_EXPECT_EQ(test, ptwk_write_str(test, f, "root=0x3000 view=raw"),
			(ssize_t)-ENOENT);
	ptwk_expect_unchanged(test, f, PTWK_POS0, "root=0x3000");
	KUNIT_EXPECT_EQ(test, f->pf.want_root, PTWALK_ROOT_DEFAULT);

	KUNIT_EXPECT_EQ(test, ptwk_write_str(test, f, "root=0x2000 0x1000"),
			(ssize_t)strlen("root=0x2000 0x1000"));
	KUNIT_EXPECT_EQ(test, f->pf.want_root, 0x2000ULL);
	KUNIT_EXPECT_EQ(test, f->pf.start, 0x1000ULL);
	KUNIT_EXPECT_EQ(test, f->pf.view, PTWK_VIEW0);

	KUNIT_EXPECT_EQ(test, ptwk_write_str(test, f, "view=raw"),
			(ssize_t)strlen("view=raw"));
	KUNIT_EXPECT_EQ(test, f->pf.want_root, 0x2000ULL);
	KUNIT_EXPECT_FALSE(test, f->pf.have_range);

	KUNIT_EXPECT_EQ(test, ptwk_write_str(test, f, "root=0x1001"),
			(ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, f->pf.want_root, 0x2000ULL);
	KUNIT_EXPECT_EQ(test, ptwk_write_str(test, f, "root=default"),
			(ssize_t)strlen("root=default"));
	KUNIT_EXPECT_EQ(test, f->pf.want_root, PTWALK_ROOT_DEFAULT);
}

/*
 * Commands of 128 bytes or more get -E2BIG before the buffer is read, so
 * even a buffer that is not there does.  At 127 bytes the limit lets the
 * command through to the copy from user space, which fails for a kernel
 * address: -EFAULT.  Nothing changes either way.
 */
static void ptwalk_test_write_limit(struct kunit *test)
{
	static const size_t sizes[] = {
		PTWK_CMD_MAX, PTWK_CMD_MAX + 1, 4096, SIZE_MAX,
	};
	struct ptwk_file *f = ptwk_file_new(test, TAKES_WORD);
	const char __user *kaddr = (__force const char __user *)f;
	char what[32];
	ssize_t ret;
	loff_t pos;
	int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		snprintf(what, sizeof(what), "%zu bytes", sizes[i]);
		pos = PTWK_POS0;
		ret = ptwalk_file_write(&f->file, NULL, sizes[i], &pos);
		KUNIT_EXPECT_EQ_MSG(test, ret, (ssize_t)-E2BIG, "%s", what);
		ptwk_expect_unchanged(test, f, pos, what);
	}
	pos = PTWK_POS0;
	ret = ptwalk_file_write(&f->file, kaddr, PTWK_CMD_MAX - 1, &pos);
	KUNIT_EXPECT_EQ(test, ret, (ssize_t)-EFAULT);
	ptwk_expect_unchanged(test, f, pos, "127 bytes from a kernel address");
	KUNIT_EXPECT_EQ(test, f->selects, 0);
}

/* The formats the clip cases use. */
enum ptwk_clip_fmt {
	PTWK_TTBR1_48,	/* arm64 kernel half on a 48-bit CPU, 4K */
	PTWK_X86_4,	/* x86-64, 4-level: canonical, hole at bit 47 */
	PTWK_S2_40,	/* arm64 stage 2, 40-bit IPA */
};

/**
 * struct ptwk_clip_case - A region and the part of it a format translates.
 * @name:	What the case shows.
 * @fmt:	The format.
 * @lo:		Region start, input address.
 * @hi:		Region end, exclusive; 0 for 2^64.
 * @ret:	0, or -ERANGE when no address of it is translated.
 * @want_lo:	Linear start (for -ERANGE: where the region would be).
 * @want_hi:	Linear end (for -ERANGE: the same).
 *
 * The expected values follow from the architecture: TTBR1 with T1SZ = 16
 * translates [2^64 - 2^48, 2^64); x86-64 4-level translates the canonical
 * halves below 2^47 and from 2^64 - 2^47; a 40-bit stage 2 [0, 2^40).
 */
struct ptwk_clip_case {
	const char		*name;
	enum ptwk_clip_fmt	fmt;
	u64			lo;
	u64			hi;
	int			ret;
	u64			want_lo;
	u64			want_hi;
};

static const struct ptwk_clip_case ptwk_clip_cases[] = {
	{ "52-bit linear map on a 48-bit CPU: from TTBR1's start",
	  PTWK_TTBR1_48, 0xfff0000000000000, 0xffff800000000000, 0,
	  0, 0x0000800000000000 },
	{ "below TTBR1's range: not shown, at its start", PTWK_TTBR1_48,
	  0xfff0000000000000, 0xfff8000000000000, -ERANGE, 0, 0 },
	{ "ends where TTBR1's range starts", PTWK_TTBR1_48,
	  0xfff0000000000000, 0xffff000000000000, -ERANGE, 0, 0 },
	{ "inside TTBR1's range", PTWK_TTBR1_48, 0xffff800000000000,
	  0xffff800080000000, 0, 0x0000800000000000, 0x0000800080000000 },
	{ "to 2^64", PTWK_TTBR1_48, 0xfffffffffe000000, 0, 0,
	  0x0000fffffe000000, 0x0001000000000000 },
	{ "from below TTBR1's range to 2^64", PTWK_TTBR1_48,
	  0xfff0000000000000, 0, 0, 0, 0x0001000000000000 },
	{ "x86 across the hole", PTWK_X86_4, 0x00007ffffffff000,
	  0xffff800000001000, 0, 0x00007ffffffff000, 0x0000800000001000 },
	{ "x86 in the hole: not shown, between the halves", PTWK_X86_4,
	  0x0000800000000000, 0xffff800000000000, -ERANGE,
	  0x0000800000000000, 0x0000800000000000 },
	{ "x86 ends in the hole", PTWK_X86_4, 0x00007ffffffff000,
	  0x0000900000000000, 0, 0x00007ffffffff000, 0x0000800000000000 },
	{ "x86 starts in the hole", PTWK_X86_4, 0x0000900000000000,
	  0xffff800000001000, 0, 0x0000800000000000, 0x0000800000001000 },
	{ "x86 whole space", PTWK_X86_4, 0, 0, 0, 0, 0x0001000000000000 },
	{ "stage 2 above the IPA size: not shown, at its end", PTWK_S2_40,
	  0x0000010000000000, 0x0000020000000000, -ERANGE,
	  0x0000010000000000, 0x0000010000000000 },
	{ "stage 2 across the IPA size", PTWK_S2_40, 0x000000fffff00000,
	  0x0000010000100000, 0, 0x000000fffff00000, 0x0000010000000000 },
};

KUNIT_ARRAY_PARAM_DESC(ptwk_clip, ptwk_clip_cases, name);

static void ptwalk_test_region_clip(struct kunit *test)
{
	const struct ptwk_clip_case *c = test->param_value;
	struct ptwalk_fmt *fmt = kunit_kzalloc(test, sizeof(*fmt), GFP_KERNEL);
	u64 lo = c->lo, hi = c->hi;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, fmt);
	switch (c->fmt) {
	case PTWK_TTBR1_48:
		KUNIT_ASSERT_EQ(test, 0,
				ptwalk_fmt_arm64_init(fmt, PTWALK_ARM64_S1_TTBR1,
						      12, 48, 0, 48, false));
		break;
	case PTWK_X86_4:
		*fmt = ptwalk_fmt_x86_64_4;
		break;
	case PTWK_S2_40:
		KUNIT_ASSERT_EQ(test, 0,
				ptwalk_fmt_arm64_init(fmt, PTWALK_ARM64_S2,
						      12, 40, 1, 48, false));
		break;
	}
	KUNIT_EXPECT_EQ(test, ptwalk_clip_to_linear(fmt, &lo, &hi), c->ret);
	KUNIT_EXPECT_EQ(test, lo, c->want_lo);
	KUNIT_EXPECT_EQ(test, hi, c->want_hi);
}

static struct kunit_case ptwalk_file_cases[] = {
	KUNIT_CASE_PARAM(ptwalk_test_cmd, ptwk_cmd_gen_params),
	KUNIT_CASE(ptwalk_test_cmd_one_byte),
	KUNIT_CASE(ptwalk_test_cmd_root),
	KUNIT_CASE(ptwalk_test_cmd_random),
	KUNIT_CASE_PARAM(ptwalk_test_write, ptwk_write_gen_params),
	KUNIT_CASE(ptwalk_test_write_limit),
	KUNIT_CASE(ptwalk_test_write_root),
	KUNIT_CASE_PARAM(ptwalk_test_region_clip, ptwk_clip_gen_params),
	{}
};

static struct kunit_suite ptwalk_file_suite = {
	.name = "ptwalk_file",
	.test_cases = ptwalk_file_cases,
};

kunit_test_suite(ptwalk_file_suite);

MODULE_DESCRIPTION("KUnit tests for ptwalk's write() command and regions");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

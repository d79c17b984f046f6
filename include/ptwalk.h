/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptwalk: a read-only walker for radix page tables of any supported
 * hardware format (x86 long mode, 32-bit and PAE, EPT, NPT, arm64 stage-1
 * and stage-2), and the compressed dumps built on it.
 *
 * Level numbering is leaf-anchored and written down once, here: level 0 is
 * the last level (the one holding the smallest pages), level 1 the one above
 * it, and so on up to ptwalk_fmt::levels - 1, the root.  The shift of a level
 * is therefore granule_shift + level * bits_per_level for every format.
 *
 * Addresses handed to and returned by the walker are "input addresses" of the
 * format (virtual addresses, guest physical addresses, IPAs).  Internally the
 * walker works on a linear index space [0, 2^ia_bits); formats with a
 * canonical (sign-extended) upper half or a TTBR1-style base translate at the
 * boundary with ptwalk_to_linear() and ptwalk_from_linear().
 */
#ifndef _PTWALK_H
#define _PTWALK_H

#include <linux/bits.h>
#include <linux/types.h>

/* The deepest format we know has 5 levels (x86 LA57, EPT 5-level, LPA2). */
#define PTWALK_MAX_LEVELS	5

/**
 * struct ptwalk_level - Geometry of one level of a format.
 * @shift:	Lowest input-address bit indexed by this level.
 * @bits:	Width of the index into a table of this level.
 * @leaf_ok:	An entry of this level may map memory (page or block).
 * @name:	Short name used in the raw view ("PML4E", "L1", ...).
 */
struct ptwalk_level {
	u8		shift;
	u8		bits;
	bool		leaf_ok;
	const char	*name;
};

/**
 * enum ptwalk_kind - What an entry is, once decoded.
 * @PTWALK_NONE:	Not present; maps nothing.
 * @PTWALK_TABLE:	Points to a next-level table at &ptwalk_entry.pa.
 * @PTWALK_LEAF:	Maps &ptwalk_entry.size bytes at &ptwalk_entry.pa.
 * @PTWALK_BAD:		Present but malformed (see &ptwalk_entry.bad);
 *			never followed, never treated as a mapping.
 */
enum ptwalk_kind {
	PTWALK_NONE,
	PTWALK_TABLE,
	PTWALK_LEAF,
	PTWALK_BAD,
};

/* Reasons for PTWALK_BAD, as bits of &ptwalk_entry.bad. */
#define PTWALK_BAD_RSVD		BIT(0)	/* reserved bits set */
#define PTWALK_BAD_LEVEL	BIT(1)	/* leaf/table type illegal here */
#define PTWALK_BAD_ADDR		BIT(2)	/* table the accessor rejected */
#define PTWALK_BAD_LOOP		BIT(3)	/* table is one of its ancestors */
#define PTWALK_BAD_TYPE		BIT(4)	/* reserved type or memory type */
#define PTWALK_BAD_S2		BIT(5)	/* table a second stage does not map */

/* Normalized permissions and state, as bits of &ptwalk_attr.prot. */
#define PTWALK_R		BIT(0)	/* readable */
#define PTWALK_W		BIT(1)	/* writable */
#define PTWALK_X		BIT(2)	/* executable */
#define PTWALK_U		BIT(3)	/* user (EL0, CPL3) accessible */
#define PTWALK_G		BIT(4)	/* global (not tagged with ASID/PCID) */
#define PTWALK_A		BIT(5)	/* accessed */
#define PTWALK_D		BIT(6)	/* dirty */
/* Permissions that table entries may take away from the leaves below. */
#define PTWALK_PERM_MASK	(PTWALK_R | PTWALK_W | PTWALK_X | PTWALK_U)

/**
 * struct ptwalk_attr - Normalized attributes of a leaf.
 * @prot:	PTWALK_R/W/X/U/G/A/D: effective permissions, combined across
 *		every level the way the hardware combines them, and state.
 * @arch:	Format-specific attribute bits, in the format's own layout
 *		with level differences folded away (x86's large-page PAT bit
 *		is moved to bit 7, for example); named by ptwalk_fmt::tokens.
 *
 * Two leaves have the same attributes exactly when both members are equal.
 */
struct ptwalk_attr {
	u32	prot;
	u64	arch;
};

/**
 * struct ptwalk_entry - A decoded snapshot of one entry.
 * @kind:	What the entry is.
 * @pa:		Output address: of the mapped memory for a leaf (at the
 *		entry's own start), of the next table for a table.
 * @attr:	For a leaf, its effective attributes; for a table, what it
 *		passes down to the levels below (see ptwalk_decode_fn).
 * @bad:	PTWALK_BAD_* reasons, for @kind == PTWALK_BAD.
 */
struct ptwalk_entry {
	enum ptwalk_kind	kind;
	u64			pa;
	struct ptwalk_attr	attr;
	u32			bad;
};

/**
 * struct ptwalk_token - One named attribute, decoded with data, not code.
 * @mask:	Bits of the value to compare.
 * @val:	The token applies when (value & @mask) == @val.
 * @name:	Printed when it applies.
 *
 * A multi-bit field is several tokens sharing one mask.  Tables of tokens
 * end with an entry whose @name is NULL.
 */
struct ptwalk_token {
	u64		mask;
	u64		val;
	const char	*name;
};

/*
 * PTWALK_FIELD() - @val placed in the field @mask, as a constant expression
 * usable in token tables (FIELD_PREP_CONST() is not in every kernel we
 * build for).
 */
#define PTWALK_FIELD(mask, val) \
	(((u64)(val) << __builtin_ctzll(mask)) & (mask))

struct ptwalk_fmt;

/**
 * typedef ptwalk_decode_fn - Decode one entry of a format.
 * @fmt:	The format.
 * @pte:	The entry's value, read once by the walker.
 * @level:	Level of the table holding the entry.
 * @above:	What the tables above pass down: @above->prot holds the
 *		permissions they still allow, @above->arch format-private
 *		inherited bits (arm64's XNTable, for example).  For the root
 *		table it is { PTWALK_PERM_MASK, 0 }.
 * @e:		Filled in.  For a leaf, @e->attr is the leaf's effective
 *		attributes with @above applied; for a table, what it passes
 *		down in turn.
 *
 * Combining levels is the format's business because only it knows how its
 * hardware does it; the walker just threads @above through the levels.
 */
typedef void (*ptwalk_decode_fn)(const struct ptwalk_fmt *fmt, u64 pte,
				 int level, const struct ptwalk_attr *above,
				 struct ptwalk_entry *e);

/**
 * typedef ptwalk_note_fn - Say more about a non-present entry.
 * @fmt:	The format.
 * @pte:	The entry's value.
 * @buf:	Where to append text (starting with a space), NUL-terminated.
 * @size:	Room in @buf.
 *
 * Return: the number of characters appended.
 */
typedef int (*ptwalk_note_fn)(const struct ptwalk_fmt *fmt, u64 pte,
			      char *buf, size_t size);

/* Token tables a format may have for its leaves. */
#define PTWALK_TOKEN_TABLES	3

/* Flags of &ptwalk_fmt.flags. */
#define PTWALK_FMT_CANONICAL	BIT(0)	/* sign-extend bit ia_bits - 1 */
#define PTWALK_FMT_PTE32	BIT(1)	/* 4-byte entries */
#define PTWALK_FMT_HIGH		BIT(2)	/* translates the top 2^ia_bits */

/**
 * struct ptwalk_fmt - A page-table format: geometry and decoding, as data.
 * @name:	Name shown in headers ("x86-64/5", "ept/4", "arm64-s2/4K").
 * @levels:	Number of levels; @lvl[@levels - 1] is the root.
 * @ia_bits:	Width of the input address space the tables translate.
 * @oa_bits:	Width of output addresses; bits above are reserved.
 * @flags:	PTWALK_FMT_*.
 * @root_bits:	Index width of the root table, which may differ from
 *		@lvl[@levels - 1].bits (concatenated stage-2 start tables,
 *		PAE's 4-entry PDPT).
 * @lvl:	Geometry per level, leaf-anchored (see the file comment).
 * @decode:	Decodes one entry; never reads memory.
 * @tokens:	Tables naming &ptwalk_attr.arch bits of leaves, printed in
 *		order (hardware bits first, then software ones); unused
 *		slots are NULL.
 * @table_tokens: The same for table entries in the raw view.
 * @none_tokens: Names for the raw values of non-present entries in the raw
 *		view (KVM's MMIO and frozen SPTEs, for example), or NULL.
 * @none_note:	What else the raw view says of a non-present entry (the
 *		generation of a KVM MMIO SPTE), or NULL.
 * @empty:	Value, besides 0, of an entry that holds nothing (KVM's
 *		SHADOW_NONPRESENT_VALUE); the raw view skips such entries.
 * @variant:	Format-private parameters (EPT A/D, LPA2, stage, ...).
 * @leaf_pa_mask: Returns the bits of a last-level leaf that hold its
 *		output address, at their own positions, and nothing else;
 *		NULL, or 0 returned, when there are none such.  Two leaves
 *		that differ only there decode alike but for the address.
 *
 * Formats with fixed geometry are static const; parameterised ones (arm64
 * granules and input sizes) are filled in by a constructor such as
 * ptwalk_fmt_arm64_init().
 */
struct ptwalk_fmt {
	const char			*name;
	u8				levels;
	u8				ia_bits;
	u8				oa_bits;
	u8				flags;
	u8				root_bits;
	struct ptwalk_level		lvl[PTWALK_MAX_LEVELS];
	ptwalk_decode_fn		decode;
	const struct ptwalk_token	*tokens[PTWALK_TOKEN_TABLES];
	const struct ptwalk_token	*table_tokens;
	const struct ptwalk_token	*none_tokens;
	ptwalk_note_fn			none_note;
	u64				empty;
	unsigned long			variant;
	u64				(*leaf_pa_mask)(const struct ptwalk_fmt *fmt);
};

/**
 * struct ptwalk_mem_ops - How the walker reaches table memory.
 * @map:	Returns a kernel pointer to @size bytes of table memory at
 *		physical (or guest-physical) address @pa, or an ERR_PTR()
 *		when the address is not acceptable.  Must not sleep.
 * @unmap:	Releases a pointer returned by @map; may be NULL.
 */
struct ptwalk_mem_ops {
	const void	*(*map)(void *priv, u64 pa, size_t size);
	void		(*unmap)(void *priv, const void *va);
};

/**
 * enum ptwalk_visit - Why a visitor is called; also the walker's flags.
 * @PTWALK_VISIT_LEAF:		An entry that is not a table: a leaf, a
 *				non-present entry or a bad one.
 * @PTWALK_VISIT_TABLE:		A table entry, before the entries of its
 *				table, which the walker has mapped already.
 * @PTWALK_VISIT_BATCH_SAME:	A flag, not a visit: one LEAF visit may stand
 *				for the entries after it in its table (&ptwalk_ctx.n)
 *				that are empty with the same value, or, for a
 *				last-level leaf, differ from it only in the bits
 *				&ptwalk_fmt.leaf_pa_mask names: the same leaf but
 *				for where it maps.  They are not decoded.
 * @PTWALK_VISIT_BATCH_NEXT:	The same, but each leaf also maps the page after
 *				the one before (its value is the previous one's
 *				plus the page size): one contiguous mapping.
 */
enum ptwalk_visit {
	PTWALK_VISIT_LEAF	= BIT(0),
	PTWALK_VISIT_TABLE	= BIT(1),
	PTWALK_VISIT_BATCH_SAME	= BIT(2),
	PTWALK_VISIT_BATCH_NEXT	= BIT(3),
};

/**
 * struct ptwalk_ctx - What a visitor sees: a const snapshot.
 * @addr:	Input address of the start of the entry's range (linear).
 * @size:	Bytes of input address space the entry covers.
 * @pte:	The entry's value, read once.
 * @ptep_pa:	Physical address of the entry itself.
 * @level:	Level of the table holding the entry.
 * @index:	Index of the entry in its table.
 * @depth:	Distance from the root (0 for root entries).
 * @n:		Entries this visit stands for, @pte's and those that follow
 *		it in its table (see PTWALK_VISIT_BATCH_SAME): 1 unless the
 *		walker asked for batches.  @size is each one's size.
 * @visit:	Why the visitor is called.
 * @repeats:	A table entry with the value of the entry before it in its
 *		table: the same table again, under the same attributes.
 *		KASAN's shadow of unbacked memory and x86's ESPfix area
 *		repeat tables by the thousand.
 * @e:		The decoded entry; a leaf's @e.attr is already combined
 *		with every table above it.
 */
struct ptwalk_ctx {
	u64			addr;
	u64			size;
	u64			pte;
	u64			ptep_pa;
	int			level;
	unsigned int		index;
	int			depth;
	unsigned int		n;
	enum ptwalk_visit	visit;
	bool			repeats;
	struct ptwalk_entry	e;
};

/*
 * Visitor return values: 0 continues; PTWALK_SKIP, from a TABLE visit, does
 * not walk that table; PTWALK_STOP stops after this entry (and its table); a
 * negative errno stops the walk and is returned.
 */
#define PTWALK_STOP	1
#define PTWALK_SKIP	2

typedef int (*ptwalk_visitor_fn)(const struct ptwalk_ctx *ctx, void *arg);

/**
 * struct ptwalk_walker - A visitor and the visits it wants.
 * @cb:		Called for each visit selected by @flags.
 * @arg:	Passed to @cb.
 * @flags:	PTWALK_VISIT_* bits.
 */
struct ptwalk_walker {
	const ptwalk_visitor_fn		cb;
	void * const arg;
	const unsigned int		flags;
};

/**
 * struct ptwalk_table - One live table tree to walk.
 * @fmt:	Its format.
 * @root:	Physical address of the root table.
 * @mem:	Accessor for table memory.
 * @priv:	Passed to @mem.
 */
struct ptwalk_table {
	const struct ptwalk_fmt		*fmt;
	u64				root;
	const struct ptwalk_mem_ops	*mem;
	void				*priv;
};

/*
 * A root ID for "the tree a source dumps unless told otherwise" (a
 * "root=default" command); other IDs are the roots' physical addresses.
 */
#define PTWALK_ROOT_DEFAULT	(~0ULL)

/**
 * ptwalk_walk() - Walk a table tree over part of its input address space.
 * @t:		The tables.
 * @addr:	In: linear input address to start at; out: where to resume.
 * @end:	Linear input address to stop at (exclusive); clamped to
 *		2^ia_bits.
 * @walker:	Visitor and flags.
 *
 * Visits every entry whose range intersects [*@addr, @end), in address
 * order, depth first, a table entry before its table, reading each entry
 * once with READ_ONCE() and decoding only that snapshot.  Never writes to
 * table memory.  A table that the accessor rejects, that is an ancestor of
 * itself, or an entry with reserved bits set is visited as a PTWALK_BAD
 * leaf and not followed.  The iteration is bounded by the format's level
 * count.
 *
 * A walk keeps no state between calls: one that starts where another
 * stopped walks down from the root again, as KVM's tdp_iter does after it
 * yields, and so visits again the table entries above *@addr that begin
 * below it.
 *
 * Return: 0 when the range is done (*@addr is @end), PTWALK_STOP when the
 * visitor stopped the walk (*@addr is the end of the last entry visited),
 * -EINVAL for a bad format, or the visitor's negative errno (*@addr
 * unchanged).
 */
int ptwalk_walk(const struct ptwalk_table *t, u64 *addr, u64 end,
		const struct ptwalk_walker *walker);

/**
 * ptwalk_to_linear() - Convert an input address to the walker's space.
 * @fmt:	The format.
 * @addr:	Address as the hardware sees it (canonical for x86).
 * @lin:	Result.
 *
 * Return: 0, or -ERANGE for an address the format cannot translate
 * (non-canonical, or above 2^ia_bits).
 */
int ptwalk_to_linear(const struct ptwalk_fmt *fmt, u64 addr, u64 *lin);

/**
 * ptwalk_from_linear() - Convert a linear address back to an input address.
 * @fmt:	The format.
 * @lin:	Linear address, at most 2^ia_bits.
 *
 * Return: the address as the hardware sees it; 2^ia_bits (the end of the
 * space) maps to 0 for canonical formats, meaning 2^64.
 */
u64 ptwalk_from_linear(const struct ptwalk_fmt *fmt, u64 lin);

/**
 * ptwalk_level_size() - Bytes of input space covered by an entry.
 * @fmt:	The format.
 * @level:	The level.
 *
 * Return: 1 << the level's shift.
 */
static inline u64 ptwalk_level_size(const struct ptwalk_fmt *fmt, int level)
{
	return 1ULL << fmt->lvl[level].shift;
}

/* ---- Formats (ptwalk_x86.c, ptwalk_arm64.c) ---- */

extern const struct ptwalk_fmt ptwalk_fmt_x86_64_4;
extern const struct ptwalk_fmt ptwalk_fmt_x86_64_5;
extern const struct ptwalk_fmt ptwalk_fmt_x86_32;
extern const struct ptwalk_fmt ptwalk_fmt_x86_pae;
extern const struct ptwalk_fmt ptwalk_fmt_ept_4;
extern const struct ptwalk_fmt ptwalk_fmt_ept_4_ad;
extern const struct ptwalk_fmt ptwalk_fmt_ept_5;
extern const struct ptwalk_fmt ptwalk_fmt_ept_5_ad;
extern const struct ptwalk_fmt ptwalk_fmt_npt_4;
extern const struct ptwalk_fmt ptwalk_fmt_npt_5;

/**
 * ptwalk_fmt_x86_kvm() - Copy an EPT or NPT format as KVM's SPTEs use it.
 * @dst:	Receives the copy.
 * @src:	ptwalk_fmt_ept_* or ptwalk_fmt_npt_*.
 * @empty:	KVM's value for an empty SPTE (SHADOW_NONPRESENT_VALUE).
 *
 * KVM marks every shadow-present SPTE with bit 11; anything without it is
 * not a mapping, whatever else is set (MMIO SPTEs, access-tracked SPTEs,
 * frozen SPTEs), and is named in the raw view.  KVM's host-writable and
 * MMU-writable software bits become tokens.
 *
 * Return: 0, or -EINVAL when @src is not an EPT or NPT format.
 */
int ptwalk_fmt_x86_kvm(struct ptwalk_fmt *dst, const struct ptwalk_fmt *src,
		       u64 empty);

/**
 * ptwalk_fmt_x86_set_maxphyaddr() - Copy an x86 format with a given MAXPHYADDR.
 * @dst:	Receives the copy.
 * @src:	One of the static x86 formats.
 * @maxphyaddr:	Physical address width; bits from it up to 51 are reserved.
 *
 * Return: 0, or -EINVAL when @maxphyaddr is outside 32..52.
 */
int ptwalk_fmt_x86_set_maxphyaddr(struct ptwalk_fmt *dst,
				  const struct ptwalk_fmt *src,
				  unsigned int maxphyaddr);

/**
 * ptwalk_fmt_x86_set_enc() - Give an x86 format a memory-encryption bit.
 * @fmt:	A copy of a long-mode, PAE or NPT format.
 * @mask:	The C-bit of AMD's SME and SEV, as in sme_me_mask, or 0.
 *
 * The C-bit is neither an address bit nor a reserved one, wherever it lies
 * (SME and SEV reduce MAXPHYADDR below it): decoding strips it from the
 * output address and names it ENC, on leaves and, in the raw view, on
 * table entries.  A @mask of 0 leaves any format without a C-bit.
 *
 * Return: 0, or -EINVAL when @mask is not a single bit from 32 to 51 or
 * @fmt has no C-bit (EPT, 32-bit paging).
 */
int ptwalk_fmt_x86_set_enc(struct ptwalk_fmt *fmt, u64 mask);

/**
 * ptwalk_fmt_x86_linux() - Let an x86 format decode Linux's software bits.
 * @fmt:	A copy of a long-mode format describing a Linux host's tables.
 */
void ptwalk_fmt_x86_linux(struct ptwalk_fmt *fmt);

/* arm64 translation stages, for ptwalk_fmt_arm64_init(). */
enum ptwalk_arm64_stage {
	PTWALK_ARM64_S1,	/* stage 1, TTBR0 (lower range) */
	PTWALK_ARM64_S1_TTBR1,	/* stage 1, TTBR1 (upper range) */
	PTWALK_ARM64_S2,	/* stage 2 */
};

/**
 * ptwalk_fmt_arm64_init() - Build an arm64 format from its parameters.
 * @fmt:	Filled in.
 * @stage:	Which translation regime.
 * @granule_shift: 12, 14 or 16.
 * @ia_bits:	Input address size, 25..52.
 * @start_level: Architectural start level (-1..3), which fixes how many
 *		start tables are concatenated (stage 2, up to 16).
 * @oa_bits:	Output address size, 32..52.
 * @lpa2:	Descriptors use the FEAT_LPA2 layout (4K/16K granules only).
 *
 * Return: 0, or -EINVAL when the combination is not architecturally valid.
 */
int ptwalk_fmt_arm64_init(struct ptwalk_fmt *fmt, enum ptwalk_arm64_stage stage,
			  unsigned int granule_shift, unsigned int ia_bits,
			  int start_level, unsigned int oa_bits, bool lpa2);

/**
 * ptwalk_fmt_arm64_from_vtcr() - Build a stage-2 format from a VTCR_EL2 value.
 * @fmt:	Filled in.
 * @vtcr:	The VTCR_EL2 value (T0SZ, SL0, SL2, TG0, PS, DS fields).
 *
 * Return: 0, or -EINVAL when @vtcr describes no valid stage-2 geometry.
 */
int ptwalk_fmt_arm64_from_vtcr(struct ptwalk_fmt *fmt, u64 vtcr);

/**
 * ptwalk_fmt_arm64_linux() - Let an arm64 format decode Linux's software bits.
 * @fmt:	A stage-1 format describing a Linux host's tables.
 */
void ptwalk_fmt_arm64_linux(struct ptwalk_fmt *fmt);

/* ---- Compressed dumps (ptwalk_core.c) ---- */

/**
 * enum ptwalk_view - The four ways to print a walk.
 * @PTWALK_VIEW_RUNS:	Runs of leaves, contiguous in input and output.
 * @PTWALK_VIEW_ATTR:	Runs folded regardless of output address.
 * @PTWALK_VIEW_RAW:	Every entry, tables included, with raw values.
 * @PTWALK_VIEW_SUMMARY: Counts of leaves and tables.
 */
enum ptwalk_view {
	PTWALK_VIEW_RUNS,
	PTWALK_VIEW_ATTR,
	PTWALK_VIEW_RAW,
	PTWALK_VIEW_SUMMARY,
	PTWALK_VIEW_NR,
};

extern const char *const ptwalk_view_names[PTWALK_VIEW_NR];

/**
 * struct ptwalk_run - A folded run of leaves (or one bad entry, or table
 *		       entries that repeat the one before them).
 * @start:	Linear input address of the first leaf.
 * @end:	Linear input address just past the last leaf.
 * @pa:		Output address of @start; for repeats, the table's.
 * @pgsize:	Size of each leaf (runs view), or of each repeated entry.
 * @pages:	Number of leaves (runs view), or of repeated entries.
 * @count:	Number of leaves per level (attributes view); for repeats,
 *		1 at their level.
 * @attr:	Common attributes.
 * @kind:	PTWALK_LEAF, PTWALK_BAD for a bad entry, PTWALK_TABLE for
 *		repeats.
 * @bad:	PTWALK_BAD_* for a bad entry.
 * @pte:	Raw value of a bad entry.
 */
struct ptwalk_run {
	u64			start;
	u64			end;
	u64			pa;
	u64			pgsize;
	u64			pages;
	u64			count[PTWALK_MAX_LEVELS];
	struct ptwalk_attr	attr;
	enum ptwalk_kind	kind;
	u32			bad;
	u64			pte;
};

/**
 * struct ptwalk_summary - Totals for the summary view.
 * @leaves:	Leaves per level.
 * @tables:	Table pages per level (the root counts at the root level).
 * @bad:	Bad entries.
 * @repeats:	Table entries that repeat the one before them, not walked
 *		again: what they map is not in @leaves.
 */
struct ptwalk_summary {
	u64	leaves[PTWALK_MAX_LEVELS];
	u64	tables[PTWALK_MAX_LEVELS];
	u64	bad;
	u64	repeats;
};

/**
 * union ptwalk_line - One completed line of a dump.
 * @run:	Runs and attributes views: the run.
 * @ctx:	Raw view: the entry; @ctx.repeats only for a table entry
 *		whose table was not walked again.
 */
union ptwalk_line {
	struct ptwalk_run	run;
	struct ptwalk_ctx	ctx;
};

/*
 * Completed lines a dump holds.  One walk fills them all, so the cost of
 * descending from the root to resume is paid once per PTWALK_DUMP_QUEUE
 * lines, not once per line.
 */
#define PTWALK_DUMP_QUEUE	16

/**
 * struct ptwalk_dump - State of a resumable, folding dump.
 * @t:		The tables.
 * @view:	Which view.
 * @pos:	Where the next walk starts.
 * @tables_from: Table entries that begin below it were seen by an earlier
 *		walk, which stopped there: a walk resumes from the root.
 * @start:	Linear start of the range; leaves are clipped to it.
 * @end:	Linear end of the range; leaves are clipped to it.
 * @win_end:	End of the current window (see ptwalk_dump_window()).
 * @run:	The run being folded, not complete yet.
 * @have_run:	@run holds something.
 * @q:		Completed lines, oldest at @q_head.
 * @q_head:	Index of the oldest line in @q.
 * @q_len:	Lines in @q.
 * @ready:	The line at @q_head is being formatted; dropped by the next
 *		call to ptwalk_dump_next().
 * @done:	The walk is over.
 * @sum:	Summary totals.
 * @sum_line:	Next line of the summary view to produce.
 * @visits:	Visits since the last return, bounded by @budget.
 * @budget:	Visits after which one call of ptwalk_dump_next() stops
 *		walking, at the next leaf:
 *		PTWALK_DUMP_BUDGET, or fewer when the caller sets fewer after
 *		ptwalk_dump_init() (a walk with interrupts off, say).
 * @shown_end:	Per level, the end of the last table entry whose table this
 *		dump has shown whole; a table entry that repeats it (starts
 *		there, same value) is printed as a repeat, not walked again.
 *
 * Fill with ptwalk_dump_init(), then call ptwalk_dump_next() until it
 * returns 0; each return of 1 leaves one complete line that
 * ptwalk_dump_line() formats.  The walk stops only at line boundaries and
 * completed lines wait in @q, so a dump stopped after any line and
 * resumed gives the same output as one that never stopped.
 */
struct ptwalk_dump {
	struct ptwalk_table	t;
	enum ptwalk_view	view;
	u64			pos;
	u64			tables_from;
	u64			start;
	u64			end;
	u64			win_end;
	struct ptwalk_run	run;
	bool			have_run;
	union ptwalk_line	q[PTWALK_DUMP_QUEUE];
	unsigned int		q_head;
	unsigned int		q_len;
	bool			ready;
	bool			done;
	struct ptwalk_summary	sum;
	int			sum_line;
	unsigned int		visits;
	unsigned int		budget;
	u64			shown_end[PTWALK_MAX_LEVELS];
};

/* Visits ptwalk_dump_next() makes, unless told fewer, before -EAGAIN. */
#define PTWALK_DUMP_BUDGET	4096

/**
 * ptwalk_dump_init() - Prepare a dump of [@start, @end) of @t.
 * @d:		The dump.
 * @t:		The tables (copied).
 * @view:	The view.
 * @start:	Linear start.
 * @end:	Linear end (exclusive).
 *
 * Return: 0 or -EINVAL.
 */
int ptwalk_dump_init(struct ptwalk_dump *d, const struct ptwalk_table *t,
		     enum ptwalk_view view, u64 start, u64 end);

/**
 * ptwalk_dump_next() - Advance a dump by one output line.
 * @d:		The dump.
 *
 * Context: Any context in which the accessor may be called; does not sleep.
 * Return: 1 when a line is ready, 0 at the end, -EAGAIN when
 * &ptwalk_dump.budget visits produced no line yet (the caller may drop its
 * locks, reschedule and call again) or the window set by
 * ptwalk_dump_window() is exhausted, or another negative errno.
 */
int ptwalk_dump_next(struct ptwalk_dump *d);

/**
 * ptwalk_dump_window() - Restrict the next part of a dump to [@lo, @hi).
 * @d:		The dump.
 * @lo:		Linear start; what lies between the dump's position and
 *		@lo is skipped.
 * @hi:		Linear end.
 *
 * Return: 1 when skipping completed a run, which is then the line to
 * format, 0 otherwise.
 */
int ptwalk_dump_window(struct ptwalk_dump *d, u64 lo, u64 hi);

/**
 * ptwalk_dump_pos() - Where a dump will continue.
 * @d:		The dump.
 *
 * Return: the linear address of the next entry to visit.
 */
static inline u64 ptwalk_dump_pos(const struct ptwalk_dump *d)
{
	return d->pos;
}

/**
 * ptwalk_dump_queued() - Whether the next ptwalk_dump_next() has a line
 *			  waiting, so that it reads no table.
 * @d:		The dump.
 *
 * Return: true when a completed line other than the current one is queued.
 */
static inline bool ptwalk_dump_queued(const struct ptwalk_dump *d)
{
	return d->q_len > (d->ready ? 1 : 0);
}

/**
 * ptwalk_dump_run() - The run behind the line ptwalk_dump_next() prepared.
 * @d:		A dump of the runs or attributes view.
 *
 * Return: the run, valid until the next call to ptwalk_dump_next().
 */
static inline const struct ptwalk_run *ptwalk_dump_run(const struct ptwalk_dump *d)
{
	return &d->q[d->q_head].run;
}

/* Longest line any view prints, newline included. */
#define PTWALK_LINE_MAX		256

/* Size of &ptwalk_attr_text.text: longer attributes are not kept. */
#define PTWALK_ATTR_MAX		128

/**
 * struct ptwalk_attr_text - The attributes of the last line, as text.
 * @tokens:	The token tables they were named with (&ptwalk_fmt.tokens).
 * @attr:	The attributes.
 * @len:	Length of @text; 0 when it holds none yet.
 * @text:	" perm tokens", as ptwalk_put_attr() appends them.
 *
 * Scattered pages make a line each, and mostly share their attributes: a
 * dump's lines copy them from here, formatted only when they change.
 * Zero-initialize it before its first use.
 */
struct ptwalk_attr_text {
	const struct ptwalk_token	*tokens[PTWALK_TOKEN_TABLES];
	struct ptwalk_attr		attr;
	unsigned int			len;
	char				text[PTWALK_ATTR_MAX];
};

/**
 * ptwalk_dump_line() - Format the line ptwalk_dump_next() prepared.
 * @d:		The dump.
 * @at:		The attributes of the dump's last line, or NULL to format
 *		them anew for every line.
 * @buf:	Receives the line, newline-terminated and NUL-terminated.
 * @size:	Size of @buf; PTWALK_LINE_MAX is always enough.
 *
 * The line is the same whatever @at holds, and whatever @size (as far as
 * it fits: truncated like scnprintf()).
 *
 * Return: the length of the line, without the NUL.
 */
int ptwalk_dump_line(const struct ptwalk_dump *d, struct ptwalk_attr_text *at,
		     char *buf, size_t size);

/**
 * ptwalk_run_line() - Format a run as the runs view prints it.
 * @fmt:	The format of the tables it was found in.
 * @r:		A run of leaves (&ptwalk_run.kind PTWALK_LEAF) or a bad entry.
 * @buf:	Receives "start end pgsize pages pa perm flags", without a
 *		newline, NUL-terminated.
 * @size:	Size of @buf; PTWALK_LINE_MAX is always enough.
 *
 * For lines built from walks of one's own, such as the KVM audit's.
 *
 * Return: the length of the line, without the NUL.
 */
int ptwalk_run_line(const struct ptwalk_fmt *fmt, const struct ptwalk_run *r,
		    char *buf, size_t size);

/**
 * ptwalk_put_attr() - Append attributes as the runs view prints them.
 * @buf:	The line.
 * @size:	Size of @buf.
 * @n:		Length of the line so far.
 * @fmt:	The format the attributes come from.
 * @a:		The attributes: " perm" and the tokens that apply.
 *
 * Truncates like scnprintf(), never past @size - 1, NUL-terminated.
 *
 * Return: the new length.
 */
int ptwalk_put_attr(char *buf, size_t size, int n, const struct ptwalk_fmt *fmt,
		    const struct ptwalk_attr *a);

/**
 * ptwalk_put_bad() - Append why an entry is bad, as the dumps print it.
 * @buf:	The line.
 * @size:	Size of @buf.
 * @n:		Length of the line so far.
 * @bad:	PTWALK_BAD_* reasons: " BAD=rsvd,addr".
 * @pte:	The entry's raw value: " pte=0x...".
 *
 * Return: the new length.
 */
int ptwalk_put_bad(char *buf, size_t size, int n, u32 bad, u64 pte);

/**
 * ptwalk_dump_header() - Format the header line of a dump's view.
 * @d:		The dump.
 * @buf:	Receives the header, newline- and NUL-terminated.
 * @size:	Size of @buf; PTWALK_LINE_MAX is always enough.
 *
 * Return: the length of the header, without the NUL.
 */
int ptwalk_dump_header(const struct ptwalk_dump *d, char *buf, size_t size);

/* Buffer size for ptwalk_size_name(). */
#define PTWALK_SIZE_MAX		24

/**
 * ptwalk_size_name() - Format a page size as "4K", "2M", "1G", "512M" ...
 * @buf:	At least PTWALK_SIZE_MAX bytes.
 * @size:	A power of two.
 *
 * Return: @buf.
 */
char *ptwalk_size_name(char *buf, u64 size);

#endif /* _PTWALK_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ptwalk_host: the accessor every host, user and KVM dump
 * reads tables through follows a table pointer only into System RAM that
 * the linear map maps.  The truth is the kernel's own: a page the page
 * allocator gave is RAM; a page frame that has a struct page in an online
 * section but that the resource tree does not call System RAM (x86's
 * legacy VGA window, a firmware hole) is not; nor is a frame past every
 * memory section.
 */

#include <kunit/test.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>

#include "ptwalk.h"
#include "ptwalk_file.h"

/* How far a search for a frame that is online but not RAM goes: 4 GiB. */
#define PTWK_HOLE_SEARCH	(1UL << (32 - PAGE_SHIFT))

static void ptwalk_test_host_ram(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	const void *va;

	KUNIT_ASSERT_NOT_NULL(test, page);
	va = ptwalk_host_mem.map(NULL, page_to_phys(page), PAGE_SIZE);
	KUNIT_EXPECT_PTR_EQ(test, va, (const void *)page_address(page));
	__free_page(page);
}

static void ptwalk_test_host_hole(struct kunit *test)
{
	unsigned long pfn;
	const void *va;

	for (pfn = 0; pfn < PTWK_HOLE_SEARCH; pfn++)
		if (pfn_to_online_page(pfn) && !page_is_ram(pfn))
			break;
	if (pfn == PTWK_HOLE_SEARCH)
		kunit_skip(test, "no online frame that is not System RAM below 4 GiB");
	kunit_info(test, "frame 0x%lx is online, not System RAM", pfn);
	va = ptwalk_host_mem.map(NULL, PFN_PHYS(pfn), PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, IS_ERR(va));
}

static void ptwalk_test_host_beyond(struct kunit *test)
{
	/* The last frame a 52-bit physical address has: never RAM here. */
	u64 pa = GENMASK_ULL(51, PAGE_SHIFT);
	const void *va;

	KUNIT_ASSERT_FALSE(test, page_is_ram(PHYS_PFN(pa)));
	va = ptwalk_host_mem.map(NULL, pa, PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, IS_ERR(va));
}

static void ptwalk_test_host_straddle(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	u64 last = GENMASK_ULL(51, PAGE_SHIFT);
	const void *va;

	KUNIT_ASSERT_NOT_NULL(test, page);
	/* A table that starts in RAM and ends past it is refused too. */
	va = ptwalk_host_mem.map(NULL, page_to_phys(page),
				 last - page_to_phys(page) + PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, IS_ERR(va));
	__free_page(page);
}

static struct kunit_case ptwalk_host_cases[] = {
	KUNIT_CASE(ptwalk_test_host_ram),
	KUNIT_CASE(ptwalk_test_host_hole),
	KUNIT_CASE(ptwalk_test_host_beyond),
	KUNIT_CASE(ptwalk_test_host_straddle),
	{}
};

static struct kunit_suite ptwalk_host_suite = {
	.name = "ptwalk_host",
	.test_cases = ptwalk_host_cases,
};

kunit_test_suite(ptwalk_host_suite);

MODULE_DESCRIPTION("KUnit tests for ptwalk's host table accessor");
MODULE_LICENSE("GPL");

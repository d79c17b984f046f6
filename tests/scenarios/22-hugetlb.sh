# host_check hugetlb: see tests/guest/host_check.c.
exec host_check hugetlb

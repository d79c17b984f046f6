# host_check pagemap: see tests/guest/host_check.c.
exec host_check pagemap

# host_check accessed: see tests/guest/host_check.c.
exec host_check accessed

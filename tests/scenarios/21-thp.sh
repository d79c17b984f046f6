# host_check thp: see tests/guest/host_check.c.
exec host_check thp

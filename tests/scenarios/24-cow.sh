# host_check cow: see tests/guest/host_check.c.
exec host_check cow

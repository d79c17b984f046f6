# host_check perms: see tests/guest/host_check.c.
exec host_check perms

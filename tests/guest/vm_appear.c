// SPDX-License-Identifier: GPL-2.0
/*
 * vm_appear: how soon a VM's directory appears in ptwalk's kvm directory
 * and goes again, and what finding VMs costs, on a host with many
 * processes with many files.
 *
 *   vm_appear [-p PROCS] [-f FDS] [-n VMS]
 *
 * PROCS processes (default 2000) each hold FDS more open files (default
 * 64) while this one creates VMS VMs (default 20), one at a time: each
 * time, the directory <pid>-<fd> must appear after KVM_CREATE_VM returns
 * within 2 seconds, and go after close() returns (which destroys the VM)
 * within 6 (the fallback scan's period is 5); then one VM is kept for 6 seconds,
 * during which ptwalk may scan every process at most twice (its fallback
 * scan runs every 5 seconds while a VM is listed, none without an event).
 * Fails unless ptwalk says it finds VMs by watching KVM's debugfs
 * directory ("vm_source fsnotify" in info) and the median time to appear
 * is at most 50 ms.  Prints the times, and from info the time of the last
 * scan of every process and of the last scan after an event.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/kvm.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "util.h"

#define PTWALK_KVM	"/sys/kernel/debug/ptwalk/kvm"
#define MAX_VMS		100

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Seconds until @path exists (@want) or not, polling; -1 after @max s. */
static double wait_path(const char *path, int want, double t0, double max)
{
	while (now() - t0 < max) {
		if ((access(path, F_OK) == 0) == want)
			return now() - t0;
		usleep(200);
	}
	return -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The value after "KEY " in a VM's info, or "" */
static void info_value(const char *dir, const char *key, char *out, size_t size)
{
	char path[256], line[256];
	size_t n = strlen(key);
	FILE *f;

	*out = 0;
	snprintf(path, sizeof(path), "%s/info", dir);
	f = fopen(path, "r");
	if (!f)
		fail("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ' ') {
			line[strcspn(line, "\n")] = 0;
			snprintf(out, size, "%s", line + n + 1);
		}
	fclose(f);
}

/* PROCS children with FDS more files each, stopped in pause(). */
static pid_t *spawn(int procs, int fds)
{
	pid_t *pids = calloc(procs, sizeof(*pids));
	int p[2], i, j;
	char c;

	if (!pids || pipe(p))
		fail("spawn: %s", strerror(errno));
	for (i = 0; i < procs; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			fail("fork %d: %s", i, strerror(errno));
		if (!pids[i]) {
			close(p[0]);
			for (j = 0; j < fds; j++)
				if (open("/dev/null", O_RDONLY) < 0)
					_exit(1);
			if (write(p[1], "", 1) != 1)
				_exit(1);
			pause();
			_exit(0);
		}
	}
	close(p[1]);
	for (i = 0; i < procs; i++)
		if (read(p[0], &c, 1) != 1)
			fail("a child did not open its %d files", fds);
	close(p[0]);
	return pids;
}

int main(int argc, char **argv)
{
	int procs = 2000, fds = 64, nvms = 20, opt, kvm, vm, i;
	double appear[MAX_VMS], gone[MAX_VMS], create[MAX_VMS], destroy[MAX_VMS];
	double t0, t;
	char dir[128], last[160], source[128], scan_us[32], ev_us[32];
	char s0[32], s1[32];
	pid_t *pids;

	while ((opt = getopt(argc, argv, "p:f:n:")) != -1) {
		switch (opt) {
		case 'p': procs = atoi(optarg); break;
		case 'f': fds = atoi(optarg); break;
		case 'n': nvms = atoi(optarg); break;
		default: fail("usage: vm_appear [-p PROCS] [-f FDS] [-n VMS]");
		}
	}
	if (nvms < 1 || nvms > MAX_VMS || procs < 0 || fds < 0)
		fail("usage: vm_appear [-p PROCS] [-f FDS] [-n VMS]");
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		fail("/dev/kvm: %s", strerror(errno));
	pids = spawn(procs, fds);

	for (i = 0; i < nvms; i++) {
		t0 = now();
		vm = xioctl(kvm, KVM_CREATE_VM, 0, "KVM_CREATE_VM");
		create[i] = now() - t0;
		t0 = now();
		snprintf(dir, sizeof(dir), PTWALK_KVM "/%d-%d", getpid(), vm);
		/* The directory, with its last file. */
		snprintf(last, sizeof(last), "%s/memslots", dir);
		appear[i] = wait_path(last, 1, t0, 2);
		if (appear[i] < 0)
			fail("VM %d: %s did not appear within 2 s", i, last);
		if (i == nvms - 1)
			break;
		info_value(dir, "vm_event_scan_us", ev_us, sizeof(ev_us));
		t0 = now();
		close(vm);
		destroy[i] = now() - t0;
		t0 = now();
		gone[i] = wait_path(dir, 0, t0, 6);
		if (gone[i] < 0)
			fail("VM %d: %s still there 6 s after close()", i, dir);
	}
	/* The last VM stays: how often is it looked for meanwhile? */
	info_value(dir, "vm_source", source, sizeof(source));
	info_value(dir, "vm_scans", s0, sizeof(s0));
	sleep(6);
	info_value(dir, "vm_scans", s1, sizeof(s1));
	info_value(dir, "vm_scan_us", scan_us, sizeof(scan_us));
	close(vm);
	for (i = 0; i < procs; i++)
		kill(pids[i], SIGKILL);
	for (i = 0; i < procs; i++)
		waitpid(pids[i], NULL, 0);

	if (strncmp(source, "fsnotify", 8))
		fail("info says vm_source %s", source);
	if (atoi(s1) - atoi(s0) > 2)
		fail("%d scans of every process in 6 s with one VM and no event",
		     atoi(s1) - atoi(s0));
	qsort(appear, nvms, sizeof(double), cmp_double);
	qsort(gone, nvms - 1, sizeof(double), cmp_double);
	qsort(create, nvms, sizeof(double), cmp_double);
	qsort(destroy, nvms - 1, sizeof(double), cmp_double);
	t = appear[nvms / 2];
	if (t > 0.050)
		fail("directories appeared in %.1f ms (median), more than 50", t * 1e3);
	printf("PASS %d VMs among %d processes with %d files each: directories appeared %.1f ms (median; max %.1f) after KVM_CREATE_VM, which took %.1f, and went %.1f ms (median; max %.1f) after close(), which took %.1f; a scan after an event took %s us; in 6 s idle, %d scans of every process, the last %s us\n",
	       nvms, procs, fds, t * 1e3, appear[nvms - 1] * 1e3,
	       create[nvms / 2] * 1e3,
	       nvms > 1 ? gone[(nvms - 1) / 2] * 1e3 : 0,
	       nvms > 1 ? gone[nvms - 2] * 1e3 : 0,
	       nvms > 1 ? destroy[(nvms - 1) / 2] * 1e3 : 0, ev_us,
	       atoi(s1) - atoi(s0), atoi(s1) > atoi(s0) ? scan_us : "-");
	return 0;
}

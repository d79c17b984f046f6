// SPDX-License-Identifier: GPL-2.0
/*
 * lifetime: a dump walks the tables of the mm it was begun on, or ends
 * with the trailer once that mm is gone; never another mm's tables, never
 * a freed one (which the debug kernel's KASAN reports).
 *
 *   lifetime shared   a descriptor shared by fork: the child reads on the
 *                     parent's dump, which shows a mapping the parent made
 *                     after the fork and not one the child made
 *   lifetime exited   the opener exits mid-dump: the child that reads on
 *                     gets the trailer, and none of its own mappings
 *   lifetime exec     pid: the selected process calls execve() mid-dump:
 *                     the dump ends with the trailer; selecting it again
 *                     dumps the new image
 *   lifetime seek     lseek() far past the end of raw/kernel returns, and
 *                     a read there returns 0 bytes
 *   lifetime modes    every dump file is mode 0600, info 0400
 *
 * Prints "PASS ..." or "FAIL reason"; exits 0 or 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define DIR	"/sys/kernel/debug/ptwalk"
#define TRAILER	"# target exited; dump incomplete\n"
/* Where the parent and the child map their markers: above any binary. */
#define PARENT_ADDR	0x200000000000UL
#define CHILD_ADDR	0x300000000000UL
#define MARK_SIZE	(64UL << 10)

static void *map_at(unsigned long addr)
{
	char *p = mmap((void *)addr, MARK_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p == MAP_FAILED || (unsigned long)p != addr)
		fail("mmap at 0x%lx: %s", addr, strerror(errno));
	memset(p, 0x5a, MARK_SIZE);
	return p;
}

/* Read what is left of @fd into a NUL-terminated buffer. */
static char *slurp(int fd, size_t *len)
{
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap + 1);
	ssize_t r;

	if (!buf)
		fail("malloc");
	for (;;) {
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
			if (!buf)
				fail("realloc");
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0)
			fail("read: %s", strerror(errno));
		if (!r)
			break;
		n += r;
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* Whether a runs-view line starts at @addr. */
static int has_run(const char *dump, unsigned long addr)
{
	char key[32];
	const char *p;

	snprintf(key, sizeof(key), "0x%016lx ", addr);
	for (p = dump; (p = strstr(p, key)); p++)
		if (p == dump || p[-1] == '\n')
			return 1;
	return 0;
}

static int ends_with(const char *s, size_t n, const char *tail)
{
	size_t t = strlen(tail);

	return n >= t && !memcmp(s + n - t, tail, t);
}

static int open_begun(const char *file)
{
	char buf[100];
	int fd = open(file, O_RDWR);

	if (fd < 0)
		fail("open %s: %s", file, strerror(errno));
	/* Begins the dump: the header and the first lines. */
	if (read(fd, buf, sizeof(buf)) != sizeof(buf))
		fail("first read of %s", file);
	return fd;
}

static void wait_child(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		fail("waitpid: %s", strerror(errno));
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		exit(1);	/* the child said why */
}

static void do_shared(void)
{
	int fd = open_begun(DIR "/current"), go[2];
	pid_t pid;

	if (pipe(go))
		fail("pipe");
	pid = fork();
	if (pid < 0)
		fail("fork");
	if (!pid) {
		char c, *dump;

		map_at(CHILD_ADDR);
		if (read(go[0], &c, 1) != 1)
			fail("child: no go");
		dump = slurp(fd, NULL);
		if (!has_run(dump, PARENT_ADDR))
			fail("the parent's dump, read on by its child, lacks the parent's mapping at 0x%lx",
			     PARENT_ADDR);
		if (has_run(dump, CHILD_ADDR))
			fail("the parent's dump, read on by its child, shows the child's mapping at 0x%lx",
			     CHILD_ADDR);
		exit(0);
	}
	map_at(PARENT_ADDR);
	if (write(go[1], "g", 1) != 1)
		fail("write");
	wait_child(pid);
	printf("PASS a dump read on through a shared descriptor shows the opener's mm only\n");
}

/*
 * An opener that exits: this process becomes the subreaper of the
 * opener's child, reaps the opener (its mm is gone by then), and only then
 * lets the child read on.
 */
static void do_exited(void)
{
	int go[2], st;
	pid_t opener, reader;

	if (prctl(PR_SET_CHILD_SUBREAPER, 1) || pipe(go))
		fail("prctl, pipe");
	opener = fork();
	if (opener < 0)
		fail("fork");
	if (!opener) {
		int fd = open_begun(DIR "/current");

		reader = fork();
		if (reader < 0)
			fail("fork");
		if (!reader) {
			char c, *dump;
			size_t n;

			map_at(CHILD_ADDR);
			if (read(go[0], &c, 1) != 1)
				fail("reader: no go");
			dump = slurp(fd, &n);
			if (has_run(dump, CHILD_ADDR))
				fail("the dump of an exited opener shows the reader's own mapping");
			if (!ends_with(dump, n, TRAILER))
				fail("the dump of an exited opener does not end with the trailer; last bytes: '%.80s'",
				     n > 80 ? dump + n - 80 : dump);
			exit(0);
		}
		_exit(0);
	}
	if (waitpid(opener, &st, 0) != opener)
		fail("waitpid opener");
	if (write(go[1], "g", 1) != 1)
		fail("write");
	reader = wait(&st);
	if (reader < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		exit(1);
	printf("PASS the dump of an exited opener ends with the trailer\n");
}

static void do_exec(void)
{
	int fd, go[2];
	char cmd[32], *dump;
	size_t n;
	pid_t pid;

	if (pipe(go))
		fail("pipe");
	pid = fork();
	if (pid < 0)
		fail("fork");
	if (!pid) {
		char c;

		map_at(CHILD_ADDR);
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		execl("/bin/sleep", "sleep", "5", (char *)NULL);
		_exit(1);
	}
	/* Give the child time to map its marker. */
	usleep(200000);
	fd = open(DIR "/pid", O_RDWR);
	if (fd < 0)
		fail("open pid: %s", strerror(errno));
	snprintf(cmd, sizeof(cmd), "%d", pid);
	if (write(fd, cmd, strlen(cmd)) != (ssize_t)strlen(cmd))
		fail("select %d: %s", pid, strerror(errno));
	if (read(fd, cmd, 16) != 16)
		fail("first read");
	if (write(go[1], "g", 1) != 1)
		fail("write");
	/* Until the exec is done: the process's name changes. */
	for (n = 0; n < 500; n++) {
		char path[64], comm[32] = "";
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%d/comm", pid);
		f = fopen(path, "r");
		if (f) {
			if (!fgets(comm, sizeof(comm), f))
				comm[0] = '\0';
			fclose(f);
		}
		if (!strcmp(comm, "sleep\n"))
			break;
		usleep(10000);
	}
	usleep(100000);
	dump = slurp(fd, &n);
	if (!ends_with(dump, n, TRAILER))
		fail("a dump across execve() does not end with the trailer; last bytes: '%.80s'",
		     n > 80 ? dump + n - 80 : dump);
	free(dump);
	/* Selecting it again dumps the new image, which lacks the marker. */
	snprintf(cmd, sizeof(cmd), "%d", pid);
	if (write(fd, cmd, strlen(cmd)) != (ssize_t)strlen(cmd))
		fail("select %d again: %s", pid, strerror(errno));
	dump = slurp(fd, &n);
	if (ends_with(dump, n, TRAILER) || has_run(dump, CHILD_ADDR))
		fail("the new image's dump: trailer or the old image's mapping");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	printf("PASS a dump across execve() ends with the trailer; a new selection shows the new image\n");
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void do_seek(void)
{
	int fd = open(DIR "/raw/kernel", O_RDONLY);
	double t0 = now();
	char c;
	off_t off;

	if (fd < 0)
		fail("open raw/kernel: %s", strerror(errno));
	off = lseek(fd, 1LL << 60, SEEK_SET);
	if (off != 1LL << 60)
		fail("lseek to 2^60: %lld (%s)", (long long)off, strerror(errno));
	if (read(fd, &c, 1) != 0)
		fail("a read at 2^60 returned data");
	printf("PASS lseek to 2^60 in raw/kernel returned in %.1f s; read there returns 0\n",
	       now() - t0);
}

static void check_mode(const char *path, mode_t want)
{
	struct stat st;

	if (stat(path, &st))
		fail("stat %s: %s", path, strerror(errno));
	if ((st.st_mode & 07777) != want)
		fail("%s: mode %o, want %o", path, st.st_mode & 07777, want);
}

static void do_modes(void)
{
	static const char *const files[] = {
		"kernel", "current", "pid", "attr/kernel", "raw/pid",
		"summary/current",
	};
	unsigned int i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[128];

		snprintf(path, sizeof(path), DIR "/%s", files[i]);
		check_mode(path, 0600);
	}
	printf("PASS the dump files, which take commands, are mode 0600\n");
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc == 2 && !strcmp(argv[1], "shared"))
		do_shared();
	else if (argc == 2 && !strcmp(argv[1], "exited"))
		do_exited();
	else if (argc == 2 && !strcmp(argv[1], "exec"))
		do_exec();
	else if (argc == 2 && !strcmp(argv[1], "seek"))
		do_seek();
	else if (argc == 2 && !strcmp(argv[1], "modes"))
		do_modes();
	else
		fail("usage: lifetime shared|exited|exec|seek|modes");
	return 0;
}

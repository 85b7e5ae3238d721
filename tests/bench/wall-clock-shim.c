/*
 * wall-clock-shim: an LD_PRELOAD library that moves only a program's wall clock, by an offset read
 * from the file named in WALL_CLOCK_OFFSET_FILE (seconds, as "+3600", "-5" or "+1.5").
 *
 * Why: the bench compacts its generated collections by letting Chromium's own close-time upkeep
 * run (compact-collections.ts), which is due only when the browser's wall clock is minutes to days
 * ahead. libfaketime moves it too, but Chromium ran 20-100 x slower under it (README, "Bench
 * time"): it wraps every clock, sleep, wait and poll call. Chromium reads the wall clock through
 * gettimeofday (base::Time, time_now_posix.cc) and its timers through clock_gettime with
 * CLOCK_MONOTONIC (TimeTicks), which must stay real: upkeep waits 2 s and stops after 60 s on it.
 * So only the wall-clock calls are wrapped here, and their hot path is one extra (coarse,
 * monotonic) clock read: the file is re-read at most once a second, by whichever thread first
 * finds it due, and the offset is shared through atomics, without locks.
 *
 * Built by tests/bench/wall-clock.ts with the machine's C compiler:
 *   cc -O2 -shared -fPIC -o wall-clock-shim.so wall-clock-shim.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/*
 * Declared here rather than taken from <sys/time.h> (struct timeval comes with <stdlib.h>): glibc
 * marks its `tv` nonnull there, so at -O2 the compiler drops the null check below, yet a caller
 * may pass NULL, as glibc's own gettimeofday allows.
 */
int gettimeofday(struct timeval *restrict tv, void *restrict tz);

#define NS_PER_S 1000000000LL
#define REREAD_NS NS_PER_S

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);

static clock_gettime_fn real_clock_gettime_fn;
/* The wall clock's offset, and the monotonic time (ns) from which the file is due again. */
static int64_t offset_ns;
static int64_t reread_at_ns;

static int syscall_clock_gettime(clockid_t clock, struct timespec *ts) {
	return (int)syscall(SYS_clock_gettime, clock, ts);
}

/* libc's own clock_gettime (vDSO-backed), found once; races only find the same pointer. */
static int real_clock_gettime(clockid_t clock, struct timespec *ts) {
	clock_gettime_fn fn = __atomic_load_n(&real_clock_gettime_fn, __ATOMIC_ACQUIRE);
	if (!fn) {
		fn = (clock_gettime_fn)dlsym(RTLD_NEXT, "clock_gettime");
		fn = fn ? fn : syscall_clock_gettime;
		__atomic_store_n(&real_clock_gettime_fn, fn, __ATOMIC_RELEASE);
	}
	return fn(clock, ts);
}

/* "+3600", "-5", "+1.5": seconds into ns; 0 when the text is no such number. */
static int parse_offset(const char *text, int64_t *ns) {
	int64_t sign = 1, whole = 0, part = 0, scale = NS_PER_S;
	int digits = 0;
	if (*text == '+' || *text == '-') {
		sign = *text++ == '-' ? -1 : 1;
	}
	for (; *text >= '0' && *text <= '9'; text++, digits++) {
		whole = whole * 10 + (*text - '0');
	}
	if (*text == '.') {
		for (text++; *text >= '0' && *text <= '9'; text++, digits++) {
			if (scale > 1) {
				scale /= 10;
				part += (*text - '0') * scale;
			}
		}
	}
	if (digits == 0) {
		return 0;
	}
	*ns = sign * (whole * NS_PER_S + part);
	return 1;
}

/* Plain system calls (no stdio, no malloc): this runs inside whatever called the clock. */
static void read_offset(void) {
	const char *path = getenv("WALL_CLOCK_OFFSET_FILE");
	char text[64];
	int64_t ns;
	if (!path) {
		return;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		return; /* keep the last offset */
	}
	ssize_t length = read(fd, text, sizeof text - 1);
	close(fd);
	if (length <= 0) {
		return;
	}
	text[length] = '\0';
	if (parse_offset(text, &ns)) {
		__atomic_store_n(&offset_ns, ns, __ATOMIC_RELEASE);
	}
}

/* The offset, after re-reading the file if a second has passed (one thread reads, others go on). */
static int64_t wall_offset(void) {
	struct timespec now;
	real_clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	int64_t now_ns = now.tv_sec * NS_PER_S + now.tv_nsec;
	int64_t due = __atomic_load_n(&reread_at_ns, __ATOMIC_ACQUIRE);
	if (now_ns >= due &&
	    __atomic_compare_exchange_n(&reread_at_ns, &due, now_ns + REREAD_NS, 0, __ATOMIC_ACQ_REL,
	                                __ATOMIC_ACQUIRE)) {
		read_offset();
	}
	return __atomic_load_n(&offset_ns, __ATOMIC_ACQUIRE);
}

/* Read before main, while the process has one thread, so no caller ever sees the real time. */
__attribute__((constructor)) static void first_read(void) {
	wall_offset();
}

static void shift(struct timespec *ts, int64_t ns) {
	int64_t total = ts->tv_nsec + ns % NS_PER_S;
	ts->tv_sec += ns / NS_PER_S + (total >= NS_PER_S) - (total < 0);
	ts->tv_nsec = total - NS_PER_S * ((total >= NS_PER_S) - (total < 0));
}

int clock_gettime(clockid_t clock, struct timespec *ts) {
	if (clock != CLOCK_REALTIME && clock != CLOCK_REALTIME_COARSE) {
		return real_clock_gettime(clock, ts);
	}
	int64_t ns = wall_offset();
	int result = real_clock_gettime(clock, ts);
	if (result == 0) {
		shift(ts, ns);
	}
	return result;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz) {
	struct timespec ts;
	int result = clock_gettime(CLOCK_REALTIME, &ts);
	if (result == 0 && tv) {
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
	}
	if (tz) {
		int *zone = tz; /* struct timezone: minutes west, DST kind; as glibc, both 0 */
		zone[0] = 0;
		zone[1] = 0;
	}
	return result;
}

time_t time(time_t *out) {
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME_COARSE, &ts);
	if (out) {
		*out = ts.tv_sec;
	}
	return ts.tv_sec;
}

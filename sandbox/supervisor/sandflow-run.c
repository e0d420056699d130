/*
 * sandflow-run: pid 1 of every sandbox container. It serves jobs, one at a time, until its
 * standard input ends; a container made for one run simply gets one job.
 *
 * Both directions carry frames shaped like Docker's attach stream: an 8-byte header
 * [type, 0, 0, 0, payload length as uint32 big-endian] and the payload.
 *
 * Host -> sandflow-run (stdin), one job:
 *   'a'  one argument: the options below, then "--", then the program's argv
 *   'f'  a file for the working directory: 4 octal mode digits, the relative path, NUL, content
 *   'i'  the program's stdin (none: /dev/null)
 *   'g'  end of the job: run it; its payload is the nonce the container was started with
 * Options: --cpu-ms N --wall-ms N --output-bytes N --fsize-bytes N --nofile N
 *          --collect GLOB (repeatable) --collect-bytes N
 *
 * sandflow-run -> host (stdout), per job:
 *   1  program stdout bytes      2  program stderr bytes
 *   3  a collected file (same payload shape as 'f')
 *   4  the report: the nonce, then one JSON object; always the job's last frame
 *
 * The program never holds sandflow-run's stdin or stdout (every fd but its own pipes is closed
 * before exec) and under runc cannot open them through /proc (sandflow-run is not dumpable):
 * all it writes arrives framed as its own output. gVisor lets it open /proc/1/fd/N, so both
 * ends are also guarded by the nonce (SANDFLOW_NONCE, scrubbed from the environment before
 * anything runs): a job must end with it and the report starts with it, and input waiting
 * when a job ends (written by the program) makes the container unclean.
 *
 * Between jobs nothing of the last one survives: every process is killed and reaped, /box,
 * /tmp, /dev/shm and /dev/mqueue are emptied, SysV IPC objects removed, and the report says
 * whether all of that succeeded ("clean"). The host reuses only clean containers.
 *
 * CPU is metered from the container's cgroup (v2 cpu.stat or v1 cpuacct.usage), which counts
 * every process, auto-reaped ones too, minus sandflow-run's own time. Where no cgroup is
 * visible (gVisor) it falls back to the process tree: reaped children plus a /proc scan.
 * Memory: the peak RSS of the largest process; the kernel's OOM kills are counted from the
 * cgroup's oom_kill counter. The memory limit itself is the container's cgroup.
 *
 * Exit status: 0 when stdin ends between jobs; 125 for its own failures (bad frames or
 * options), with a message on stderr.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXIT_SUPERVISOR_FAILURE 125
#define TICK_MS 10
#define CHUNK 65536
#define MAX_ARGS 4096
#define MAX_COLLECT 32
#define MAX_SMALL (1U << 20)
#define MAX_WIPE_DEPTH 256

#define WORK_DIR "/box"

enum { OUT_STDOUT = 1, OUT_STDERR = 2, OUT_FILE = 3, OUT_REPORT = 4 };

struct options {
    long long cpu_ms;       /* 0 = unlimited */
    long long wall_ms;      /* 0 = unlimited */
    long long output_bytes; /* 0 = unlimited */
    long long fsize_bytes;  /* 0 = leave as inherited */
    long long nofile;       /* 0 = leave as inherited */
    long long collect_bytes;
    const char *collect[MAX_COLLECT];
    int ncollect;
    char **argv;
};

struct outcome {
    bool main_done;
    int main_status;
    bool cpu_exceeded;
    bool wall_exceeded;
    bool output_exceeded;
    long long wall_ms;
    long long max_rss_kb;
    long long reaped_cpu_ms; /* fallback metering: CPU of the processes reaped in this job */
    long long seen_cpu_ms;   /* the most CPU measured while it ran: tree metering may lose the dead */
};

/* One job as read from stdin; everything is freed after the job. */
struct job {
    char *args[MAX_ARGS + 1];
    int nargs;
    int stdin_fd; /* -1: /dev/null */
    char setup_error[512];
};

#define MAX_NONCE 128

static char nonce[MAX_NONCE + 1];
static long long output_total;
static long clock_ticks;
static int cgroup_cpu_fd = -1;  /* cpu.stat (v2) or cpuacct.usage (v1) */
static bool cgroup_v2;
static int cgroup_oom_fd = -1;  /* memory.events (v2) or memory.oom_control (v1) */

static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void die(const char *fmt, ...) {
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dprintf(STDERR_FILENO, "sandflow-run: %s\n", msg);
    _exit(EXIT_SUPERVISOR_FAILURE);
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- frames ---- */

static bool read_exact(int fd, void *buf, size_t n) {
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        p += r;
        n -= (size_t)r;
    }
    return true;
}

static void write_all(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) die("the host stopped reading: %s", w < 0 ? strerror(errno) : "short write");
        p += w;
        n -= (size_t)w;
    }
}

static void send_header(int type, uint32_t len) {
    unsigned char h[8] = {(unsigned char)type, 0, 0, 0};
    h[4] = (unsigned char)(len >> 24);
    h[5] = (unsigned char)(len >> 16);
    h[6] = (unsigned char)(len >> 8);
    h[7] = (unsigned char)len;
    write_all(STDOUT_FILENO, h, sizeof h);
}

static void send_frame(int type, const void *a, size_t na, const void *b, size_t nb) {
    send_header(type, (uint32_t)(na + nb));
    if (na) write_all(STDOUT_FILENO, a, na);
    if (nb) write_all(STDOUT_FILENO, b, nb);
}

/* Reads a frame header; false at end of input before one. */
static bool read_header(int *type, uint32_t *len) {
    unsigned char h[8];
    ssize_t first = read(STDIN_FILENO, h, 1);
    while (first < 0 && errno == EINTR) first = read(STDIN_FILENO, h, 1);
    if (first == 0) return false;
    if (first < 0 || !read_exact(STDIN_FILENO, h + 1, 7)) die("truncated frame header");
    *type = h[0];
    *len = (uint32_t)h[4] << 24 | (uint32_t)h[5] << 16 | (uint32_t)h[6] << 8 | (uint32_t)h[7];
    return true;
}

/* A small payload (an argument, the nonce), NUL-terminated. */
static char *read_small(uint32_t len) {
    if (len > MAX_SMALL) die("frame of %u bytes is too large", len);
    char *payload = malloc((size_t)len + 1);
    if (!payload) die("out of memory for a frame of %u bytes", len);
    if (!read_exact(STDIN_FILENO, payload, len)) die("truncated frame payload");
    payload[len] = '\0';
    return payload;
}

/* Moves `len` bytes of stdin into fd (-1: discard) in chunks, so that no job leaves a large
 * heap behind: a child forked from us starts with our resident set as its peak. Returns the
 * errno of the first failed write, or 0. */
static int stream_into(int fd, uint64_t len) {
    char buf[CHUNK];
    int failed = 0;
    while (len > 0) {
        size_t n = len < sizeof buf ? (size_t)len : sizeof buf;
        if (!read_exact(STDIN_FILENO, buf, n)) die("truncated frame payload");
        len -= n;
        for (size_t off = 0; fd >= 0 && !failed && off < n;) {
            ssize_t w = write(fd, buf + off, n - off);
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) failed = errno;
            else off += (size_t)w;
        }
    }
    return failed;
}

/* Takes the nonce out of the environment, overwriting the value in place too: the initial
 * environment block would otherwise keep a copy the program might read. */
static void take_nonce(void) {
    char *v = getenv("SANDFLOW_NONCE");
    if (!v || !*v) die("SANDFLOW_NONCE is not set");
    size_t n = strlen(v);
    if (n > MAX_NONCE) die("SANDFLOW_NONCE is longer than %d characters", MAX_NONCE);
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)v[i])) die("SANDFLOW_NONCE must be alphanumeric");
    memcpy(nonce, v, n + 1);
    memset(v, 0, n);
    unsetenv("SANDFLOW_NONCE");
}

/* ---- job input ---- */

static long long parse_count(const char *flag, const char *value) {
    char *end;
    errno = 0;
    long long n = value ? strtoll(value, &end, 10) : -1;
    if (!value || errno || *end || end == value || n <= 0)
        die("%s needs a positive integer, got '%s'", flag, value ? value : "");
    return n;
}

static void parse_args(char **args, int nargs, struct options *o) {
    memset(o, 0, sizeof *o);
    int i = 0;
    for (; i < nargs; i++) {
        const char *a = args[i];
        const char *v = i + 1 < nargs ? args[i + 1] : NULL;
        if (strcmp(a, "--") == 0) { i++; break; }
        if (strcmp(a, "--cpu-ms") == 0) o->cpu_ms = parse_count(a, v);
        else if (strcmp(a, "--wall-ms") == 0) o->wall_ms = parse_count(a, v);
        else if (strcmp(a, "--output-bytes") == 0) o->output_bytes = parse_count(a, v);
        else if (strcmp(a, "--fsize-bytes") == 0) o->fsize_bytes = parse_count(a, v);
        else if (strcmp(a, "--nofile") == 0) o->nofile = parse_count(a, v);
        else if (strcmp(a, "--collect-bytes") == 0) o->collect_bytes = parse_count(a, v);
        else if (strcmp(a, "--collect") == 0) {
            if (!v || o->ncollect == MAX_COLLECT) die("--collect needs a pattern (at most %d)", MAX_COLLECT);
            o->collect[o->ncollect++] = v;
        } else die("unknown option '%s' (the program's argv follows '--')", a);
        i++;
    }
    if (i >= nargs) die("a job needs a program after '--'");
    o->argv = args + i;
}

/* A path the host sent is relative and stays below the working directory. */
static bool safe_relative_path(const char *p) {
    if (!*p || *p == '/') return false;
    for (const char *seg = p; seg && *seg;) {
        const char *slash = strchr(seg, '/');
        size_t n = slash ? (size_t)(slash - seg) : strlen(seg);
        if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.')) return false;
        seg = slash ? slash + 1 : NULL;
    }
    return true;
}

static bool set_setup_error(struct job *j, const char *what, const char *path, int err) {
    if (!j->setup_error[0]) snprintf(j->setup_error, sizeof j->setup_error, "%s %.300s: %s", what, path, strerror(err));
    return false;
}

/* Writes a file of the job into the working directory, creating its parent directories.
 * Failing here (no room, too many files) is the program's problem, not the sandbox's: the rest
 * of the frame is read and dropped, and the job reports the setup error. */
static void place_file(struct job *j, uint32_t len) {
    char head[4 + PATH_MAX + 1];
    size_t n = 0;
    for (;; n++) {
        if (n >= sizeof head || n >= len) die("malformed file frame");
        if (!read_exact(STDIN_FILENO, head + n, 1)) die("truncated frame payload");
        if (n >= 4 && head[n] == '\0') break;
    }
    uint64_t size = len - (n + 1);
    char mode_text[5] = {head[0], head[1], head[2], head[3], 0};
    mode_t mode = (mode_t)strtol(mode_text, NULL, 8) & 0777;
    char *name = head + 4;
    if (!safe_relative_path(name)) die("unsafe file path '%s'", name);
    int fd = -1;
    if (!j->setup_error[0]) {
        bool dirs = true;
        for (char *slash = strchr(name, '/'); dirs && slash; slash = strchr(slash + 1, '/')) {
            *slash = '\0';
            int rc = mkdir(name, 0755);
            int err = errno;
            if (rc < 0 && err != EEXIST) dirs = set_setup_error(j, "cannot create the directory of", name, err);
            *slash = '/';
        }
        if (dirs) {
            fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode | 0600);
            if (fd < 0) set_setup_error(j, "cannot create", name, errno);
        }
    }
    int err = stream_into(fd, size);
    if (fd >= 0) {
        if (err) set_setup_error(j, "cannot write", name, err);
        fchmod(fd, mode | 0600);
        close(fd);
    }
}

static void set_stdin(struct job *j, uint32_t len) {
    int fd = memfd_create("stdin", MFD_CLOEXEC);
    if (fd < 0) die("memfd_create: %s", strerror(errno));
    int err = stream_into(fd, len);
    if (err) set_setup_error(j, "cannot hold", "stdin", err);
    lseek(fd, 0, SEEK_SET);
    if (j->stdin_fd >= 0) close(j->stdin_fd);
    j->stdin_fd = fd;
}

/* Reads frames up to 'g'. False when the input ended cleanly before a job began. */
static bool read_job(struct job *j) {
    memset(j, 0, sizeof *j);
    j->stdin_fd = -1;
    for (bool started = false;; started = true) {
        int type;
        uint32_t len;
        if (!read_header(&type, &len)) {
            if (started) die("the input ended in the middle of a job");
            return false;
        }
        switch (type) {
        case 'a':
            if (j->nargs == MAX_ARGS) die("more than %d arguments", MAX_ARGS);
            j->args[j->nargs++] = read_small(len); /* kept: argv points into it */
            break;
        case 'f':
            place_file(j, len);
            break;
        case 'i':
            set_stdin(j, len);
            break;
        case 'g': {
            /* A job the host did not send (under gVisor a program can reach our stdin through
             * /proc/1/fd/0) lacks the nonce: refuse it and end, so the container is retired. */
            char *got = read_small(len);
            if (strcmp(got, nonce) != 0) die("a job without the host's nonce");
            free(got);
            return true;
        }
        default:
            die("unknown frame type %d", type);
        }
    }
}

static void free_job(struct job *j) {
    for (int i = 0; i < j->nargs; i++) free(j->args[i]);
    if (j->stdin_fd >= 0) close(j->stdin_fd);
}

/* ---- the program ---- */

static void set_limit(int resource, rlim_t value) {
    struct rlimit cur, want;
    if (getrlimit(resource, &cur) < 0) return;
    /* An unprivileged process cannot raise its hard limit; clamp instead of failing. */
    if (cur.rlim_max != RLIM_INFINITY && value > cur.rlim_max) value = cur.rlim_max;
    want.rlim_cur = value;
    want.rlim_max = value;
    setrlimit(resource, &want);
}

static void start_child(const struct options *o, int stdin_fd, int out_w, int err_w) {
    /* Ignored dispositions survive exec. */
    signal(SIGPIPE, SIG_DFL);
    signal(SIGXFSZ, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    if (dup2(stdin_fd, STDIN_FILENO) < 0 || dup2(out_w, STDOUT_FILENO) < 0 || dup2(err_w, STDERR_FILENO) < 0)
        _exit(127);
    /* Nothing else leaks into the program: not our stdin (jobs) nor our stdout (frames). */
    syscall(SYS_close_range, 3U, ~0U, 0U);

    set_limit(RLIMIT_CORE, 0);
    if (o->fsize_bytes) set_limit(RLIMIT_FSIZE, (rlim_t)o->fsize_bytes);
    if (o->nofile) set_limit(RLIMIT_NOFILE, (rlim_t)o->nofile);
    if (o->cpu_ms) {
        /* A backstop only: the supervisor's metering is what enforces the limit. */
        struct rlimit cpu;
        cpu.rlim_cur = (rlim_t)((o->cpu_ms + 999) / 1000 + 1);
        cpu.rlim_max = cpu.rlim_cur + 1;
        setrlimit(RLIMIT_CPU, &cpu);
    }
    int adj = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (adj >= 0) {
        ssize_t ignored = write(adj, "1000", 4);
        (void)ignored;
        close(adj);
    }
    execvp(o->argv[0], o->argv);
    dprintf(STDERR_FILENO, "sandflow-run: cannot execute %s: %s\n", o->argv[0], strerror(errno));
    _exit(127);
}

/* ---- metering ---- */

static long long timeval_ms(struct timeval a, struct timeval b) {
    return (long long)(a.tv_sec + b.tv_sec) * 1000 + (a.tv_usec + b.tv_usec) / 1000;
}

static long long self_cpu_us(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

static int open_first(const char *const *paths, int *which) {
    for (int i = 0; paths[i]; i++) {
        int fd = open(paths[i], O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            *which = i;
            return fd;
        }
    }
    return -1;
}

static void open_cgroup_files(void) {
    static const char *const cpu[] = {"/sys/fs/cgroup/cpu.stat", "/sys/fs/cgroup/cpuacct/cpuacct.usage",
                                      "/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage", NULL};
    static const char *const oom[] = {"/sys/fs/cgroup/memory.events", "/sys/fs/cgroup/memory/memory.oom_control", NULL};
    int which = 0;
    cgroup_cpu_fd = open_first(cpu, &which);
    cgroup_v2 = cgroup_cpu_fd >= 0 && which == 0;
    cgroup_oom_fd = open_first(oom, &which);
}

/* Value of "key N" in a flat-keyed cgroup file; -1 when absent or unreadable. */
static long long keyed_value(int fd, const char *key) {
    char buf[4096];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0) return -1;
    buf[n] = '\0';
    size_t klen = strlen(key);
    for (char *line = buf; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
        if (strncmp(line, key, klen) == 0 && line[klen] == ' ') return strtoll(line + klen + 1, NULL, 10);
    return -1;
}

/* CPU of every process in the container's cgroup, in microseconds; -1 without a cgroup. */
static long long cgroup_cpu_us(void) {
    if (cgroup_cpu_fd < 0) return -1;
    if (cgroup_v2) return keyed_value(cgroup_cpu_fd, "usage_usec");
    char buf[64];
    ssize_t n = pread(cgroup_cpu_fd, buf, sizeof buf - 1, 0);
    if (n <= 0) return -1;
    buf[n] = '\0';
    return strtoll(buf, NULL, 10) / 1000;
}

static long long oom_kills(void) {
    return cgroup_oom_fd < 0 ? -1 : keyed_value(cgroup_oom_fd, "oom_kill");
}

/* utime+stime of one live process, in ms; 0 when it is gone. Its reaped children were
 * counted when we reaped it, or are counted in its cutime here. */
static long long proc_cpu_ms(long pid) {
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = '\0';
    /* The command name may contain anything, ')' included. */
    char *p = strrchr(buf, ')');
    if (!p) return 0;
    p++;
    unsigned long long t[4] = {0, 0, 0, 0};
    int field = 2;
    char *save = NULL;
    for (char *tok = strtok_r(p, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        field++;
        if (field >= 14 && field <= 17) t[field - 14] = strtoull(tok, NULL, 10);
        if (field == 17) break;
    }
    return (long long)((t[0] + t[1] + t[2] + t[3]) * 1000ULL / (unsigned long long)clock_ticks);
}

/* Fallback metering: what was reaped in this job plus every live process's own time. */
static long long tree_cpu_ms(const struct outcome *r) {
    long long total = r->reaped_cpu_ms;
    DIR *d = opendir("/proc");
    if (!d) return total;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!isdigit((unsigned char)e->d_name[0])) continue;
        long pid = strtol(e->d_name, NULL, 10);
        if (pid == 1 || pid == getpid()) continue;
        total += proc_cpu_ms(pid);
    }
    closedir(d);
    return total;
}

struct meter {
    long long cgroup_us;
    long long self_us;
    long long oom;
};

static struct meter meter_now(void) {
    struct meter m = {cgroup_cpu_us(), self_cpu_us(), oom_kills()};
    return m;
}

/* The program tree's CPU since `start`, in ms. */
static long long job_cpu_ms(const struct meter *start, const struct outcome *r) {
    long long cg = cgroup_cpu_us();
    if (cg < 0 || start->cgroup_us < 0) return tree_cpu_ms(r);
    long long own = self_cpu_us() - start->self_us;
    long long us = (cg - start->cgroup_us) - own;
    return us > 0 ? us / 1000 : 0;
}

/* ---- relaying ---- */

/* Reads what is there from one pipe; returns false at end of file. */
static bool pump(int from, int type, const struct options *o, struct outcome *r) {
    char buf[CHUNK];
    ssize_t n = read(from, buf, sizeof buf);
    if (n < 0) return errno == EINTR || errno == EAGAIN;
    if (n == 0) return false;
    if (r->output_exceeded) return true; /* draining after the cut: discard */
    size_t keep = (size_t)n;
    if (o->output_bytes && output_total + n > o->output_bytes) {
        keep = (size_t)(o->output_bytes - output_total);
        r->output_exceeded = true;
    }
    if (keep) send_frame(type, buf, keep, NULL, 0);
    output_total += (long long)keep;
    return true;
}

static void note_exit(pid_t pid, int status, const struct rusage *ru, pid_t main_pid, struct outcome *r) {
    if (ru->ru_maxrss > r->max_rss_kb) r->max_rss_kb = ru->ru_maxrss;
    r->reaped_cpu_ms += timeval_ms(ru->ru_utime, ru->ru_stime);
    if (pid == main_pid) {
        r->main_done = true;
        r->main_status = status;
    }
}

static void reap_ready(pid_t main_pid, struct outcome *r) {
    int status;
    struct rusage ru;
    pid_t pid;
    while ((pid = wait4(-1, &status, WNOHANG, &ru)) > 0) note_exit(pid, status, &ru, main_pid, r);
}

/* Kills every process this one may signal (all of the sandbox but itself) until none is
 * left to reap. Repeated because a process may be mid-fork when the first kill lands. As pid 1
 * every process of the namespace ends up its child, so ECHILD means none is left at all. */
static void kill_and_reap_all(pid_t main_pid, struct outcome *r) {
    for (;;) {
        kill(-1, SIGKILL);
        int status;
        struct rusage ru;
        pid_t pid = wait4(-1, &status, WNOHANG, &ru);
        if (pid > 0) { note_exit(pid, status, &ru, main_pid, r); continue; }
        if (pid < 0 && errno == ECHILD) return;
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
    }
}

static void supervise(const struct options *o, pid_t main_pid, long long started, const struct meter *m, int fds[2], struct outcome *r) {
    const int types[2] = {OUT_STDOUT, OUT_STDERR};
    bool open_[2] = {true, true};
    long long next_check = 0;
    while (!r->main_done) {
        struct pollfd p[2];
        int idx[2], n = 0;
        for (int i = 0; i < 2; i++)
            if (open_[i]) { p[n].fd = fds[i]; p[n].events = POLLIN; idx[n] = i; n++; }
        if (n > 0) {
            if (poll(p, (nfds_t)n, TICK_MS) > 0)
                for (int k = 0; k < n; k++)
                    if (p[k].revents & (POLLIN | POLLHUP | POLLERR))
                        open_[idx[k]] = pump(fds[idx[k]], types[idx[k]], o, r);
        } else {
            struct timespec pause = {0, TICK_MS * 1000000L};
            nanosleep(&pause, NULL);
        }
        reap_ready(main_pid, r);
        if (r->main_done || r->output_exceeded) break;
        long long now = now_ms();
        /* A busy output stream wakes poll at once; the limits are still checked once a tick. */
        if (now < next_check) continue;
        next_check = now + TICK_MS;
        if (o->wall_ms && now - started > o->wall_ms) { r->wall_exceeded = true; break; }
        if (o->cpu_ms) {
            long long cpu = job_cpu_ms(m, r);
            if (cpu > r->seen_cpu_ms) r->seen_cpu_ms = cpu;
            if (cpu > o->cpu_ms) { r->cpu_exceeded = true; break; }
        }
    }
    r->wall_ms = now_ms() - started;
    kill_and_reap_all(main_pid, r);
    /* Every writer is dead now: what is left in the pipes ends in end of file. */
    for (int i = 0; i < 2; i++)
        while (open_[i] && pump(fds[i], types[i], o, r)) {
            struct pollfd p = {fds[i], POLLIN, 0};
            if (poll(&p, 1, 0) <= 0) break;
        }
}

/* ---- collecting files ---- */

static bool collected(const struct options *o, const char *name) {
    for (int i = 0; i < o->ncollect; i++)
        if (fnmatch(o->collect[i], name, 0) == 0) return true;
    return false;
}

/* Sends the regular files directly in the working directory that match --collect, up to
 * --collect-bytes in all. Returns an error message, or NULL. */
static const char *collect_files(const struct options *o, char *err, size_t errlen) {
    DIR *d = opendir(".");
    if (!d) return "cannot list the working directory";
    long long total = 0;
    struct dirent *e;
    const char *failure = NULL;
    while (!failure && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !collected(o, e->d_name)) continue;
        int fd = open(e->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
            if (fd >= 0) close(fd);
            continue; /* links, directories, fifos: never an artifact */
        }
        total += st.st_size;
        if (o->collect_bytes && total > o->collect_bytes) {
            snprintf(err, errlen, "the compiler's output is larger than %lld bytes", o->collect_bytes);
            failure = err;
        } else {
            /* Streamed in chunks: the frame's length is promised up front, and every process
             * that could change the file is dead. */
            char head[4 + NAME_MAX + 1];
            int n = snprintf(head, sizeof head, "%04o%s", (unsigned)(st.st_mode & 0777), e->d_name);
            send_header(OUT_FILE, (uint32_t)((size_t)n + 1 + (size_t)st.st_size));
            write_all(STDOUT_FILENO, head, (size_t)n + 1);
            char buf[CHUNK];
            for (off_t left = st.st_size; left > 0;) {
                size_t want = left < (off_t)sizeof buf ? (size_t)left : sizeof buf;
                if (!read_exact(fd, buf, want)) die("the compiler's output %.200s shrank while it was sent", e->d_name);
                write_all(STDOUT_FILENO, buf, want);
                left -= (off_t)want;
            }
        }
        close(fd);
    }
    closedir(d);
    return failure;
}

/* ---- wiping ---- */

static bool empty_dir(int dirfd, int depth);

static bool remove_entry(int dirfd, const char *name, int depth) {
    if (unlinkat(dirfd, name, 0) == 0) return true;
    if (errno != EISDIR && errno != EPERM) return errno == ENOENT;
    /* A directory: make it ours to enter (the program may have set mode 000), empty it, drop it. */
    int sub = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub < 0) {
        fchmodat(dirfd, name, 0700, 0);
        sub = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (sub < 0) return false;
    fchmod(sub, 0700);
    bool ok = empty_dir(sub, depth + 1);
    close(sub);
    return ok && unlinkat(dirfd, name, AT_REMOVEDIR) == 0;
}

/* Removes everything below dirfd. Too deep a tree fails the wipe (the container is retired). */
static bool empty_dir(int dirfd, int depth) {
    if (depth > MAX_WIPE_DEPTH) return false;
    int scan = dup(dirfd);
    if (scan < 0) return false;
    DIR *d = fdopendir(scan);
    if (!d) { close(scan); return false; }
    bool ok = true;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (!remove_entry(dirfd, e->d_name, depth)) ok = false;
    }
    closedir(d);
    return ok;
}

/* The writable places a program may litter, with their modes as the container started. */
static struct {
    const char *path;
    mode_t mode;
    bool present;
} writable[] = {{WORK_DIR, 0, false}, {"/tmp", 0, false}, {"/dev/shm", 0, false}, {"/dev/mqueue", 0, false}};
#define NWRITABLE (sizeof writable / sizeof writable[0])

static void note_writable_modes(void) {
    for (size_t i = 0; i < NWRITABLE; i++) {
        struct stat st;
        writable[i].present = stat(writable[i].path, &st) == 0;
        writable[i].mode = st.st_mode & 07777;
    }
}

/* Empties a writable mount point and restores its mode; one the container lacks is fine. */
static bool wipe_mount(const char *path, mode_t mode) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st;
    bool ours = fstat(fd, &st) == 0 && st.st_uid == getuid();
    if (ours) fchmod(fd, 0700);
    bool ok = empty_dir(fd, 0);
    if (ours && fchmod(fd, mode) < 0) ok = false;
    close(fd);
    return ok;
}

/* Removes SysV IPC objects through the ids that /proc/sysvipc lists. */
static bool remove_ipc(const char *list, int (*rm)(int)) {
    FILE *f = fopen(list, "re");
    if (!f) return errno == ENOENT;
    char line[512];
    bool ok = true;
    if (fgets(line, sizeof line, f)) { /* header */
        while (fgets(line, sizeof line, f)) {
            long key, id;
            if (sscanf(line, "%ld %ld", &key, &id) == 2 && rm((int)id) < 0 && errno != EINVAL && errno != EIDRM) ok = false;
        }
    }
    fclose(f);
    return ok;
}

static int rm_shm(int id) { return shmctl(id, IPC_RMID, NULL); }
static int rm_sem(int id) { return semctl(id, 0, IPC_RMID); }
static int rm_msg(int id) { return msgctl(id, IPC_RMID, NULL); }

static bool wipe(void) {
    bool ok = true;
    for (size_t i = 0; i < NWRITABLE; i++)
        if (writable[i].present) ok = wipe_mount(writable[i].path, writable[i].mode) && ok;
    ok = remove_ipc("/proc/sysvipc/shm", rm_shm) && ok;
    ok = remove_ipc("/proc/sysvipc/sem", rm_sem) && ok;
    ok = remove_ipc("/proc/sysvipc/msg", rm_msg) && ok;
    /* The program may not have left the working directory usable for the next one. */
    if (chdir(WORK_DIR) < 0) ok = false;
    return ok;
}

/* Bytes on stdin now, when the host sends nothing until our report: the program wrote them. */
static bool input_waiting(void) {
    struct pollfd p = {STDIN_FILENO, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

/* ---- report ---- */

static void json_string(char *out, size_t cap, const char *s) {
    size_t n = 0;
    if (cap < 3) return;
    out[n++] = '"';
    for (; *s && n + 7 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') { out[n++] = '\\'; out[n++] = (char)c; }
        else if (c < 0x20) n += (size_t)snprintf(out + n, cap - n, "\\u%04x", c);
        else out[n++] = (char)c;
    }
    out[n++] = '"';
    out[n] = '\0';
}

static void report(const struct outcome *r, long long cpu_ms, long long oom_delta, bool cgroup_cpu,
                   const char *setup_error, const char *collect_error, bool clean) {
    char exit_code[16] = "null", sig[16] = "null", oom[8] = "null", setup[600] = "null", collect[600] = "null";
    if (r->main_done && WIFEXITED(r->main_status)) snprintf(exit_code, sizeof exit_code, "%d", WEXITSTATUS(r->main_status));
    if (r->main_done && WIFSIGNALED(r->main_status)) snprintf(sig, sizeof sig, "%d", WTERMSIG(r->main_status));
    if (oom_delta >= 0) snprintf(oom, sizeof oom, "%s", oom_delta > 0 ? "true" : "false");
    if (setup_error) json_string(setup, sizeof setup, setup_error);
    if (collect_error) json_string(collect, sizeof collect, collect_error);
    char line[2048];
    int n = snprintf(line, sizeof line,
                     "{\"exitCode\":%s,\"signal\":%s,\"cpuMs\":%lld,\"wallMs\":%lld,\"maxRssKb\":%lld,"
                     "\"cpuLimitExceeded\":%s,\"wallLimitExceeded\":%s,\"outputLimitExceeded\":%s,"
                     "\"oomKilled\":%s,\"cpuSource\":\"%s\",\"setupError\":%s,\"collectError\":%s,\"clean\":%s}",
                     exit_code, sig, cpu_ms, r->wall_ms, r->max_rss_kb,
                     r->cpu_exceeded ? "true" : "false", r->wall_exceeded ? "true" : "false",
                     r->output_exceeded ? "true" : "false", oom, cgroup_cpu ? "cgroup" : "tree",
                     setup, collect, clean ? "true" : "false");
    send_frame(OUT_REPORT, nonce, strlen(nonce), line, (size_t)n);
}

/* ---- one job ---- */

static void serve_job(struct job *j) {
    struct options o;
    parse_args(j->args, j->nargs, &o);
    struct outcome r;
    memset(&r, 0, sizeof r);
    output_total = 0;
    long long cpu_ms = 0, oom_delta = -1;
    const char *collect_error = NULL;
    char collect_err[320];
    struct meter m = meter_now();

    if (!j->setup_error[0]) {
        int stdin_fd = j->stdin_fd >= 0 ? j->stdin_fd : open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (stdin_fd < 0) die("cannot open /dev/null: %s", strerror(errno));
        int out[2], err[2];
        if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) die("pipe: %s", strerror(errno));
        long long started = now_ms();
        pid_t child = fork();
        if (child < 0) die("fork: %s", strerror(errno));
        if (child == 0) start_child(&o, stdin_fd, out[1], err[1]);
        if (stdin_fd != j->stdin_fd) close(stdin_fd);
        close(out[1]);
        close(err[1]);
        fcntl(out[0], F_SETFL, O_NONBLOCK);
        fcntl(err[0], F_SETFL, O_NONBLOCK);
        int fds[2] = {out[0], err[0]};
        supervise(&o, child, started, &m, fds, &r);
        close(out[0]);
        close(err[0]);
        cpu_ms = job_cpu_ms(&m, &r);
        if (r.seen_cpu_ms > cpu_ms) cpu_ms = r.seen_cpu_ms;
        long long oom_now = oom_kills();
        if (oom_now >= 0 && m.oom >= 0) oom_delta = oom_now - m.oom;
        bool succeeded = r.main_done && WIFEXITED(r.main_status) && WEXITSTATUS(r.main_status) == 0 &&
                         !r.cpu_exceeded && !r.wall_exceeded && !r.output_exceeded && oom_delta <= 0;
        if (o.ncollect > 0 && succeeded) collect_error = collect_files(&o, collect_err, sizeof collect_err);
    }
    bool clean = wipe() && !input_waiting();
    report(&r, cpu_ms, oom_delta, m.cgroup_us >= 0, j->setup_error[0] ? j->setup_error : NULL, collect_error, clean);
}

/* kill(-1) outside a sandbox would take every process of the user with it. */
static void refuse_outside_sandbox(void) {
    if (getuid() == 0 || geteuid() == 0) die("refusing to run as root");
    if (getpid() != 1) die("refusing to run as anything but pid 1 of a fresh pid namespace (pid %d)", getpid());
}

int main(int argc, char **argv) {
    refuse_outside_sandbox();
    if (argc != 2 || strcmp(argv[1], "--serve") != 0) die("usage: sandflow-run --serve (jobs arrive on stdin)");
    /* Same uid as the program: without this it could read our fds or ptrace us. */
    prctl(PR_SET_DUMPABLE, 0);
    take_nonce();
    clock_ticks = sysconf(_SC_CLK_TCK);
    if (clock_ticks <= 0) clock_ticks = 100;
    signal(SIGPIPE, SIG_IGN);
    /* A job's file past RLIMIT_FSIZE is its setup error (EFBIG), not our death. */
    signal(SIGXFSZ, SIG_IGN);
    open_cgroup_files();
    note_writable_modes();
    if (chdir(WORK_DIR) < 0) die("cannot enter %s: %s", WORK_DIR, strerror(errno));
    for (;;) {
        struct job j;
        if (!read_job(&j)) return 0;
        serve_job(&j);
        free_job(&j);
    }
}

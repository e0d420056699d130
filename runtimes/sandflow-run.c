/*
 * sandflow-run: the supervisor inside every sandbox container.
 *
 *   sandflow-run [--cpu-ms N] [--wall-ms N] [--output-bytes N] [--stdin FILE]
 *                [--copy-from DIR] [--fsize-bytes N] [--nofile N] -- PROG ARGS...
 *
 * Runs PROG with stdout and stderr relayed byte-exact, meters the CPU time of the whole
 * process tree, enforces the CPU, wall-clock and output limits, and finally appends one
 * report line to its own stderr:
 *
 *   @@SANDFLOW:<nonce>@@{"exitCode":...,"signal":...,"cpuMs":...,"wallMs":...,"maxRssKb":...,
 *                         "cpuLimitExceeded":...,"wallLimitExceeded":...,"outputLimitExceeded":...}\n
 *
 * The nonce comes from the environment variable SANDFLOW_NONCE, which is scrubbed before the
 * program starts, so the program (same uid) cannot forge a report: the supervisor is not
 * dumpable, hence its /proc/<pid>/environ, fd/ and mem stay closed to the program.
 *
 * It is meant to be the container's pid 1 (no --init): docker-init as pid 1 would be dumpable,
 * so the program could read the nonce from /proc/1/environ and write a forged report to
 * /proc/1/fd/2. As pid 1 it also cannot be killed from inside the sandbox. Because it ends with
 * kill(-1, SIGKILL), it refuses to run as root or outside a fresh pid namespace (pid or
 * parent pid 1): run on a host, that call would kill everything the user owns.
 *
 * Exit status: 0 after a report; 125 for its own failures (bad arguments, fork failure,
 * unreadable --stdin), with a message on stderr and no report.
 *
 * Memory is not limited here: the container's cgroup does that, and the program's
 * oom_score_adj of 1000 makes the kernel pick the program rather than the supervisor.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXIT_SUPERVISOR_FAILURE 125
#define TICK_MS 10
#define CHUNK 65536
#define MAX_NONCE 128

struct options {
    long long cpu_ms;       /* 0 = unlimited */
    long long wall_ms;      /* 0 = unlimited */
    long long output_bytes; /* 0 = unlimited */
    long long fsize_bytes;  /* 0 = leave as inherited */
    long long nofile;       /* 0 = leave as inherited */
    const char *stdin_file;
    const char *copy_from;
    char **argv;
};

struct outcome {
    bool main_done;
    int main_status;
    bool cpu_exceeded;
    bool wall_exceeded;
    bool output_exceeded;
    long long wall_ms;
};

static char nonce[MAX_NONCE + 1];
static long long output_total;
static long clock_ticks;

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

static long long parse_count(const char *flag, const char *value) {
    char *end;
    errno = 0;
    long long n = value ? strtoll(value, &end, 10) : -1;
    if (!value || errno || *end || end == value || n <= 0)
        die("%s needs a positive integer, got '%s'", flag, value ? value : "");
    return n;
}

static void parse_args(int argc, char **argv, struct options *o) {
    memset(o, 0, sizeof *o);
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--") == 0) { i++; break; }
        if (strcmp(a, "--cpu-ms") == 0) o->cpu_ms = parse_count(a, v);
        else if (strcmp(a, "--wall-ms") == 0) o->wall_ms = parse_count(a, v);
        else if (strcmp(a, "--output-bytes") == 0) o->output_bytes = parse_count(a, v);
        else if (strcmp(a, "--fsize-bytes") == 0) o->fsize_bytes = parse_count(a, v);
        else if (strcmp(a, "--nofile") == 0) o->nofile = parse_count(a, v);
        else if (strcmp(a, "--stdin") == 0) { if (!v) die("--stdin needs a file"); o->stdin_file = v; }
        else if (strcmp(a, "--copy-from") == 0) { if (!v) die("--copy-from needs a directory"); o->copy_from = v; }
        else die("unknown option '%s' (the program's argv follows '--')", a);
        i++;
    }
    if (i >= argc) die("usage: sandflow-run [options] -- PROG ARGS...");
    o->argv = argv + i;
}

/* Takes the nonce out of the environment, overwriting the value in place too: the
 * initial environment block would otherwise keep a copy. */
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

/* ---- --copy-from ---- */

static void copy_file(int srcdir, int dstdir, const char *name, mode_t mode) {
    int in = openat(srcdir, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (in < 0) die("copy: cannot open %s: %s", name, strerror(errno));
    /* The owner may always write its own copy, whatever the source's mode was. */
    int out = openat(dstdir, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, (mode & 0777) | 0200);
    if (out < 0) die("copy: cannot create %s: %s", name, strerror(errno));
    char buf[CHUNK];
    for (;;) {
        ssize_t n = read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) die("copy: cannot read %s: %s", name, strerror(errno));
        if (n == 0) break;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) die("copy: cannot write %s: %s", name, strerror(errno));
            off += w;
        }
    }
    /* The umask may have masked bits away; the program expects the source's mode. */
    fchmod(out, (mode & 0777) | 0200);
    close(in);
    close(out);
}

static void copy_tree(int srcdir, int dstdir) {
    int scan = dup(srcdir);
    if (scan < 0) die("copy: dup: %s", strerror(errno));
    DIR *d = fdopendir(scan);
    if (!d) die("copy: cannot list directory: %s", strerror(errno));
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        struct stat st;
        if (fstatat(srcdir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
            die("copy: cannot stat %s: %s", e->d_name, strerror(errno));
        if (S_ISDIR(st.st_mode)) {
            if (mkdirat(dstdir, e->d_name, (st.st_mode & 0777) | 0700) < 0 && errno != EEXIST)
                die("copy: cannot create directory %s: %s", e->d_name, strerror(errno));
            int s = openat(srcdir, e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
            int t = openat(dstdir, e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
            if (s < 0 || t < 0) die("copy: cannot open directory %s: %s", e->d_name, strerror(errno));
            copy_tree(s, t);
            close(s);
            close(t);
        } else if (S_ISREG(st.st_mode)) {
            copy_file(srcdir, dstdir, e->d_name, st.st_mode);
        } else if (S_ISLNK(st.st_mode)) {
            char target[PATH_MAX];
            ssize_t n = readlinkat(srcdir, e->d_name, target, sizeof target - 1);
            if (n < 0) die("copy: cannot read link %s: %s", e->d_name, strerror(errno));
            target[n] = '\0';
            if (symlinkat(target, dstdir, e->d_name) < 0 && errno != EEXIST)
                die("copy: cannot create link %s: %s", e->d_name, strerror(errno));
        }
        /* Devices, fifos and sockets are never part of a submission. */
    }
    closedir(d);
}

static void copy_from(const char *dir) {
    int src = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (src < 0) die("--copy-from %s: %s", dir, strerror(errno));
    int dst = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dst < 0) die("cannot open the working directory: %s", strerror(errno));
    copy_tree(src, dst);
    close(src);
    close(dst);
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
    signal(SIGPIPE, SIG_DFL); /* ignored dispositions survive exec */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    if (dup2(stdin_fd, STDIN_FILENO) < 0 || dup2(out_w, STDOUT_FILENO) < 0 || dup2(err_w, STDERR_FILENO) < 0)
        _exit(127);
    /* Nothing else leaks into the program, whatever the container was started with. */
    syscall(SYS_close_range, 3U, ~0U, 0U);

    set_limit(RLIMIT_CORE, 0);
    if (o->fsize_bytes) set_limit(RLIMIT_FSIZE, (rlim_t)o->fsize_bytes);
    if (o->nofile) set_limit(RLIMIT_NOFILE, (rlim_t)o->nofile);
    if (o->cpu_ms) {
        /* A backstop only: the supervisor's tree metering is what enforces the limit. */
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

static long long rusage_ms(const struct rusage *ru) {
    return (long long)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000 +
           (ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1000;
}

/* utime+stime+cutime+cstime of one live process, in ms; 0 when it is gone. */
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
    /* After ')': state is field 3; utime..cstime are fields 14..17. */
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

static long long tree_cpu_ms(void) {
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    long long total = rusage_ms(&ru);
    pid_t self = getpid();
    DIR *d = opendir("/proc");
    if (!d) return total;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!isdigit((unsigned char)e->d_name[0])) continue;
        long pid = strtol(e->d_name, NULL, 10);
        if (pid == 1 || pid == self) continue;
        total += proc_cpu_ms(pid);
    }
    closedir(d);
    return total;
}

/* ---- relaying ---- */

static void write_all(int fd, const char *buf, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return; /* the reader went away; nothing sensible is left to do */
        buf += w;
        n -= (size_t)w;
    }
}

/* Reads what is there from one pipe; returns false at end of file. */
static bool pump(int from, int to, const struct options *o, struct outcome *r) {
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
    write_all(to, buf, keep);
    output_total += (long long)keep;
    return true;
}

static void note_exit(pid_t pid, int status, pid_t main_pid, struct outcome *r) {
    if (pid == main_pid) {
        r->main_done = true;
        r->main_status = status;
    }
}

static void reap_ready(pid_t main_pid, struct outcome *r) {
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) note_exit(pid, status, main_pid, r);
}

/* Kills every process this one may signal (all of the sandbox but init and itself) until
 * none is left to reap. Repeated because a process may be mid-fork when the first kill lands. */
static void kill_and_reap_all(pid_t main_pid, struct outcome *r) {
    for (;;) {
        kill(-1, SIGKILL);
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid > 0) { note_exit(pid, status, main_pid, r); continue; }
        if (pid < 0 && errno == ECHILD) return;
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
    }
}

static void supervise(const struct options *o, pid_t main_pid, long long started, int fds[2], struct outcome *r) {
    const int to[2] = {STDOUT_FILENO, STDERR_FILENO};
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
                        open_[idx[k]] = pump(fds[idx[k]], to[idx[k]], o, r);
        } else {
            struct timespec pause = {0, TICK_MS * 1000000L};
            nanosleep(&pause, NULL);
        }
        reap_ready(main_pid, r);
        if (r->main_done || r->output_exceeded) break;
        long long now = now_ms();
        /* A busy output stream wakes poll at once; the /proc scan still runs once a tick. */
        if (now < next_check) continue;
        next_check = now + TICK_MS;
        if (o->wall_ms && now - started > o->wall_ms) { r->wall_exceeded = true; break; }
        if (o->cpu_ms && tree_cpu_ms() > o->cpu_ms) { r->cpu_exceeded = true; break; }
    }
    r->wall_ms = now_ms() - started;
    kill_and_reap_all(main_pid, r);
    /* Every writer is dead now: what is left in the pipes ends in end of file. */
    for (int i = 0; i < 2; i++)
        while (open_[i] && pump(fds[i], to[i], o, r)) {
            struct pollfd p = {fds[i], POLLIN, 0};
            if (poll(&p, 1, 0) <= 0) break;
        }
}

static void report(const struct outcome *r) {
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    char exit_code[16] = "null", sig[16] = "null";
    if (r->main_done && WIFEXITED(r->main_status)) snprintf(exit_code, sizeof exit_code, "%d", WEXITSTATUS(r->main_status));
    if (r->main_done && WIFSIGNALED(r->main_status)) snprintf(sig, sizeof sig, "%d", WTERMSIG(r->main_status));
    char line[1024];
    int n = snprintf(line, sizeof line,
                     "@@SANDFLOW:%s@@{\"exitCode\":%s,\"signal\":%s,\"cpuMs\":%lld,\"wallMs\":%lld,\"maxRssKb\":%ld,"
                     "\"cpuLimitExceeded\":%s,\"wallLimitExceeded\":%s,\"outputLimitExceeded\":%s}\n",
                     nonce, exit_code, sig, rusage_ms(&ru), r->wall_ms, ru.ru_maxrss,
                     r->cpu_exceeded ? "true" : "false", r->wall_exceeded ? "true" : "false",
                     r->output_exceeded ? "true" : "false");
    write_all(STDERR_FILENO, line, (size_t)n);
}

/* kill(-1) outside a sandbox would take every process of the user with it. */
static void refuse_outside_sandbox(void) {
    if (getuid() == 0 || geteuid() == 0) die("refusing to run as root");
    if (getpid() != 1 && getppid() != 1) die("refusing to run outside a fresh pid namespace (pid %d)", getpid());
}

int main(int argc, char **argv) {
    refuse_outside_sandbox();
    /* Same uid as the program: without this it could read our environ and fds or ptrace us. */
    prctl(PR_SET_DUMPABLE, 0);
    /* Orphans come to us (when we are not init anyway), so their CPU time is counted. */
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    take_nonce();
    struct options o;
    parse_args(argc, argv, &o);
    clock_ticks = sysconf(_SC_CLK_TCK);
    if (clock_ticks <= 0) clock_ticks = 100;
    signal(SIGPIPE, SIG_IGN);

    if (o.copy_from) copy_from(o.copy_from);

    int stdin_fd = open(o.stdin_file ? o.stdin_file : "/dev/null", O_RDONLY | O_CLOEXEC);
    if (stdin_fd < 0) die("cannot open stdin file %s: %s", o.stdin_file ? o.stdin_file : "/dev/null", strerror(errno));
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) die("pipe: %s", strerror(errno));

    long long started = now_ms();
    pid_t child = fork();
    if (child < 0) die("fork: %s", strerror(errno));
    if (child == 0) start_child(&o, stdin_fd, out[1], err[1]);

    close(stdin_fd);
    close(out[1]);
    close(err[1]);
    fcntl(out[0], F_SETFL, O_NONBLOCK);
    fcntl(err[0], F_SETFL, O_NONBLOCK);

    struct outcome r;
    memset(&r, 0, sizeof r);
    int fds[2] = {out[0], err[0]};
    supervise(&o, child, started, fds, &r);
    report(&r);
    return 0;
}

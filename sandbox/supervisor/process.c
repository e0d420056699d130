/* sandflow-run: starting the program under its limits, relaying its output and enforcing the limits until every process is gone. */
#include "protocol.h"

long long output_total;

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

void start_child(const struct options *o, int stdin_fd, int out_w, int err_w) {
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

void supervise(const struct options *o, pid_t main_pid, long long started, const struct meter *m, int fds[2], struct outcome *r) {
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

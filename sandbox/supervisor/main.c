/* sandflow-run: pid 1 of every sandbox container; protocol.h documents the protocol. */
#include "protocol.h"

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

/* sandflow-run: CPU, memory and OOM metering from the container's cgroup, or the process tree without one. */
#include "protocol.h"

long clock_ticks;
static int cgroup_cpu_fd = -1;  /* cpu.stat (v2) or cpuacct.usage (v1) */
static bool cgroup_v2;
static int cgroup_oom_fd = -1;  /* memory.events (v2) or memory.oom_control (v1) */

long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- metering ---- */

long long timeval_ms(struct timeval a, struct timeval b) {
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

void open_cgroup_files(void) {
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

long long oom_kills(void) {
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


struct meter meter_now(void) {
    struct meter m = {cgroup_cpu_us(), self_cpu_us(), oom_kills()};
    return m;
}

/* The program tree's CPU since `start`, in ms. */
long long job_cpu_ms(const struct meter *start, const struct outcome *r) {
    long long cg = cgroup_cpu_us();
    if (cg < 0 || start->cgroup_us < 0) return tree_cpu_ms(r);
    long long own = self_cpu_us() - start->self_us;
    long long us = (cg - start->cgroup_us) - own;
    return us > 0 ? us / 1000 : 0;
}

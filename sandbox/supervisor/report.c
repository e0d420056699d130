/* sandflow-run: what a job sends back after it ran: the collected files and the report. */
#include "protocol.h"

/* ---- collecting files ---- */

static bool collected(const struct options *o, const char *name) {
    for (int i = 0; i < o->ncollect; i++)
        if (fnmatch(o->collect[i], name, 0) == 0) return true;
    return false;
}

/* Sends the regular files directly in the working directory that match --collect, up to
 * --collect-bytes in all. Returns an error message, or NULL. */
const char *collect_files(const struct options *o, char *err, size_t errlen) {
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

void report(const struct outcome *r, long long cpu_ms, long long oom_delta, bool cgroup_cpu,
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

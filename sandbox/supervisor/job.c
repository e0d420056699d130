/* sandflow-run: reading one job (its options, files and stdin) from the host's frames. */
#include "protocol.h"

/* ---- job input ---- */

static long long parse_count(const char *flag, const char *value) {
    char *end;
    errno = 0;
    long long n = value ? strtoll(value, &end, 10) : -1;
    if (!value || errno || *end || end == value || n <= 0)
        die("%s needs a positive integer, got '%s'", flag, value ? value : "");
    return n;
}

void parse_args(char **args, int nargs, struct options *o) {
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
bool read_job(struct job *j) {
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
        case IN_ARG:
            if (j->nargs == MAX_ARGS) die("more than %d arguments", MAX_ARGS);
            j->args[j->nargs++] = read_small(len); /* kept: argv points into it */
            break;
        case IN_FILE:
            place_file(j, len);
            break;
        case IN_STDIN:
            set_stdin(j, len);
            break;
        case IN_GO: {
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

void free_job(struct job *j) {
    for (int i = 0; i < j->nargs; i++) free(j->args[i]);
    if (j->stdin_fd >= 0) close(j->stdin_fd);
}

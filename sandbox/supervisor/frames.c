/* sandflow-run: the frames on its stdin and stdout, and the container's nonce (see protocol.h). */
#include "protocol.h"

char nonce[MAX_NONCE + 1];

void die(const char *fmt, ...) {
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dprintf(STDERR_FILENO, "sandflow-run: %s\n", msg);
    _exit(EXIT_SUPERVISOR_FAILURE);
}

/* ---- frames ---- */

bool read_exact(int fd, void *buf, size_t n) {
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

void write_all(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) die("the host stopped reading: %s", w < 0 ? strerror(errno) : "short write");
        p += w;
        n -= (size_t)w;
    }
}

void send_header(int type, uint32_t len) {
    unsigned char h[FRAME_HEADER_BYTES] = {(unsigned char)type, 0, 0, 0};
    h[4] = (unsigned char)(len >> 24);
    h[5] = (unsigned char)(len >> 16);
    h[6] = (unsigned char)(len >> 8);
    h[7] = (unsigned char)len;
    write_all(STDOUT_FILENO, h, sizeof h);
}

void send_frame(int type, const void *a, size_t na, const void *b, size_t nb) {
    send_header(type, (uint32_t)(na + nb));
    if (na) write_all(STDOUT_FILENO, a, na);
    if (nb) write_all(STDOUT_FILENO, b, nb);
}

/* Reads a frame header; false at end of input before one. */
bool read_header(int *type, uint32_t *len) {
    unsigned char h[FRAME_HEADER_BYTES];
    ssize_t first = read(STDIN_FILENO, h, 1);
    while (first < 0 && errno == EINTR) first = read(STDIN_FILENO, h, 1);
    if (first == 0) return false;
    if (first < 0 || !read_exact(STDIN_FILENO, h + 1, FRAME_HEADER_BYTES - 1)) die("truncated frame header");
    *type = h[0];
    *len = (uint32_t)h[4] << 24 | (uint32_t)h[5] << 16 | (uint32_t)h[6] << 8 | (uint32_t)h[7];
    return true;
}

/* A small payload (an argument, the nonce), NUL-terminated. */
char *read_small(uint32_t len) {
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
int stream_into(int fd, uint64_t len) {
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
void take_nonce(void) {
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

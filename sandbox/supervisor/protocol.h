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
#ifndef SANDFLOW_RUN_PROTOCOL_H
#define SANDFLOW_RUN_PROTOCOL_H

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

/* The frames' header (see above), and their types. test/unit/sandbox-protocol.test.ts holds the
 * host's side to these values. */
#define FRAME_HEADER_BYTES 8
enum { IN_ARG = 'a', IN_FILE = 'f', IN_STDIN = 'i', IN_GO = 'g' };
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

/* ---- state shared between the files ---- */

extern char nonce[MAX_NONCE + 1];       /* frames.c */
extern long long output_total;          /* process.c: bytes of output relayed in this job */
extern long clock_ticks;                /* metering.c */

struct meter {
    long long cgroup_us;
    long long self_us;
    long long oom;
};

/* frames.c */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
bool read_exact(int fd, void *buf, size_t n);
void write_all(int fd, const void *buf, size_t n);
void send_header(int type, uint32_t len);
void send_frame(int type, const void *a, size_t na, const void *b, size_t nb);
bool read_header(int *type, uint32_t *len);
char *read_small(uint32_t len);
int stream_into(int fd, uint64_t len);
void take_nonce(void);

/* job.c */
void parse_args(char **args, int nargs, struct options *o);
bool read_job(struct job *j);
void free_job(struct job *j);

/* metering.c */
long long now_ms(void);
long long timeval_ms(struct timeval a, struct timeval b);
void open_cgroup_files(void);
long long oom_kills(void);
struct meter meter_now(void);
long long job_cpu_ms(const struct meter *start, const struct outcome *r);

/* process.c */
void start_child(const struct options *o, int stdin_fd, int out_w, int err_w);
void supervise(const struct options *o, pid_t main_pid, long long started, const struct meter *m, int fds[2], struct outcome *r);

/* wipe.c */
void note_writable_modes(void);
bool wipe(void);
bool input_waiting(void);

/* report.c */
const char *collect_files(const struct options *o, char *err, size_t errlen);
void report(const struct outcome *r, long long cpu_ms, long long oom_delta, bool cgroup_cpu,
            const char *setup_error, const char *collect_error, bool clean);

#endif

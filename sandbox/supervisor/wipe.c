/* sandflow-run: emptying what a job may have left behind, so the container can serve the next one. */
#include "protocol.h"

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

void note_writable_modes(void) {
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

bool wipe(void) {
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
bool input_waiting(void) {
    struct pollfd p = {STDIN_FILENO, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

/*
 * The file system's share of a build, measured alone (`make bench`, scenario "floor").
 *
 *   floor stat DIR THREADS < paths    fstatat() of each path below DIR (what a build does to
 *                                     learn which sources and outputs changed)
 *   floor write SRC DST THREADS < paths
 *                                     each file below SRC read into memory first, then, timed:
 *                                     every folder made once (mkdir) and every file written
 *                                     (open, write, close) below DST, which must not exist
 *
 * Paths are relative, one per line. The work is split into THREADS runs of consecutive paths,
 * as the build splits it over the cores. Prints one line of JSON: the count, wall seconds, and
 * user and system CPU seconds of the timed part. Nothing else is done: no hashing, no sync, no
 * rename. This is a lower bound for the same work in any program on the same machine.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char **paths;
static size_t count;
static char **contents;
static size_t *sizes;
static int base = -1;
static int failures;

struct part { size_t start, end; };

static double seconds(struct timeval t) { return t.tv_sec + t.tv_usec / 1e6; }

static void *stat_part(void *argument) {
    struct part *part = argument;
    struct stat info;
    for (size_t i = part->start; i < part->end; i++)
        if (fstatat(base, paths[i], &info, 0) != 0) __atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
    return NULL;
}

/* Makes the folders of `path` below `base`, each once: a folder is known made when the path
 * before it shares it with the previous path of the same part (paths are sorted). */
static void make_folders(const char *path, const char *previous) {
    size_t shared = 0;
    if (previous) {
        size_t i = 0;
        while (path[i] && path[i] == previous[i]) { if (path[i] == '/') shared = i + 1; i++; }
    }
    char folder[4096];
    for (size_t i = shared; path[i]; i++) {
        if (path[i] != '/') continue;
        memcpy(folder, path, i);
        folder[i] = 0;
        if (mkdirat(base, folder, 0755) != 0 && errno != EEXIST) __atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
    }
}

static void *write_part(void *argument) {
    struct part *part = argument;
    for (size_t i = part->start; i < part->end; i++) {
        make_folders(paths[i], i > part->start ? paths[i - 1] : NULL);
        int fd = openat(base, paths[i], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) { __atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED); continue; }
        size_t done = 0;
        while (done < sizes[i]) {
            ssize_t n = write(fd, contents[i] + done, sizes[i] - done);
            if (n <= 0) { __atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED); break; }
            done += (size_t)n;
        }
        close(fd);
    }
    return NULL;
}

static void read_paths(void) {
    size_t capacity = 1024;
    paths = malloc(capacity * sizeof *paths);
    char *line = NULL;
    size_t length = 0;
    ssize_t n;
    while ((n = getline(&line, &length, stdin)) > 0) {
        if (line[n - 1] == '\n') line[--n] = 0;
        if (n == 0) continue;
        if (count == capacity) paths = realloc(paths, (capacity *= 2) * sizeof *paths);
        paths[count++] = strdup(line);
    }
    free(line);
}

static int cores(const char *text) {
    int n = atoi(text);
    return n < 1 ? 1 : n > 64 ? 64 : n;
}

int main(int argc, char **argv) {
    int threads;
    if (argc == 4 && strcmp(argv[1], "stat") == 0) {
        threads = cores(argv[3]);
        base = open(argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } else if (argc == 5 && strcmp(argv[1], "write") == 0) {
        threads = cores(argv[4]);
        int source = open(argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (source < 0 || mkdir(argv[3], 0755) != 0) { perror(argv[3]); return 1; }
        base = open(argv[3], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        read_paths();
        contents = malloc(count * sizeof *contents);
        sizes = malloc(count * sizeof *sizes);
        for (size_t i = 0; i < count; i++) {
            int fd = openat(source, paths[i], O_RDONLY | O_CLOEXEC);
            struct stat info;
            if (fd < 0 || fstat(fd, &info) != 0) { perror(paths[i]); return 1; }
            sizes[i] = (size_t)info.st_size;
            contents[i] = malloc(sizes[i] + 1);
            size_t done = 0;
            while (done < sizes[i]) {
                ssize_t n = read(fd, contents[i] + done, sizes[i] - done);
                if (n <= 0) { perror(paths[i]); return 1; }
                done += (size_t)n;
            }
            close(fd);
        }
    } else {
        fprintf(stderr, "usage: floor stat DIR THREADS < paths | floor write SRC DST THREADS < paths\n");
        return 64;
    }
    if (base < 0) { perror(argv[2]); return 1; }
    if (!paths) read_paths();

    struct rusage before, after;
    struct timespec start, end;
    getrusage(RUSAGE_SELF, &before);
    clock_gettime(CLOCK_MONOTONIC, &start);
    pthread_t workers[64];
    struct part parts[64];
    for (int t = 0; t < threads; t++) {
        parts[t].start = count * t / threads;
        parts[t].end = count * (t + 1) / threads;
        pthread_create(&workers[t], NULL, strcmp(argv[1], "stat") == 0 ? stat_part : write_part, &parts[t]);
    }
    for (int t = 0; t < threads; t++) pthread_join(workers[t], NULL);
    clock_gettime(CLOCK_MONOTONIC, &end);
    getrusage(RUSAGE_SELF, &after);
    printf("{\"count\": %zu, \"failures\": %d, \"wall\": %.4f, \"user\": %.4f, \"sys\": %.4f}\n", count, failures,
           (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9,
           seconds(after.ru_utime) - seconds(before.ru_utime), seconds(after.ru_stime) - seconds(before.ru_stime));
    return failures ? 1 : 0;
}

/*
 * listener: accepts TCP connections on many ADDR:PORT endpoints and closes each at once. One thread, epoll,
 * non-blocking accept4 in a loop: a sweep of 65,536 addresses is accepted as fast as the kernel completes the
 * handshakes, so the accept queue never overflows (an overflow would look "filtered").
 * It closes normally (FIN), never with RST: an RST sent right after accept can reach the scanner before it reads its
 * connect() completion, which then fails with ECONNRESET and an open port looks closed.
 *
 * Usage: listener [-b BACKLOG] ENDPOINT...   ENDPOINT is 10.231.8.2:80, 0.0.0.0:443, [fd00:5eac:8::2]:80 or [::]:443
 * An endpoint written !ENDPOINT resets each connection right after accept instead (SO_LINGER 0), on purpose.
 * IPv6 sockets are IPv6-only. Prints "ready N" on stdout once every socket listens; runs until SIGTERM / SIGINT.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile sig_atomic_t stop;
static void on_signal(int sig) { (void)sig; stop = 1; }

static int open_listener(const char *spec, int backlog)
{
    char host[128];
    const char *colon = strrchr(spec, ':');
    if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof host) return -1;
    memcpy(host, spec, (size_t)(colon - spec));
    host[colon - spec] = 0;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 1 || port > 65535) return -1;

    struct sockaddr_storage ss;
    socklen_t len;
    memset(&ss, 0, sizeof ss);
    int family;
    if (host[0] == '[') {
        size_t n = strlen(host);
        if (n < 3 || host[n - 1] != ']') return -1;
        host[n - 1] = 0;
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((unsigned short)port);
        if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1) return -1;
        family = AF_INET6;
        len = sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((unsigned short)port);
        if (inet_pton(AF_INET, host, &a->sin_addr) != 1) return -1;
        family = AF_INET;
        len = sizeof *a;
    }

    int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&ss, len) != 0 || listen(fd, backlog) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int main(int argc, char **argv)
{
    int backlog = 65535;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-b") == 0) {
        backlog = atoi(argv[2]);
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: %s [-b BACKLOG] ADDR:PORT...\n", argv[0]);
        return 2;
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) { perror("epoll_create1"); return 1; }
    int count = 0;
    for (int i = first; i < argc; i++) {
        int reset = argv[i][0] == '!';
        int fd = open_listener(argv[i] + reset, backlog);
        if (fd < 0) {
            fprintf(stderr, "listener: cannot listen on %s: %s\n", argv[i], strerror(errno));
            return 1;
        }
        /* The low bit of the epoll data marks a resetting listener (fds are small, shifted left by one). */
        struct epoll_event ev = { .events = EPOLLIN, .data.u64 = ((uint64_t)fd << 1) | (uint64_t)reset };
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) != 0) { perror("epoll_ctl"); return 1; }
        count++;
    }
    printf("ready %d\n", count);
    fflush(stdout);

    struct linger rst = { .l_onoff = 1, .l_linger = 0 };
    struct epoll_event events[64];
    while (!stop) {
        int n = epoll_wait(ep, events, 64, 500);
        for (int i = 0; i < n; i++) {
            int fd = (int)(events[i].data.u64 >> 1);
            int reset = (int)(events[i].data.u64 & 1);
            for (int burst = 0; burst < 4096; burst++) {
                int c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
                if (c < 0) break; /* EAGAIN: queue drained; ECONNABORTED etc.: next round */
                if (reset) setsockopt(c, SOL_SOCKET, SO_LINGER, &rst, sizeof rst);
                close(c);
            }
        }
    }
    return 0;
}

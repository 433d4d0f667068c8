/*
 * connect-sweep: the floor for a TCP connect scan on this machine. A plain C loop: non-blocking connect to every
 * port of one IPv4 host, epoll for the answers, SO_LINGER {1,0} close (RST, no TIME_WAIT), at most INFLIGHT at once,
 * one thread. No retries and no per-port timeout: once nothing has answered for 100 ms (reach's timeout floor is 50 ms) the ports still waiting are
 * counted as silent and the time reported is that of the last answer. A speed reference, not a scanner.
 *
 *   cc -O2 -o connect-sweep connect-sweep.c
 *   connect-sweep 10.231.8.2 1 65535 4096     prints "ADDRESS PORT" per open port on stdout, and
 *                                             "open N closed N other N silent N seconds S" on stderr
 *
 * bench/scan.sh builds and runs it inside the bench lab's client namespace (never anywhere else).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void finish(int fd) {
  struct linger l = {1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  close(fd);
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s IPV4 FIRST LAST INFLIGHT\n", argv[0]);
    return 2;
  }
  struct sockaddr_in to = {.sin_family = AF_INET};
  if (inet_pton(AF_INET, argv[1], &to.sin_addr) != 1) {
    fprintf(stderr, "bad address\n");
    return 2;
  }
  int port = atoi(argv[2]), last = atoi(argv[3]), window = atoi(argv[4]);
  static int port_of[1 << 20]; /* by descriptor */
  int ep = epoll_create1(0), inflight = 0;
  long open_ = 0, closed = 0, other = 0;
  struct epoll_event events[1024];
  double start = now(), last_answer = start;
  while (port <= last || inflight > 0) {
    while (port <= last && inflight < window) {
      int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      if (fd < 0 || fd >= (1 << 20)) { if (fd >= 0) close(fd); break; }
      port_of[fd] = port;
      to.sin_port = htons(port++);
      if (connect(fd, (struct sockaddr *)&to, sizeof to) == 0) { open_++; printf("%s %d\n", argv[1], port_of[fd]); finish(fd); continue; }
      if (errno != EINPROGRESS) { if (errno == ECONNREFUSED) closed++; else other++; finish(fd); continue; }
      struct epoll_event ev = {.events = EPOLLOUT | EPOLLERR | EPOLLHUP, .data.fd = fd};
      epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
      inflight++;
    }
    int n = epoll_wait(ep, events, 1024, 20);
    if (n == 0 && port > last && now() - last_answer > 0.1) break; /* only silent ports left */
    if (n == 0 && now() - start > 30) break;                        /* bounded, whatever happens */
    if (n > 0) last_answer = now();
    for (int i = 0; i < n; i++) {
      int fd = events[i].data.fd, err = 0;
      socklen_t len = sizeof err;
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err == 0) { open_++; printf("%s %d\n", argv[1], port_of[fd]); } else if (err == ECONNREFUSED) closed++; else other++;
      finish(fd);
      inflight--;
    }
  }
  fprintf(stderr, "open %ld closed %ld other %ld silent %d seconds %.3f\n", open_, closed, other, inflight, last_answer - start);
  return 0;
}

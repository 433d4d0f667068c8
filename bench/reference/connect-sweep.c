/*
 * connect-sweep: the floor for a TCP connect scan on this machine. A plain C loop: non-blocking connect to every
 * port FIRST..LAST of every address of an IPv4 host or CIDR block, epoll for the answers, SO_LINGER {1,0} close (RST,
 * no TIME_WAIT), at most INFLIGHT at once, one thread. No retries and no per-port timeout: once nothing has answered
 * for 100 ms (reach's timeout floor is 50 ms) the probes still waiting are counted as silent and the time reported is
 * that of the last answer. A speed reference, not a scanner.
 *
 *   cc -O2 -o connect-sweep connect-sweep.c
 *   connect-sweep 10.231.8.2 1 65535 4096       all ports of one host
 *   connect-sweep 10.233.0.0/16 443 443 4096    port 443 over a /16
 *     prints "ADDRESS PORT" per open port on stdout, and "open N closed N other N silent N seconds S" on stderr
 *
 * bench/scan.sh builds and runs it inside the bench lab's client namespace (never anywhere else).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void print_open(uint32_t address, int port) {
  struct in_addr a = {.s_addr = htonl(address)};
  char text[INET_ADDRSTRLEN];
  printf("%s %d\n", inet_ntop(AF_INET, &a, text, sizeof text), port);
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s IPV4[/PREFIX] FIRST LAST INFLIGHT\n", argv[0]);
    return 2;
  }
  char host[64];
  snprintf(host, sizeof host, "%s", argv[1]);
  int prefix = 32;
  char *slash = strchr(host, '/');
  if (slash) { *slash = 0; prefix = atoi(slash + 1); }
  struct in_addr base;
  if (inet_pton(AF_INET, host, &base) != 1 || prefix < 8 || prefix > 32) {
    fprintf(stderr, "bad address or prefix (IPv4, /8 to /32)\n");
    return 2;
  }
  uint64_t count = 1ull << (32 - prefix);
  uint32_t first_address = ntohl(base.s_addr) & (uint32_t)~(count - 1);
  int first = atoi(argv[2]), last = atoi(argv[3]), window = atoi(argv[4]);
  if (first < 1 || last > 65535 || first > last || window < 1) {
    fprintf(stderr, "bad port range or window\n");
    return 2;
  }
  uint64_t ports = (uint64_t)(last - first + 1), total = count * ports, next = 0;
  static uint32_t address_of[1 << 20]; /* by descriptor */
  static int port_of[1 << 20];
  int ep = epoll_create1(0), inflight = 0;
  long open_ = 0, closed = 0, other = 0;
  struct epoll_event events[1024];
  struct sockaddr_in to = {.sin_family = AF_INET};
  double start = now(), last_answer = start;
  while (next < total || inflight > 0) {
    while (next < total && inflight < window) {
      int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      if (fd < 0 || fd >= (1 << 20)) { if (fd >= 0) close(fd); break; }
      uint32_t address = first_address + (uint32_t)(next / ports);
      int port = first + (int)(next % ports);
      next++;
      address_of[fd] = address;
      port_of[fd] = port;
      to.sin_addr.s_addr = htonl(address);
      to.sin_port = htons(port);
      if (connect(fd, (struct sockaddr *)&to, sizeof to) == 0) { open_++; print_open(address, port); finish(fd); continue; }
      if (errno != EINPROGRESS) { if (errno == ECONNREFUSED) closed++; else other++; finish(fd); continue; }
      struct epoll_event ev = {.events = EPOLLOUT | EPOLLERR | EPOLLHUP, .data.fd = fd};
      epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
      inflight++;
    }
    int n = epoll_wait(ep, events, 1024, 20);
    if (n == 0 && next >= total && now() - last_answer > 0.1) break; /* only silent probes left */
    if (n == 0 && now() - start > 60) break;                         /* bounded, whatever happens */
    if (n > 0) last_answer = now();
    for (int i = 0; i < n; i++) {
      int fd = events[i].data.fd, err = 0;
      socklen_t len = sizeof err;
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err == 0) { open_++; print_open(address_of[fd], port_of[fd]); } else if (err == ECONNREFUSED) closed++; else other++;
      finish(fd);
      inflight--;
    }
  }
  fprintf(stderr, "open %ld closed %ld other %ld silent %d seconds %.3f\n", open_, closed, other, inflight, last_answer - start);
  return 0;
}

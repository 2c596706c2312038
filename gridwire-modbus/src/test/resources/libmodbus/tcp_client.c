/*
 * A Modbus TCP client built on libmodbus, for Gridwire's server façade tests and throughput
 * figures: an implementation independent of ours.
 *
 * Usage: tcp_client PORT UNIT FC ADDR COUNT [REPEAT]
 *   FC 3 or 4: reads COUNT registers at ADDR, REPEAT times (default 1) on one connection.
 *   Prints "ok w1 w2 ..." (last answer), or "exception CODE", or "error TEXT"; with REPEAT > 1
 *   also "rate N.N" (answers per second, wall clock) and "answered N".
 */
#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 6) {
    fprintf(stderr, "usage: tcp_client PORT UNIT FC ADDR COUNT [REPEAT]\n");
    return 2;
  }
  int port = atoi(argv[1]), unit = atoi(argv[2]), fc = atoi(argv[3]), addr = atoi(argv[4]), count = atoi(argv[5]);
  long repeat = argc > 6 ? atol(argv[6]) : 1;
  if (count < 1 || count > 125 || (fc != 3 && fc != 4) || repeat < 1) {
    fprintf(stderr, "tcp_client: bad arguments\n");
    return 2;
  }
  modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);
  if (ctx == NULL || modbus_set_slave(ctx, unit) != 0 || modbus_connect(ctx) != 0) {
    printf("error cannot connect: %s\n", modbus_strerror(errno));
    return 1;
  }
  modbus_set_response_timeout(ctx, 5, 0);
  uint16_t regs[125];
  long answered = 0;
  int rc = -1;
  double start = now();
  for (long i = 0; i < repeat; i++) {
    rc = fc == 3 ? modbus_read_registers(ctx, addr, count, regs) : modbus_read_input_registers(ctx, addr, count, regs);
    if (rc < 0) break;
    answered++;
  }
  double elapsed = now() - start;
  if (rc < 0) {
    if (errno > MODBUS_ENOBASE && errno < MODBUS_ENOBASE + 20) printf("exception %d\n", errno - MODBUS_ENOBASE);
    else printf("error %s\n", modbus_strerror(errno));
  } else {
    printf("ok");
    for (int i = 0; i < rc; i++) printf(" %u", regs[i]);
    printf("\n");
  }
  if (repeat > 1) printf("answered %ld\nrate %.1f\n", answered, answered / elapsed);
  modbus_close(ctx);
  modbus_free(ctx);
  return 0;
}

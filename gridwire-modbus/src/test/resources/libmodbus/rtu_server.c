/*
 * A Modbus RTU slave built on libmodbus, for Gridwire's integration tests: an implementation
 * independent of ours, on a serial line (a pseudo-terminal that socat bridges to TCP, as a
 * serial-to-Ethernet converter does).
 *
 * Usage: rtu_server DEVICE UNIT START:COUNT [ADDR=VALUE ...] [refuse=FROM-TO:CODE ...]
 *                   [late=ADDR:MILLIS ...]
 *
 *   DEVICE          serial device to open (the pty's link)
 *   UNIT            unit id this slave answers (1..247); a request for another unit is ignored,
 *                   and so is the next frame, taken for that unit's answer (libmodbus 3.1)
 *   START:COUNT     holding registers mapped; libmodbus itself answers reads outside them with
 *                   exception 2 (illegal data address)
 *   ADDR=VALUE      seeds a holding register (0..65535)
 *   refuse=F-T:C    a request touching registers F..T is answered with exception code C (1..11)
 *   late=A:MS       a request touching register A is answered MS milliseconds late
 *
 * Prints "ready" on stdout once the line is open; logs each request on stderr. Exits 2 on bad
 * arguments, 1 when the line fails (the pty went away).
 */
#include <errno.h>
#include <stdarg.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_RULES 16

struct rule {
  int from;
  int to;
  int value; /* exception code or milliseconds */
};

static struct rule refusals[MAX_RULES];
static struct rule delays[MAX_RULES];
static int n_refusals;
static int n_delays;

static void usage(const char *why) {
  fprintf(stderr, "rtu_server: %s\nusage: rtu_server DEVICE UNIT START:COUNT [ADDR=VALUE ...] "
                  "[refuse=FROM-TO:CODE ...] [late=ADDR:MILLIS ...]\n", why);
  exit(2);
}

static int number(const char *s, int min, int max, const char *what) {
  char *end;
  long v = strtol(s, &end, 10);
  if (*s == '\0' || *end != '\0' || v < min || v > max) {
    fprintf(stderr, "rtu_server: %s must be %d..%d, got '%s'\n", what, min, max, s);
    exit(2);
  }
  return (int) v;
}

static void add_rule(struct rule *rules, int *n, int from, int to, int value) {
  if (*n == MAX_RULES) usage("too many rules");
  rules[*n].from = from;
  rules[*n].to = to;
  rules[*n].value = value;
  (*n)++;
}

/* The first rule whose register range overlaps [addr, addr + count), or NULL. */
static const struct rule *match(const struct rule *rules, int n, int addr, int count) {
  for (int i = 0; i < n; i++) {
    if (rules[i].from < addr + count && addr <= rules[i].to) return &rules[i];
  }
  return NULL;
}

static void parse_args(int argc, char **argv, modbus_mapping_t **map, int *unit) {
  char buf[64];
  if (argc < 4) usage("missing arguments");
  *unit = number(argv[2], 1, 247, "UNIT");
  int start, count;
  if (sscanf(argv[3], "%d:%d", &start, &count) != 2 || start < 0 || count < 1 || start + count > 65536) {
    usage("START:COUNT expected");
  }
  *map = modbus_mapping_new_start_address(0, 0, 0, 0, (unsigned) start, (unsigned) count, 0, 0);
  if (*map == NULL) usage("cannot allocate the register map");
  for (int i = 4; i < argc; i++) {
    int a, b, c;
    char tail;
    if (sscanf(argv[i], "refuse=%d-%d:%d%c", &a, &b, &c, &tail) == 3) {
      add_rule(refusals, &n_refusals, a, b, number(strchr(argv[i], ':') + 1, 1, MODBUS_EXCEPTION_MAX - 1, "exception code"));
    } else if (sscanf(argv[i], "late=%d:%d%c", &a, &c, &tail) == 2) {
      add_rule(delays, &n_delays, a, a, number(strchr(argv[i], ':') + 1, 1, 60000, "late millis"));
    } else if (sscanf(argv[i], "%d=%d%c", &a, &b, &tail) == 2) {
      snprintf(buf, sizeof buf, "value of register %d", a);
      b = number(strchr(argv[i], '=') + 1, 0, 65535, buf);
      if (a < start || a >= start + count) {
        fprintf(stderr, "rtu_server: register %d is outside the map %d:%d\n", a, start, count);
        exit(2);
      }
      (*map)->tab_registers[a - start] = (uint16_t) b;
    } else {
      fprintf(stderr, "rtu_server: cannot parse '%s'\n", argv[i]);
      exit(2);
    }
  }
}

/* Log line on stderr, stamped with wall-clock seconds.millis to line up with the test's log. */
static void note(const char *fmt, ...) {
  struct timespec now;
  va_list ap;
  clock_gettime(CLOCK_REALTIME, &now);
  fprintf(stderr, "rtu_server %lld.%03ld: ", (long long) now.tv_sec, now.tv_nsec / 1000000L);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
}

static void sleep_ms(int ms) {
  struct timespec t = {ms / 1000, (long) (ms % 1000) * 1000000L};
  while (nanosleep(&t, &t) == -1 && errno == EINTR) {
  }
}

/* Answers one request: late and/or refused when a rule says so, otherwise as libmodbus does. */
static int serve(modbus_t *ctx, const uint8_t *req, int len, modbus_mapping_t *map) {
  int off = modbus_get_header_length(ctx);
  int function = req[off];
  int addr = (req[off + 1] << 8) | req[off + 2];
  int count = (function >= 1 && function <= 4) ? (req[off + 3] << 8) | req[off + 4] : 1;
  const struct rule *late = match(delays, n_delays, addr, count);
  const struct rule *refused = match(refusals, n_refusals, addr, count);
  note("unit %d fc %d addr %d count %d%s%s\n", req[off - 1], function, addr, count,
          late ? " (late)" : "", refused ? " (refused)" : "");
  if (late) sleep_ms(late->value);
  if (refused) return modbus_reply_exception(ctx, req, (unsigned) refused->value);
  return modbus_reply(ctx, req, len, map);
}

int main(int argc, char **argv) {
  modbus_mapping_t *map;
  int unit;
  parse_args(argc, argv, &map, &unit);
  /* HGM9560 wiring: 9600 8N2; a pty ignores the speed, but libmodbus applies it like on a UART. */
  modbus_t *ctx = modbus_new_rtu(argv[1], 9600, 'N', 8, 2);
  if (ctx == NULL || modbus_set_slave(ctx, unit) == -1 || modbus_connect(ctx) == -1) {
    fprintf(stderr, "rtu_server: cannot open %s: %s\n", argv[1], modbus_strerror(errno));
    return 1;
  }
  printf("ready\n");
  fflush(stdout);
  uint8_t req[MODBUS_RTU_MAX_ADU_LENGTH];
  for (;;) {
    int len = modbus_receive(ctx, req);
    if (len > 0) {
      if (serve(ctx, req, len, map) == -1) note("reply failed: %s\n", modbus_strerror(errno));
    } else if (len == 0) {
      /* Like any slave on a shared RS-485 line, libmodbus ignores a request for another unit, and
       * then the next frame (or 500 ms of silence) as that unit's answer. */
      note("ignored a request for another unit, or the line's next turn after one\n");
    } else if (errno == EMBBADCRC || errno == EMBBADDATA || errno == ETIMEDOUT) {
      note("bad frame: %s\n", modbus_strerror(errno));
    } else {
      note("line failed: %s\n", modbus_strerror(errno));
      break;
    }
  }
  modbus_close(ctx);
  modbus_free(ctx);
  modbus_mapping_free(map);
  return 1;
}

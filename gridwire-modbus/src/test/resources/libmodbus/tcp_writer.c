/*
 * A Modbus TCP client built on libmodbus that writes, for Gridwire's server façade tests: an
 * implementation independent of ours.
 *
 * Usage: tcp_writer PORT UNIT FC ADDR V1 [V2 ...]
 *   FC 5: one coil (V1 0 or 1); 6: one register; 15: coils V1..Vn; 16: registers V1..Vn.
 *   Prints "ok", or "exception CODE", or "error TEXT".
 */
#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc < 6) {
    fprintf(stderr, "usage: tcp_writer PORT UNIT FC ADDR V1 [V2 ...]\n");
    return 2;
  }
  int port = atoi(argv[1]), unit = atoi(argv[2]), fc = atoi(argv[3]), addr = atoi(argv[4]);
  int n = argc - 5;
  if (n > 123 || (fc != 5 && fc != 6 && fc != 15 && fc != 16) || ((fc == 5 || fc == 6) && n != 1)) {
    fprintf(stderr, "tcp_writer: bad arguments\n");
    return 2;
  }
  uint16_t regs[123];
  uint8_t bits[123];
  for (int i = 0; i < n; i++) {
    regs[i] = (uint16_t) atoi(argv[5 + i]);
    bits[i] = (uint8_t) (atoi(argv[5 + i]) != 0);
  }
  modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);
  if (ctx == NULL || modbus_set_slave(ctx, unit) != 0 || modbus_connect(ctx) != 0) {
    printf("error cannot connect: %s\n", modbus_strerror(errno));
    return 1;
  }
  /* the façade answers once the write went through the ledger and was read back */
  modbus_set_response_timeout(ctx, 10, 0);
  int rc;
  switch (fc) {
    case 5: rc = modbus_write_bit(ctx, addr, bits[0]); break;
    case 6: rc = modbus_write_register(ctx, addr, regs[0]); break;
    case 15: rc = modbus_write_bits(ctx, addr, n, bits); break;
    default: rc = modbus_write_registers(ctx, addr, n, regs); break;
  }
  if (rc < 0) {
    if (errno > MODBUS_ENOBASE && errno < MODBUS_ENOBASE + 20) printf("exception %d\n", errno - MODBUS_ENOBASE);
    else printf("error %s\n", modbus_strerror(errno));
  } else {
    printf("ok\n");
  }
  modbus_close(ctx);
  modbus_free(ctx);
  return 0;
}

package io.gridwire.modbus.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Serves Modbus TCP (MBAP) requests on one connection until it closes. Blocking. */
final class SimTcpSession {
  private final RegisterBank bank;
  private final InputStream in;
  private final OutputStream out;
  private final int unitId;
  private final byte[] req = new byte[7 + 254];
  private final byte[] ans = new byte[7 + 254];
  private final byte[] pdu = new byte[254];
  private final ReadNoise.Device noise;

  /** {@code noise} alters every register read (fleet mode), or null for the bank as is. */
  SimTcpSession(RegisterBank bank, InputStream in, OutputStream out, int unitId, ReadNoise.Device noise) {
    this.bank = bank;
    this.noise = noise;
    this.in = in;
    this.out = out;
    this.unitId = unitId;
  }

  void run() throws IOException {
    while (true) {
      if (!readFully(0, 7)) return;
      int len = ((req[4] & 0xFF) << 8) | (req[5] & 0xFF);
      if (req[2] != 0 || req[3] != 0 || len < 2 || len > 254) return; // not Modbus TCP: drop the connection
      if (!readFully(7, len - 1)) return;
      int unit = req[6] & 0xFF;
      if (unitId != 0 && unit != unitId) {
        continue; // like a gateway with no such unit: no answer
      }
      int n = SimPdu.handle(bank, req, 7, len - 1, pdu);
      int fc = req[7] & 0xFF;
      if (noise != null && (fc == 3 || fc == 4) && pdu[0] == fc) {
        noise.apply(((req[8] & 0xFF) << 8) | (req[9] & 0xFF), (pdu[1] & 0xFF) / 2, pdu, 2);
      }
      System.arraycopy(req, 0, ans, 0, 4);
      System.arraycopy(pdu, 0, ans, 7, n);
      ans[4] = (byte) ((n + 1) >>> 8);
      ans[5] = (byte) (n + 1);
      ans[6] = (byte) unit;
      out.write(ans, 0, 7 + n);
    }
  }

  private boolean readFully(int off, int n) throws IOException {
    int got = 0;
    while (got < n) {
      int r = in.read(req, off + got, n - got);
      if (r < 0) return false;
      got += r;
    }
    return true;
  }
}

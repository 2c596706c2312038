package io.gridwire.modbus.it;

import io.gridwire.core.codec.Crc16Modbus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A misbehaving RTU-over-TCP slave: answers FC03 reads of N registers at address A with words
 * A, A+1, ... unless the next scripted fault says otherwise. Reconnections are accepted.
 */
final class FaultServer implements AutoCloseable {
  sealed interface Fault {}

  record Normal() implements Fault {}

  record Silent() implements Fault {}

  record Late(long millis) implements Fault {}

  record Garbage() implements Fault {}

  record BadCrc() implements Fault {}

  record Exception(int code) implements Fault {}

  record CloseMidAnswer() implements Fault {}

  /** Never answers anything (a black-holed device). */
  volatile boolean blackHole;

  private final ServerSocket server;
  private final ConcurrentLinkedQueue<Fault> script = new ConcurrentLinkedQueue<>();

  FaultServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  FaultServer then(Fault... faults) {
    script.addAll(java.util.List.of(faults));
    return this;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread.ofVirtual().start(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      byte[] req = new byte[8];
      while (true) {
        for (int got = 0; got < 8; ) {
          int n = in.read(req, got, 8 - got);
          if (n < 0) return;
          got += n;
        }
        if (blackHole) continue;
        Fault f = script.poll();
        answer(f == null ? new Normal() : f, req, out, s);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** Answers one 8-byte FC03 request as fault {@code f} says; {@code s} (closed by CloseMidAnswer) may be null off TCP. */
  static void answer(Fault f, byte[] req, OutputStream out, Socket s) throws IOException {
    int unit = req[0] & 0xFF;
    int addr = ((req[2] & 0xFF) << 8) | (req[3] & 0xFF);
    int qty = ((req[4] & 0xFF) << 8) | (req[5] & 0xFF);
    byte[] frame = new byte[5 + 2 * qty];
    frame[0] = (byte) unit;
    frame[1] = 3;
    frame[2] = (byte) (2 * qty);
    for (int i = 0; i < qty; i++) {
      frame[3 + 2 * i] = (byte) ((addr + i) >> 8);
      frame[4 + 2 * i] = (byte) (addr + i);
    }
    Crc16Modbus.append(frame, 0, 3 + 2 * qty);
    switch (f) {
      case Normal n -> out.write(frame);
      case Silent n -> { }
      case Late l -> Thread.ofVirtual().start(() -> {
        try {
          Thread.sleep(l.millis());
          out.write(frame);
        } catch (IOException | InterruptedException ignored) {
          // connection gone
        }
      });
      case Garbage g -> out.write(new byte[] {0x7F, 0x13, (byte) 0xFF, 0x00, 0x42, 0x01, 0x03});
      case BadCrc b -> {
        frame[frame.length - 1] ^= 0x5A;
        out.write(frame);
      }
      case Exception e -> {
        byte[] ex = {(byte) unit, (byte) 0x83, (byte) e.code(), 0, 0};
        Crc16Modbus.append(ex, 0, 3);
        out.write(ex);
      }
      case CloseMidAnswer c -> {
        out.write(frame, 0, frame.length / 2);
        out.flush();
        if (s != null) s.close();
      }
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}

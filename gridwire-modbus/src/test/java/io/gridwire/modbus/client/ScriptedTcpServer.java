package io.gridwire.modbus.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Modbus TCP peer on 127.0.0.1 that answers each FC03 request as scripted: normally (every
 * register = its address), late, never, with garbage, by closing the socket mid-answer, with
 * half an answer and then silence, with an exception code, or as another unit.
 */
final class ScriptedTcpServer implements AutoCloseable {
  sealed interface Act {}

  record Answer(long delayMillis) implements Act {}

  record Silent() implements Act {}

  record Garbage() implements Act {}

  record CloseMidAnswer() implements Act {}

  /** The first 9 bytes of the answer, the rest never (the connection stays open). */
  record HalfAnswer() implements Act {}

  /** An exception answer {@code [0x83][code]}. */
  record Refuse(int code) implements Act {}

  /** A normal answer carrying another unit id. */
  record WrongUnit(int unit) implements Act {}

  final ConcurrentLinkedQueue<Act> script = new ConcurrentLinkedQueue<>();
  final AtomicInteger accepted = new AtomicInteger();
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  ScriptedTcpServer() throws IOException {
    server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        accepted.incrementAndGet();
        sockets.add(s);
        Thread.ofVirtual().start(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      byte[] req = new byte[12];
      while (in.readNBytes(req, 0, 12) == 12) {
        Act act = script.poll();
        byte[] ans = answer(req);
        switch (act == null ? new Answer(0) : act) {
          case Answer a -> Thread.ofVirtual().start(() -> later(out, ans, a.delayMillis()));
          case Silent x -> { }
          case Garbage x -> out.write(new byte[] {0x13, 0x37, 0x7F, 0x7F, 0x00, 0x05, 0x01, 0x03});
          case CloseMidAnswer x -> {
            out.write(ans, 0, 9);
            out.flush();
            return;
          }
          case HalfAnswer x -> out.write(ans, 0, 9);
          case Refuse r -> out.write(new byte[] {req[0], req[1], 0, 0, 0, 3, req[6], (byte) 0x83, (byte) r.code()});
          case WrongUnit w -> {
            ans[6] = (byte) w.unit();
            out.write(ans);
          }
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void later(OutputStream out, byte[] ans, long delayMillis) {
    try {
      if (delayMillis > 0) Thread.sleep(delayMillis);
      synchronized (out) {
        out.write(ans);
      }
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
  }

  /** [tid][0][len][unit][03][byteCount][register = address + i ...] */
  static byte[] answer(byte[] req) {
    int addr = ((req[8] & 0xFF) << 8) | (req[9] & 0xFF);
    int qty = ((req[10] & 0xFF) << 8) | (req[11] & 0xFF);
    byte[] a = new byte[9 + 2 * qty];
    a[0] = req[0];
    a[1] = req[1];
    a[5] = (byte) (3 + 2 * qty);
    a[6] = req[6];
    a[7] = 3;
    a[8] = (byte) (2 * qty);
    for (int i = 0; i < qty; i++) {
      a[9 + 2 * i] = (byte) ((addr + i) >> 8);
      a[10 + 2 * i] = (byte) (addr + i);
    }
    return a;
  }

  /** Closes every accepted connection (a device dropping idle clients); new ones are still accepted. */
  void dropConnections() throws IOException {
    for (Socket s : sockets) s.close();
    sockets.clear();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) s.close();
  }
}

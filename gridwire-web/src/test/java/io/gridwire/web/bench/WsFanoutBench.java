package io.gridwire.web.bench;

import io.gridwire.core.reading.Reading;
import io.gridwire.web.TestGateway;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WebSocket fan-out: N raw-socket clients (default 1,000) on {@code /ws/metrics}; readings are
 * published at a fixed rate with the publish time inside; every client records publish → receipt
 * latency. Memory per idle connection is the heap delta after connecting (clients and server share
 * the JVM; the client side is a bare socket, so the figure is an upper bound for the server).
 * Args: clients, readings, rate per second, warm-up readings, {@code batch} (clients connect with
 * {@code ?batch=true} and accept {@code readings} frames). Not part of the suite.
 */
public final class WsFanoutBench {
  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int readings = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : readings / 3;
    boolean batch = args.length > 4 && args[4].equals("batch");
    try (TestGateway gw = new TestGateway().start()) {
      String token = gw.login(TestGateway.VIEWER);
      new RawClient(gw.server.port(), token, batch).close(); // warm the upgrade path
      long before = usedHeap();
      List<RawClient> list = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        RawClient c = new RawClient(gw.server.port(), token, batch);
        c.readText(); // snapshot
        list.add(c);
      }
      while (gw.server.hub().connections() < clients) Thread.sleep(10);
      long after = usedHeap();
      System.out.printf("%d idle connections: heap %+.1f MB, %.1f KB per connection%n", clients,
          (after - before) / 1e6, (after - before) / 1024.0 / clients);

      long[][] lat = new long[clients][readings];
      AtomicInteger[] got = new AtomicInteger[clients];
      List<Thread> readers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int k = i;
        got[k] = new AtomicInteger();
        readers.add(Thread.ofVirtual().start(() -> list.get(k).receive(lat[k], got[k], readings)));
      }
      Instant t = Instant.parse("2025-06-01T12:00:00Z");
      long periodNs = 1_000_000_000L / rate;
      long start = System.nanoTime();
      for (int i = 0; i < readings; i++) {
        long wait = start + i * periodNs - System.nanoTime();
        if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
        gw.readings.publish(Reading.builder("dev-" + (i % 100), t, t).put("seq", i)
            .put("warmup", i < warmup).put("sent_ns", (double) (i < warmup ? -System.nanoTime() : System.nanoTime()))
            .put("gen_uab", 400.0).build());
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      for (Thread r : readers) r.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      int total = 0;
      for (AtomicInteger g : got) total += g.get();
      long[] all = new long[total];
      int p = 0;
      for (int i = 0; i < clients; i++) for (int j = 0; j < got[i].get(); j++) if (lat[i][j] >= 0) all[p++] = lat[i][j];
      all = Arrays.copyOf(all, p);
      int received = total;
      total = p;
      Arrays.sort(all);
      long frames = 0;
      for (RawClient c : list) frames += c.frames;
      System.out.printf("fan-out to %d clients%s, %d readings at %d/s (first %d for warm-up): %d of %d "
          + "receipts in %d frames; after warm-up p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; dropped "
          + "%d, coalesced %d%n",
          clients, batch ? " (batch)" : "", readings, rate, warmup, received, (long) clients * readings, frames, all[total / 2] / 1e6, all[(int) (total * 0.99)] / 1e6,
          all[(int) (total * 0.999)] / 1e6, all[total - 1] / 1e6, gw.server.hub().dropped(), gw.server.hub().coalesced());
      for (RawClient c : list) c.close();
    }
  }

  static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** A minimal WebSocket client over a plain socket: handshake, then unmasked server frames. */
  static final class RawClient {
    private final Socket socket = new Socket();
    private DataInputStream in;
    long frames;

    RawClient(int port, String token, boolean batch) throws IOException {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.getOutputStream().write(("GET /ws/metrics" + (batch ? "?batch=true" : "") + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nAuthorization: Bearer " + token + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      in = new DataInputStream(socket.getInputStream());
      String status = line(in);
      if (!status.contains(" 101 ")) throw new IOException("upgrade refused: " + status);
      while (!line(in).isEmpty()) {
        // skip headers
      }
    }

    String readText() throws IOException {
      StringBuilder text = new StringBuilder();
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) len = in.readUnsignedShort();
        else if (len == 127) len = in.readLong();
        byte[] payload = in.readNBytes((int) len);
        int opcode = b0 & 0x0f;
        if (opcode == 9 || opcode == 10) continue; // ping/pong
        if (opcode == 8) throw new IOException("closed by server");
        text.append(new String(payload, StandardCharsets.UTF_8));
        if ((b0 & 0x80) != 0) return text.toString();
      }
    }

    void receive(long[] latencies, AtomicInteger got, int expected) {
      try {
        // Buffered only now, so idle connections are measured without a client-side buffer.
        in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 8192));
        while (got.get() < expected) {
          String m = readText();
          long now = System.nanoTime();
          frames++;
          // one reading, or several in a "readings" frame; warm-up readings carry a negative time
          for (int i = m.indexOf("\"sent_ns\":"); i >= 0 && got.get() < expected; i = m.indexOf("\"sent_ns\":", i + 1)) {
            int end = i + 10;
            while (end < m.length() && "-0123456789.E".indexOf(m.charAt(end)) >= 0) end++;
            long sent = (long) Double.parseDouble(m.substring(i + 10, end));
            latencies[got.getAndIncrement()] = sent < 0 ? -1 : now - sent;
          }
        }
      } catch (IOException | RuntimeException e) {
        // closed: counted as missing receipts
      }
    }

    void close() throws IOException {
      socket.close();
    }

    private static String line(InputStream in) throws IOException {
      StringBuilder sb = new StringBuilder();
      for (int b; (b = in.read()) >= 0 && b != '\n'; ) if (b != '\r') sb.append((char) b);
      return sb.toString();
    }
  }
}

package io.gridwire.modbus.client;

import io.gridwire.core.codec.Crc16Modbus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A scripted byte stream in virtual time: the script answers each written request by scheduling
 * chunks that "arrive" at given delays; reads wait (instantly) until a chunk arrives or the
 * timeout passes.
 */
final class FakeLink implements ByteLink {
  private record Chunk(long at, byte[] bytes, boolean eof) {}

  final FakeTicker ticker;
  final List<byte[]> written = new ArrayList<>();
  private final List<Chunk> chunks = new ArrayList<>();
  private final BiConsumer<FakeLink, byte[]> script;
  boolean closed;

  FakeLink(FakeTicker ticker, BiConsumer<FakeLink, byte[]> script) {
    this.ticker = ticker;
    this.script = script;
  }

  /** Bytes arriving {@code after} from now. */
  void arrive(Duration after, byte[] bytes) {
    chunks.add(new Chunk(ticker.nanos() + after.toNanos(), bytes, false));
    chunks.sort((a, b) -> Long.compare(a.at, b.at));
  }

  void eof(Duration after) {
    chunks.add(new Chunk(ticker.nanos() + after.toNanos(), new byte[0], true));
    chunks.sort((a, b) -> Long.compare(a.at, b.at));
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (closed) throw new IOException("closed");
    byte[] req = java.util.Arrays.copyOfRange(b, off, off + len);
    written.add(req);
    script.accept(this, req);
  }

  @Override
  public int read(byte[] b, int off, int len, Duration timeout) {
    if (chunks.isEmpty() || chunks.get(0).at > ticker.nanos() + timeout.toNanos()) {
      ticker.advance(timeout);
      return 0;
    }
    Chunk c = chunks.get(0);
    if (c.at > ticker.nanos()) ticker.now = c.at;
    if (c.eof) return -1;
    int n = Math.min(len, c.bytes.length);
    System.arraycopy(c.bytes, 0, b, off, n);
    chunks.remove(0);
    if (n < c.bytes.length) chunks.add(0, new Chunk(c.at, java.util.Arrays.copyOfRange(c.bytes, n, c.bytes.length), false));
    return n;
  }

  @Override
  public int available() {
    int n = 0;
    for (Chunk c : chunks) if (c.at <= ticker.nanos() && !c.eof) n += c.bytes.length;
    return n;
  }

  @Override
  public void close() {
    closed = true;
  }

  static byte[] hex(String s) {
    String[] parts = s.trim().split("\\s+");
    byte[] out = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) out[i] = (byte) Integer.parseInt(parts[i], 16);
    return out;
  }

  /** An RTU answer frame with a valid CRC. */
  static byte[] rtu(int... bytesWithoutCrc) {
    byte[] b = new byte[bytesWithoutCrc.length + 2];
    for (int i = 0; i < bytesWithoutCrc.length; i++) b[i] = (byte) bytesWithoutCrc[i];
    Crc16Modbus.append(b, 0, bytesWithoutCrc.length);
    return b;
  }
}

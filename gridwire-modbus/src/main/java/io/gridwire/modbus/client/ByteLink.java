package io.gridwire.modbus.client;

import java.io.IOException;
import java.time.Duration;

/**
 * A byte stream to one peer (a TCP socket in production, a scripted fake in tests). Not
 * thread-safe: one transport owns it.
 */
public interface ByteLink extends AutoCloseable {
  void write(byte[] b, int off, int len) throws IOException;

  /**
   * Reads what is available, waiting at most {@code timeout} for the first byte.
   *
   * @return bytes read (≥ 1), 0 when the timeout passed without data, −1 at end of stream
   */
  int read(byte[] b, int off, int len, Duration timeout) throws IOException;

  /** Bytes readable without waiting. */
  int available() throws IOException;

  @Override
  void close();

  /** Opens links; the transport calls it again after a failure. */
  @FunctionalInterface
  interface Factory {
    ByteLink open(Duration connectTimeout) throws IOException;
  }
}

package io.gridwire.oig.proxy;

import io.gridwire.oig.codec.FrameDecoder;
import io.gridwire.oig.codec.Piece;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A bare box-side TCP connection from a chosen local address (127.0.0.x), for tests of what the
 * proxy does to a connection itself (refused, closed). Lock step like a Box. One thread.
 */
final class RawBox implements AutoCloseable {
  private final Socket socket = new Socket();
  private final FrameDecoder decoder = new FrameDecoder();
  private final ArrayDeque<byte[]> answers = new ArrayDeque<>();

  RawBox(String localAddress, int proxyPort, Duration timeout) throws IOException {
    socket.bind(new InetSocketAddress(localAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", proxyPort), (int) timeout.toMillis());
    socket.setSoTimeout((int) timeout.toMillis());
  }

  /** Sends one frame and returns the answer frame; null when none came in time or the peer closed. */
  byte[] exchange(byte[] frame) throws IOException {
    try {
      socket.getOutputStream().write(frame);
    } catch (SocketException closed) {
      return null;
    }
    byte[] buf = new byte[2048];
    InputStream in = socket.getInputStream();
    while (answers.isEmpty()) {
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException | SocketException e) {
        return null;
      }
      if (n < 0) return null;
      decoder.feed(buf, 0, n, p -> {
        if (p instanceof Piece.Frame f) answers.add(f.raw());
      });
    }
    return answers.poll();
  }

  /** Writes bytes as they are; false when the proxy already closed the connection. */
  boolean send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /** Reads until the peer closes (or resets) the connection; the bytes read, or null on timeout. */
  byte[] readToClose() throws IOException {
    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = socket.getInputStream().read(buf)) >= 0; ) got.write(buf, 0, n);
    } catch (SocketTimeoutException e) {
      return null;
    } catch (SocketException reset) {
      // closed with our unread bytes in its buffer: what arrived before the reset is kept
    }
    return got.toByteArray();
  }

  /** True when the proxy closed (or reset) the connection within the read timeout. */
  boolean closedByPeer() throws IOException {
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

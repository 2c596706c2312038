package io.gridwire.modbus.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A {@link ByteLink} over a blocking TCP socket (cheap on virtual threads); TCP_NODELAY on. */
public final class SocketLink implements ByteLink {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private SocketLink(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** A factory connecting to {@code host:port}. */
  public static ByteLink.Factory to(String host, int port) {
    return connectTimeout -> {
      Socket s = new Socket();
      try {
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
        refuseSelfConnect(s);
        return new SocketLink(s);
      } catch (IOException e) {
        s.close();
        throw e;
      }
    };
  }

  /**
   * TCP "simultaneous open": connecting to a free port of this host can pick that very port as
   * the local one, and the socket then talks to itself — every request comes back as its own
   * answer. Such a connection is a device that is down, never a device.
   */
  static void refuseSelfConnect(Socket s) throws IOException {
    if (s.getLocalSocketAddress().equals(s.getRemoteSocketAddress())) {
      throw new ConnectException("connected to itself at " + s.getLocalSocketAddress() + ": nobody listens there");
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public int read(byte[] b, int off, int len, Duration timeout) throws IOException {
    socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    try {
      return in.read(b, off, len);
    } catch (SocketTimeoutException e) {
      return 0;
    }
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a broken socket: nothing left to do
    }
  }
}

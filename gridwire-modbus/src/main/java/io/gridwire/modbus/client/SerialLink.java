package io.gridwire.modbus.client;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@link ByteLink} over a local serial port (RS-485 adapter, pseudo-terminal) through
 * jSerialComm. The port is named by its path: jSerialComm's own port list leaves out ports it
 * does not recognise (pseudo-terminals, some by-id symlinks), but opens any path given
 * explicitly, resolving a symlink at each open. A port that is unplugged reads as end of stream
 * or an error, and the next open says that the path is gone.
 */
public final class SerialLink implements ByteLink {
  private final SerialPort port;
  private final String path;
  private int readTimeoutMs = -1;

  private SerialLink(SerialPort port, String path) {
    this.port = port;
    this.path = path;
  }

  /** A factory opening the port of {@code s}. */
  public static ByteLink.Factory to(SerialSettings s) {
    return connectTimeout -> open(s);
  }

  static SerialLink open(SerialSettings s) throws IOException {
    if (!Files.exists(Path.of(s.port()))) throw new IOException("serial port " + s.port() + " not found (unplugged?)");
    SerialPort p = SerialPort.getCommPort(s.port());
    p.setComPortParameters(s.baud(), 8, s.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT, switch (s.parity()) {
      case NONE -> SerialPort.NO_PARITY;
      case EVEN -> SerialPort.EVEN_PARITY;
      case ODD -> SerialPort.ODD_PARITY;
    });
    p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    if (!p.openPort()) {
      throw new IOException("cannot open serial port " + s.port() + " (error " + p.getLastErrorCode()
          + "; in use by another program, or no permission: add the user to the dialout group)");
    }
    return new SerialLink(p, s.port());
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int n = port.writeBytes(b, len, off);
    if (n != len) throw new IOException(gone("write failed"));
  }

  @Override
  public int read(byte[] b, int off, int len, Duration timeout) throws IOException {
    int ms = (int) Math.max(1, Math.min(60_000, timeout.toMillis()));
    if (ms != readTimeoutMs) {
      port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, ms, 0);
      readTimeoutMs = ms;
    }
    int n = port.readBytes(b, len, off);
    if (n < 0) throw new IOException(gone("read failed"));
    if (n == 0 && !Files.exists(Path.of(path))) throw new IOException(gone("read failed"));
    return n;
  }

  @Override
  public int available() throws IOException {
    int n = port.bytesAvailable();
    if (n < 0) throw new IOException(gone("port closed"));
    return n;
  }

  private String gone(String what) {
    return "serial port " + path + ": " + what + (Files.exists(Path.of(path)) ? " (error " + port.getLastErrorCode() + ")" : " (port disappeared: unplugged?)");
  }

  @Override
  public void close() {
    port.closePort();
  }
}

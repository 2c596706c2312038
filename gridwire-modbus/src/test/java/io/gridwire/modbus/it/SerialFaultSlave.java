package io.gridwire.modbus.it;

import com.fazecast.jSerialComm.SerialPort;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A misbehaving RTU slave on a serial line (the device end of a {@link PtyPair}): answers each
 * 8-byte FC03 request as {@link FaultServer} does, taking the next scripted fault.
 */
final class SerialFaultSlave implements AutoCloseable {
  private final SerialPort port;
  private final ConcurrentLinkedQueue<FaultServer.Fault> script = new ConcurrentLinkedQueue<>();
  private final Thread thread;

  SerialFaultSlave(Path line) {
    port = SerialPort.getCommPort(line.toString());
    if (!port.openPort()) throw new IllegalStateException("cannot open " + line + ": error " + port.getLastErrorCode());
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING, 0, 0);
    thread = Thread.ofVirtual().start(this::serve);
  }

  SerialFaultSlave then(FaultServer.Fault... faults) {
    script.addAll(java.util.List.of(faults));
    return this;
  }

  private void serve() {
    try (InputStream in = port.getInputStream(); OutputStream out = port.getOutputStream()) {
      byte[] req = new byte[8];
      while (port.isOpen()) {
        for (int got = 0; got < 8; ) {
          int n = in.read(req, got, 8 - got);
          if (n < 0) return;
          got += n;
        }
        FaultServer.Fault f = script.poll();
        FaultServer.answer(f == null ? new FaultServer.Normal() : f, req, out, null);
      }
    } catch (Exception e) {
      // the port was closed
    }
  }

  @Override
  public void close() throws InterruptedException {
    port.closePort();
    thread.join(2000);
  }
}

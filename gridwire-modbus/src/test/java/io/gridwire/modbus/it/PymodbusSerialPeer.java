package io.gridwire.modbus.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's python3-pymodbus as an RTU slave on a serial line, serving several unit ids. */
final class PymodbusSerialPeer implements AutoCloseable {
  private final Process process;

  private PymodbusSerialPeer(Process process) {
    this.process = process;
  }

  /** @param registers {@code UNIT:ADDR=VALUE} items; units not named stay silent */
  static PymodbusSerialPeer start(Path line, String... registers) throws Exception {
    PymodbusPeer.require();
    Path script = Files.createTempFile("gridwire-pymodbus-serial", ".py");
    try (var in = PymodbusSerialPeer.class.getResourceAsStream("/pymodbus/serial_server.py")) {
      Files.write(script, in.readAllBytes());
    }
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), line.toString()));
    cmd.addAll(List.of(registers));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
    String first = out.readLine();
    if (!"ready".equals(first)) throw new IllegalStateException("pymodbus serial server did not start: " + first);
    Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep its pipe drained
    Files.deleteIfExists(script);
    return new PymodbusSerialPeer(p);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
  }
}

package io.gridwire.modbus.it;

import io.gridwire.testkit.FreePorts;
import io.gridwire.testkit.RealServices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's python3-pymodbus as an independent Modbus server (TCP or RTU framing over TCP).
 * Missing locally: the test is skipped with the reason printed; under CI=true it fails.
 */
final class PymodbusPeer implements AutoCloseable {
  private final Process process;
  final int port;
  private volatile boolean paused;

  private PymodbusPeer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static void require() {
    boolean ok;
    try {
      ok = new ProcessBuilder("/usr/bin/python3", "-c", "import pymodbus, serial_asyncio").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      ok = false;
    }
    if (ok) return;
    String reason = "python3-pymodbus (with python3-serial-asyncio) is not installed for /usr/bin/python3";
    if (RealServices.ci()) throw new AssertionError(reason + " — CI requires it (apt-get install -y python3-pymodbus python3-serial-asyncio)");
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** Starts a server; {@code registers} are address=value pairs. */
  static PymodbusPeer start(String framing, int unit, String... registers) throws Exception {
    require();
    Path script = Files.createTempFile("gridwire-pymodbus", ".py");
    try (var in = PymodbusPeer.class.getResourceAsStream("/pymodbus/server.py")) {
      Files.write(script, in.readAllBytes());
    }
    int port = FreePorts.next();
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), String.valueOf(port), framing, String.valueOf(unit)));
    cmd.addAll(List.of(registers));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
    String line = out.readLine();
    if (!"ready".equals(line)) throw new IllegalStateException("pymodbus did not start: " + line);
    Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep its pipe drained
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!RealServices.reachable("127.0.0.1", port)) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("pymodbus not listening on " + port);
      Thread.sleep(50);
    }
    return new PymodbusPeer(p, port);
  }

  /** Stops the device process (SIGSTOP): it accepts bytes but answers nothing until {@link #resume}. */
  void pause() throws Exception {
    signal("-STOP");
    paused = true;
  }

  void resume() throws Exception {
    signal("-CONT");
    paused = false;
  }

  private void signal(String sig) throws Exception {
    int rc = new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start().waitFor();
    if (rc != 0) throw new IllegalStateException("kill " + sig + " " + process.pid() + " exited " + rc);
  }

  @Override
  public void close() {
    if (paused) {
      try {
        resume();
      } catch (Exception e) {
        process.destroyForcibly();
      }
    }
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

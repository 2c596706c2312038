package io.gridwire.modbus.it;

import io.gridwire.testkit.RealServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Two pseudo-terminals wired back to back by socat, standing for an RS-485 line: Gridwire opens
 * {@link #gateway}, a slave opens {@link #device}. {@link #unplug} kills socat (both ptys vanish,
 * as a USB adapter pulled out) and {@link #plugIn} brings the pair back under the same paths.
 */
final class PtyPair implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(10);
  final Path gateway;
  final Path device;
  private final Path dir;
  private Process socat;

  private PtyPair(Path dir) {
    this.dir = dir;
    this.gateway = dir.resolve("ttyGW");
    this.device = dir.resolve("ttyDEV");
  }

  static PtyPair start() throws Exception {
    require();
    PtyPair p = new PtyPair(Files.createTempDirectory("gridwire-pty"));
    p.plugIn();
    return p;
  }

  static void require() {
    boolean ok;
    try {
      ok = new ProcessBuilder("socat", "-V").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      ok = false;
    }
    if (ok) return;
    String reason = "socat is not installed; the serial tests need it for a pseudo-terminal pair";
    if (RealServices.ci()) throw new AssertionError(reason + " — CI requires it (apt-get install -y socat)");
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** Starts socat and waits until both links exist. */
  void plugIn() throws Exception {
    socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + gateway, "pty,raw,echo=0,link=" + device)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + START.toNanos();
    while (!(Files.exists(gateway) && Files.exists(device))) {
      if (System.nanoTime() > deadline || !socat.isAlive()) throw new IllegalStateException("socat did not create " + gateway + " and " + device);
      Thread.sleep(20);
    }
  }

  /** Kills socat: both ptys and their links disappear. */
  void unplug() throws Exception {
    socat.destroyForcibly();
    if (!socat.waitFor(START.toMillis(), TimeUnit.MILLISECONDS)) throw new IllegalStateException("socat survived SIGKILL");
    Files.deleteIfExists(gateway); // socat removes its links on a clean exit only
    Files.deleteIfExists(device);
  }

  @Override
  public void close() throws Exception {
    if (socat != null && socat.isAlive()) unplug();
    Files.deleteIfExists(dir);
  }
}

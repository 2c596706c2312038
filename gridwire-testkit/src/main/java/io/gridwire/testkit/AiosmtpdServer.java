package io.gridwire.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real SMTP server on 127.0.0.1: Debian's python3-aiosmtpd, storing each message as a file in
 * a Maildir ({@code new/}). Skipped locally when it is not installed; CI installs it (.ci/run).
 */
public final class AiosmtpdServer implements AutoCloseable {
  public final int port;
  private final Path maildir;
  private final Process process;

  public AiosmtpdServer(Path dir) throws Exception {
    this(dir, FreePorts.next());
  }

  public AiosmtpdServer(Path dir, int port) throws Exception {
    this.port = port;
    requireInstalled();
    maildir = dir.resolve("maildir");
    process = new ProcessBuilder("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port,
        "-c", "aiosmtpd.handlers.Mailbox", maildir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("aiosmtpd.log").toFile()).start();
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!RealServices.reachable("127.0.0.1", port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("aiosmtpd did not start: " + Files.readString(dir.resolve("aiosmtpd.log")));
      }
      Thread.sleep(50);
    }
  }

  private static void requireInstalled() throws Exception {
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import aiosmtpd").redirectErrorStream(true).start();
    if (p.waitFor() == 0) return;
    String reason = "python3-aiosmtpd is not installed (apt-get install -y python3-aiosmtpd)";
    if (RealServices.ci()) throw new AssertionError(reason + " — CI requires it");
    Assumptions.abort(reason);
  }

  /** The messages received so far, raw, oldest first by file time. */
  public List<String> messages() {
    Path inbox = maildir.resolve("new");
    if (!Files.isDirectory(inbox)) return List.of();
    try (Stream<Path> files = Files.list(inbox)) {
      return files.sorted().map(f -> {
        try {
          return Files.readString(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}

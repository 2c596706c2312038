package io.gridwire.testkit;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A throw-away {@code redis-server} on a free port (no persistence), which a test may kill and restart. */
public final class PrivateRedis implements AutoCloseable {
  public final int port = FreePorts.next();
  private final Path dir;
  private Process process;

  public PrivateRedis() throws IOException {
    dir = Files.createTempDirectory("gridwire-redis");
  }

  public PrivateRedis start() throws Exception {
    process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile())
        .start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return this;
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("redis-server did not start on port " + port);
  }

  /** SIGKILL: no goodbye to clients. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}

package io.gridwire.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * The real servers this machine kind runs (PostgreSQL 5432, Redis 6379, Mosquitto 1883). Tests
 * that need one call {@link #require}: on a laptop without the server the test is skipped with
 * the reason printed; under CI ({@code CI=true}) a missing server fails the test, never skips.
 */
public final class RealServices {
  private RealServices() {}

  public static final int POSTGRES = 5432;
  public static final int REDIS = 6379;
  public static final int MOSQUITTO = 1883;

  /** True when running in CI, where real services are mandatory. */
  public static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Ensures something listens on 127.0.0.1:{@code port}; skips (locally) or fails (CI). */
  public static void require(String what, int port) {
    if (reachable("127.0.0.1", port)) return;
    String reason = what + " is not reachable on 127.0.0.1:" + port;
    if (ci()) throw new AssertionError(reason + " — CI requires it (start the machine's " + what + ")");
    System.out.println("SKIPPED: " + reason + "; this test needs the real " + what);
    Assumptions.abort(reason);
  }

  public static boolean reachable(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

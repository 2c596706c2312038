package io.gridwire.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the browser tests need from the machine: Debian's {@code chromium} and {@code chromedriver},
 * and the shaded gateway jar. Missing locally → the test is skipped with a printed reason; missing
 * under {@code CI=true} → the test fails (CI must never silently skip the browser tests).
 */
public final class Requirements {
  static final Path CHROMIUM = Path.of(System.getProperty("gridwire.e2e.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("gridwire.e2e.chromedriver", "/usr/bin/chromedriver"));

  private Requirements() {}

  static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips (locally) or fails (CI) unless the browser and the gateway jar are present. */
  public static Path require() {
    need(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
            + " (apt-get install -y chromium chromium-driver)");
    Path jar = jar();
    need(Files.isRegularFile(jar), "the gateway jar " + jar + " is missing; build it with ./gridwire build");
    return jar;
  }

  public static Path jar() {
    String p = System.getProperty("gridwire.e2e.jar");
    return (p == null || p.isBlank() ? Path.of("../gridwire-app/target/gridwire.jar") : Path.of(p)).toAbsolutePath().normalize();
  }

  private static void need(boolean ok, String reason) {
    if (ok) return;
    if (ci()) Assertions.fail("CI=true and " + reason);
    System.out.println("SKIPPED browser tests: " + reason);
    Assumptions.abort(reason);
  }
}

package io.gridwire.app.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Machine tools the packaging tests run: skipped locally when missing, failed under {@code CI=true}. */
final class Tools {
  private Tools() {}

  static void requireJq() {
    require(Path.of("/usr/bin/jq"), "jq is needed (apt-get install -y jq)");
  }

  static void require(Path tool, String reason) {
    if (Files.isExecutable(tool)) return;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail("CI=true and " + reason);
    Assumptions.abort(reason);
  }
}

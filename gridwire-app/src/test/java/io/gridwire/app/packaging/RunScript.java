package io.gridwire.app.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Runs the add-on's run.sh outside the add-on: bash with stand-ins for the bashio functions it
 * calls (the MQTT service given or none) and a {@code java} on PATH that prints its command line
 * and the GRIDWIRE_ environment instead of starting anything.
 */
final class RunScript {
  private RunScript() {}

  /** @param service the MQTT service JSON the Supervisor would announce, or null for none */
  static String run(Path addon, Path dir, String service) throws IOException, InterruptedException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/bash\necho \"java $*\"\nenv | grep '^GRIDWIRE_' | sort\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path stubs = dir.resolve("bashio-stubs.sh");
    Files.writeString(stubs, """
        SERVICE='%s'
        bashio::log.info() { echo "INFO: $*"; }
        bashio::services.available() { [[ -n "$SERVICE" ]]; }
        bashio::services() { jq -r --arg k "$2" '.[$k] | tostring' <<<"$SERVICE"; }
        """.formatted(service == null ? "" : service));
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "source \"$1\"; source \"$2\"", "run", stubs.toString(),
        addon.resolve("run.sh").toString()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("GRIDWIRE_ADDON_OPTIONS", dir.resolve("options.json").toString());
    pb.environment().put("GRIDWIRE_ADDON_CONFIG", dir.resolve("gridwire.yaml").toString());
    pb.environment().put("GRIDWIRE_ADDON_HOME", addon.toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("GRIDWIRE_") && !k.startsWith("GRIDWIRE_ADDON_"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("run.sh failed:\n" + out);
    return out;
  }
}

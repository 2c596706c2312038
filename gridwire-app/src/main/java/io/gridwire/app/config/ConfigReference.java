package io.gridwire.app.config;

import io.gridwire.core.config.Durations;
import java.util.List;

/** Renders docs/configuration.md from the config records: every key, default and meaning. */
public final class ConfigReference {
  private ConfigReference() {}

  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Configuration reference\n\n")
        .append("Generated from the code by `./gridwire config reference`; a test fails when this page and the code disagree.\n\n")
        .append("Gridwire reads one YAML file (`./gridwire run --config gridwire.yaml`, or `./gridwire.yaml` when present). ")
        .append("Every key can be overridden by an environment variable: `GRIDWIRE_` followed by the key path in upper ")
        .append("snake case, list indexes as numbers (`GRIDWIRE_HTTP_PORT=9090`, `GRIDWIRE_STORAGE_POSTGRES_PASSWORD=...`, ")
        .append("`GRIDWIRE_MODBUS_DEVICES_0_HOST=10.0.0.5`). The first admin also reads `GRIDWIRE_ADMIN_EMAIL` and ")
        .append("`GRIDWIRE_ADMIN_PASSWORD`. Durations are written `500ms`, `2s`, `5m`, `1h`, `30d`. A wrong value stops the ")
        .append("start with the key path in the message, e.g. `configuration error at http.port: http.port out of range 0..65535: 70000`.\n\n")
        .append("Secrets (passwords, client secrets) belong in environment variables, not in the file.\n");
    List<String[]> rows = new ConfigLoader().reference();
    for (String[] r : rows) {
      if (r[3].equals("section")) {
        md.append("\n## `").append(r[0]).append("`\n\n").append(r[2]).append("\n\n")
            .append("| key | default | meaning |\n|---|---|---|\n");
      } else {
        md.append("| `").append(r[0]).append("` | `").append(r[1].replace("|", "\\|")).append("` | ")
            .append(r[2].replace("|", "\\|")).append(" |\n");
      }
    }
    return md.toString();
  }
}

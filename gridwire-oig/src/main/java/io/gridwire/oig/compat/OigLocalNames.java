package io.gridwire.oig.compat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The topic and entity naming of the community OIG proxy's MQTT publication (protocols/oig.md §6),
 * which Home Assistant's OIG integration reads in its local mode:
 *
 * <pre>
 *   oig_local/{box}/{table}/state                      JSON of the table's last frame, Box field names (retained)
 *   oig_local/{box}/availability                       online | offline (retained)
 *   {discovery}/sensor/oig_local_{box}_{table}_{field lower}/config
 *   entity id sensor.oig_local_{box}_{table}_{field lower}     (binary_sensor.… for on/off fields)
 * </pre>
 *
 * Which fields are binary sensors: {@code oig-local-binary.tsv}. Pure; thread-safe.
 */
public final class OigLocalNames {
  public static final String NAMESPACE = "oig_local";
  private static final Set<String> BINARY = loadBinary();

  private OigLocalNames() {}

  public static String stateTopic(String box, String table) {
    return NAMESPACE + "/" + safe(box) + "/" + safe(table) + "/state";
  }

  public static String availabilityTopic(String box) {
    return NAMESPACE + "/" + safe(box) + "/availability";
  }

  /** {@code oig_local_{box}_{table}_{field in lower case}}, the unique id and the entity id's object part. */
  public static String uniqueId(String box, String table, String field) {
    return (NAMESPACE + "_" + safe(box) + "_" + safe(table) + "_" + safe(field)).toLowerCase(Locale.ROOT);
  }

  /** {@code binary_sensor} for the fields the proxy announces as on/off, else {@code sensor}. */
  public static String component(String table, String field) {
    return BINARY.contains(table + "\t" + field) ? "binary_sensor" : "sensor";
  }

  public static String configTopic(String discoveryPrefix, String box, String table, String field) {
    return discoveryPrefix + "/" + component(table, field) + "/" + uniqueId(box, table, field) + "/config";
  }

  /** Topic- and id-safe: {@code [A-Za-z0-9_-]}, anything else becomes {@code _}. */
  static String safe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      b.append(ok ? c : '_');
    }
    return b.toString();
  }

  private static Set<String> loadBinary() {
    Set<String> out = new HashSet<>();
    try (InputStream in = OigLocalNames.class.getResourceAsStream("oig-local-binary.tsv")) {
      if (in == null) throw new IllegalStateException("oig-local-binary.tsv missing from the classpath");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) continue;
        out.add(line.trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(out);
  }
}

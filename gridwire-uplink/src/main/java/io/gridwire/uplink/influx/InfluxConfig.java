package io.gridwire.uplink.influx;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.uplink.outbox.OutboxBounds;
import io.gridwire.uplink.outbox.OutboxConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code influx} section: InfluxDB export (line protocol over HTTP) through a durable outbox.
 * Each component is one key; {@link #settings} adds the data directory and the exporter's fixed
 * batching.
 */
public record InfluxConfig(
    @Doc("Export readings to InfluxDB.") boolean enabled,
    @Doc("InfluxDB base URL, e.g. http://127.0.0.1:8086.") String url,
    @Doc("API version: 1 (/write?db=) or 2 (/api/v2/write with org, bucket, token).") int version,
    @Doc("1.x: database.") String database,
    @Doc("1.x: retention policy (empty = default).") String retentionPolicy,
    @Doc("1.x: user (empty = no auth).") String username,
    @Doc("1.x: password (env GRIDWIRE_INFLUX_PASSWORD).") String password,
    @Doc("2.x: organisation.") String org,
    @Doc("2.x: bucket.") String bucket,
    @Doc("2.x: token (env GRIDWIRE_INFLUX_TOKEN).") String token,
    @Doc("Measurement name; tags are device, site, source.") String measurement) {

  public InfluxConfig {
    Check.range("influx.version", version, 1, 2);
    if (enabled) {
      String scheme = URI.create(Check.nonBlank("influx.url", url)).getScheme();
      if (scheme == null || !scheme.toLowerCase(Locale.ROOT).matches("https?")) {
        throw new IllegalArgumentException("influx.url must be http:// or https://: " + url);
      }
      if (version == 1) {
        Check.nonBlank("influx.database", database);
      } else {
        Check.nonBlank("influx.org", org);
        Check.nonBlank("influx.bucket", bucket);
        Check.nonBlank("influx.token", token);
      }
    }
    Check.nonBlank("influx.measurement", measurement);
  }

  /** Off; 1.x at 127.0.0.1:8086, database and measurement gridwire. */
  public static InfluxConfig defaults() {
    return new InfluxConfig(false, "http://127.0.0.1:8086", 1, "gridwire", null, null, null, null, null, null, "gridwire");
  }

  /** The exporter named {@code influx} these keys describe, its outbox file under {@code dataDir}. Call when enabled. */
  public InfluxSettings settings(Path dataDir) {
    InfluxTarget target = version == 1
        ? new InfluxTarget.V1(database, emptyIsNull(retentionPolicy), emptyIsNull(username), password)
        : new InfluxTarget.V2(org, bucket, token);
    OutboxConfig o = OutboxConfig.DEFAULT;
    return new InfluxSettings("influx", URI.create(url), target, measurement,
        new OutboxConfig(dataDir, OutboxBounds.DEFAULT, o.fsync(), o.busCapacity()), null, null);
  }

  private static String emptyIsNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public String toString() {
    return "InfluxConfig[enabled=" + enabled + ", url=" + url + ", version=" + version + ", database=" + database
        + ", org=" + org + ", bucket=" + bucket + ", password=" + (password == null ? "unset" : "***") + ", token="
        + (token == null ? "unset" : "***") + "]";
  }
}

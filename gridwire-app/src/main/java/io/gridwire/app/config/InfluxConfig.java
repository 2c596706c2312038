package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;

/** InfluxDB export (line protocol over HTTP) through a durable outbox. */
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
      Check.nonBlank("influx.url", url);
      if (version == 1) Check.nonBlank("influx.database", database);
      else {
        Check.nonBlank("influx.org", org);
        Check.nonBlank("influx.bucket", bucket);
        Check.nonBlank("influx.token", token);
      }
    }
    Check.nonBlank("influx.measurement", measurement);
  }

  public static InfluxConfig defaults() {
    return new InfluxConfig(false, "http://127.0.0.1:8086", 1, "gridwire", null, null, null, null, null, null, "gridwire");
  }

  @Override
  public String toString() {
    return "InfluxConfig[enabled=" + enabled + ", url=" + url + ", version=" + version + ", database=" + database
        + ", org=" + org + ", bucket=" + bucket + ", password=" + (password == null ? "unset" : "***") + ", token="
        + (token == null ? "unset" : "***") + "]";
  }
}

package io.gridwire.uplink.influx;

import io.gridwire.uplink.outbox.OutboxConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the InfluxDB exporter runs with (SPEC §4 Exporters): the user's {@link InfluxConfig}
 * keys ({@link InfluxConfig#settings}) plus the link's name, batching and outbox location.
 *
 * @param name link name, {@code [a-z0-9_-]+}, names the outbox file; default {@code influx}
 * @param url server base URL, {@code http://} or {@code https://}, e.g. {@code http://127.0.0.1:8086}; required
 * @param target API version and its database/bucket and credentials; required
 * @param measurement measurement of every point; default {@code gridwire}
 * @param outbox outbox location and bounds
 * @param batching batch size, flush interval, timeouts, retry back-off
 * @param dropEventInterval at most one {@code data_dropped} event per this period; default 1 min
 */
public record InfluxSettings(String name, URI url, InfluxTarget target, String measurement, OutboxConfig outbox,
    InfluxBatching batching, Duration dropEventInterval) {
  public InfluxSettings {
    name = name == null ? "influx" : name;
    if (!name.matches("[a-z0-9_-]+")) throw new IllegalArgumentException("influx.name must match [a-z0-9_-]+: " + name);
    Objects.requireNonNull(url, "influx.url is required");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("influx.url must be http:// or https://: " + url);
    }
    Objects.requireNonNull(target, "influx.target is required (v1 database or v2 org/bucket/token)");
    measurement = measurement == null || measurement.isBlank() ? "gridwire" : measurement;
    outbox = outbox == null ? OutboxConfig.DEFAULT : outbox;
    batching = batching == null ? InfluxBatching.DEFAULT : batching;
    dropEventInterval = dropEventInterval == null ? Duration.ofMinutes(1) : dropEventInterval;
  }

  /** InfluxDB 1.x without authentication, defaults elsewhere. */
  public static InfluxSettings v1(URI url, String database) {
    return new InfluxSettings(null, url, new InfluxTarget.V1(database, null, null, null), null, null, null, null);
  }

  public InfluxSettings with(OutboxConfig o, InfluxBatching b) {
    return new InfluxSettings(name, url, target, measurement, o, b, dropEventInterval);
  }
}

package io.gridwire.wsdevice.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A device message's {@code "timestamp"}: ISO-8601 with or without offset (none = UTC), or epoch
 * seconds / milliseconds. A value that is unreadable or impossible — before 2000, or more than a
 * day after it was received — is replaced by the receive time, with the reason. Pure.
 *
 * @param at the reading's time
 * @param problem why the device's own time was not used, or null
 */
record DeviceTimestamp(Instant at, String problem) {
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  static final Duration MAX_AHEAD = Duration.ofDays(1);

  static DeviceTimestamp of(JsonNode v, Instant receivedAt) {
    if (v == null || v.isNull()) return new DeviceTimestamp(receivedAt, null);
    Instant t = parse(v);
    String shown = v.isTextual() ? "'" + abbreviate(v.asText()) + "'" : abbreviate(v.toString());
    if (t == null) return replaced(receivedAt, "timestamp " + shown + " is not a time");
    if (t.isBefore(EARLIEST) || t.isAfter(receivedAt.plus(MAX_AHEAD))) {
      return replaced(receivedAt, "timestamp " + shown + " is impossible (" + t + ")");
    }
    return new DeviceTimestamp(t, null);
  }

  private static DeviceTimestamp replaced(Instant receivedAt, String why) {
    return new DeviceTimestamp(receivedAt, why + "; the receive time is used (send ISO-8601 UTC or epoch seconds)");
  }

  private static Instant parse(JsonNode v) {
    if (v.isNumber()) {
      double d = v.asDouble();
      if (!(d > 0) || d > 1e14) return null;
      return d < 1e11 ? Instant.ofEpochMilli((long) (d * 1000)) : Instant.ofEpochMilli((long) d);
    }
    if (!v.isTextual()) return null;
    String s = v.asText().trim().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // no offset: ws-device-server devices send local-looking times meant as UTC
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}

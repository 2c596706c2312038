package io.gridwire.oig.field;

import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.NumberText;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.oig.codec.OigFrame;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a Box table frame (or a poll carrying a table) into one {@link Reading}: device =
 * {@code ID_Device}, timestamp = {@code DT} read in the Box's time zone (a Box replays queued
 * data with historical {@code DT}), numbers as numbers, other text as text, empty as no-data.
 * Pure and thread-safe.
 */
public final class ReadingMapper {
  /** Header and bookkeeping elements that are not measurements. */
  private static final Set<String> HEADER = Set.of(
      "TblName", "ID_Set", "DT", "Reason", "ID_Device", "ID_SubD", "ver", "Result", "Lat");
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss");
  private static final DateTimeFormatter CZ = DateTimeFormatter.ofPattern("d.M.yyyy H:mm:ss");

  private final OigFieldTable fields;
  private final ZoneId boxZone;

  public ReadingMapper(OigFieldTable fields, ZoneId boxZone) {
    this.fields = fields;
    this.boxZone = boxZone;
  }

  /**
   * One table reading.
   *
   * @param table OIG table name
   * @param bank {@code ID_SubD}, 0 when absent
   * @param dt the frame's {@code DT} text, or null (part of the duplicate key)
   * @param reading the values
   * @param metrics metadata of every metric in the reading, in order
   * @param fields the Box's own element name of each metric, in the same order
   */
  public record Mapped(String table, int bank, String dt, Reading reading, List<MetricInfo> metrics, List<String> fields) {}

  /** The reading of a frame, or empty when it carries no table or no device id. */
  public Optional<Mapped> map(OigFrame frame, Instant receivedAt) {
    String table = frame.table();
    String device = frame.deviceId();
    if (table == null || device == null || device.isBlank()) return Optional.empty();
    int bank = parseBank(frame.get("ID_SubD"));
    String dt = frame.get("DT");
    Reading.Builder b = Reading.builder(device, timestamp(dt, receivedAt), receivedAt);
    List<MetricInfo> metrics = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean inTable = frame.result() == null;
    for (OigFrame.Element e : frame.elements()) {
      // a long poll: the table starts at TblName; the poll's own elements are not data
      if (!inTable) {
        inTable = e.name().equals("TblName");
        continue;
      }
      if (HEADER.contains(e.name())) continue;
      MetricInfo info = fields.metricInfo(table, e.name(), bank);
      b.put(info.name(), value(e.value()));
      metrics.add(info);
      names.add(e.name());
    }
    return Optional.of(new Mapped(table, bank, dt, b.build(), metrics, names));
  }

  /**
   * Numbers as numbers by {@link NumberText} (a non-finite one such as {@code 1e999}, a 400-digit
   * value, {@code NaN} or {@code Inf} as no-data {@code out_of_range}), empty as absent, anything
   * else as text.
   */
  public static Value value(String raw) {
    if (raw.isEmpty()) return Value.ABSENT;
    Value number = NumberText.parse(raw);
    return number != null ? number : Value.of(raw);
  }

  /** {@code DT} in the Box zone; {@code fallback} when missing or unreadable. */
  public Instant timestamp(String dt, Instant fallback) {
    if (dt == null) return fallback;
    for (DateTimeFormatter f : new DateTimeFormatter[] {ISO, CZ}) {
      try {
        return LocalDateTime.parse(dt.trim(), f).atZone(boxZone).toInstant();
      } catch (DateTimeParseException ignored) {
        // try the next form
      }
    }
    return fallback;
  }

  private static int parseBank(String s) {
    if (s == null) return 0;
    try {
      return Math.max(0, Integer.parseInt(s.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

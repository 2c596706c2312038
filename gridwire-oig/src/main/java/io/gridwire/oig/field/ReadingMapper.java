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
  private static final DateTimeFormatter[] FORMS = {ISO, CZ};

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
    LocalDateTime plain = plainDateTime(dt);
    if (plain != null) return plain.atZone(boxZone).toInstant();
    for (DateTimeFormatter f : FORMS) {
      try {
        return LocalDateTime.parse(dt.trim(), f).atZone(boxZone).toInstant();
      } catch (DateTimeParseException ignored) {
        // try the next form
      }
    }
    return fallback;
  }

  /**
   * The two forms every frame carries ({@code 2026-02-17 9:05:08}, {@code 08.12.2025 4:08:59}),
   * read by hand: a frame's {@code DT} through {@link DateTimeFormatter} cost more than the rest of
   * its mapping. Null for anything else (an out-of-range field, a five-digit year, spaces), which
   * then takes the formatters' way, so the result is always theirs.
   */
  static LocalDateTime plainDateTime(String s) {
    int n = s.length();
    if (n < 16 || n > 19 || s.charAt(0) <= ' ' || s.charAt(n - 1) <= ' ') return null;
    int[] v = new int[6];
    int field = 0;
    int digits = 0;
    char dateSep = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > 4) return null;
        v[field] = v[field] * 10 + (c - '0');
        continue;
      }
      if (digits == 0 || field == 5) return null;
      char want = field < 2 ? (dateSep == 0 ? c : dateSep) : field == 2 ? ' ' : ':';
      if (c != want || (field == 0 && c != '-' && c != '.')) return null;
      if (field == 0) dateSep = c;
      if (!widthOk(dateSep, field, digits)) return null;
      field++;
      digits = 0;
    }
    if (field != 5 || !widthOk(dateSep, 5, digits)) return null;
    int year = dateSep == '-' ? v[0] : v[2];
    int month = v[1];
    int day = dateSep == '-' ? v[2] : v[0];
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || v[3] > 23 || v[4] > 59 || v[5] > 59) {
      return null;
    }
    return LocalDateTime.of(year, month, day, v[3], v[4], v[5]);
  }

  /** Digits per field: {@code yyyy-MM-dd H:mm:ss} or {@code d.M.yyyy H:mm:ss}. */
  private static boolean widthOk(char dateSep, int field, int digits) {
    return switch (field) {
      case 0 -> dateSep == '-' ? digits == 4 : digits <= 2;
      case 1 -> dateSep == '-' ? digits == 2 : digits <= 2;
      case 2 -> dateSep == '-' ? digits == 2 : digits == 4;
      case 3 -> digits <= 2;
      default -> digits == 2;
    };
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

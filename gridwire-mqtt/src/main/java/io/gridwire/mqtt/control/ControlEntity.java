package io.gridwire.mqtt.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Home Assistant control of a device. Each message on its command topic becomes one ledger
 * command of {@code kind} and {@code target}, with the value {@link #value} makes of the payload:
 *
 * <pre>
 *   select   an option label or its code      → the code            ("Home UPS" → "3")
 *   number   a number within bounds, on step   → the whole number    ("80", "80.0" → "80")
 *   switch   1 / 0 (ON / OFF)                  → "1" / "0"
 *   button   PRESS                             → no value
 * </pre>
 *
 * A select, number or switch shows the value the device reports in {@code stateMetric} (not the
 * value asked for). Immutable, thread-safe.
 *
 * @param item the last topic level and entity suffix ({@code mode}, {@code start}), {@code [a-z0-9_]}
 * @param component {@code select}, {@code number}, {@code switch} or {@code button}
 * @param name the entity's name in Home Assistant
 * @param kind the ledger kind ({@code oig_setting}, {@code genset})
 * @param target the ledger target ({@code tbl_box_prms/MODE}, {@code start})
 * @param options select only: device code → label, in order ({@code 3} → {@code Home UPS}); empty otherwise
 * @param stateMetric select, number, switch: the metric in which the device reports the current value; null for a button
 * @param bounds number only: the device's allowed range (from the setting whitelist); null otherwise
 */
public record ControlEntity(String item, String component, String name, String kind, String target,
    Map<String, String> options, String stateMetric, Bounds bounds) {
  public static final String SELECT = "select";
  public static final String NUMBER = "number";
  public static final String SWITCH = "switch";
  public static final String BUTTON = "button";
  /** Switch payloads (and the device's reported values) for on and off. */
  public static final String ON = "1";
  public static final String OFF = "0";

  /**
   * A number's range: whole numbers {@code min..max} in steps of {@code step} from {@code min}.
   *
   * @param unit the unit shown in Home Assistant ({@code %}, {@code W}, {@code s}) or empty
   */
  public record Bounds(long min, long max, long step, String unit) {
    public Bounds {
      if (max < min || step < 1) throw new IllegalArgumentException("bad bounds " + min + ".." + max + " step " + step);
      unit = unit == null ? "" : unit;
    }

    /** {@code 20..100 step 1 %}. */
    public String describe() {
      return min + ".." + max + (step > 1 ? " step " + step : "") + (unit.isEmpty() ? "" : " " + unit);
    }
  }

  public ControlEntity {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    if (!item.matches("[a-z0-9_]{1,64}")) throw new IllegalArgumentException("control item '" + item + "' is not [a-z0-9_]");
    if (!java.util.Set.of(SELECT, NUMBER, SWITCH, BUTTON).contains(component)) {
      throw new IllegalArgumentException("control component must be select, number, switch or button: " + component);
    }
    options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    if (component.equals(SELECT) && options.isEmpty()) throw new IllegalArgumentException("a select needs options: " + item);
    if (component.equals(NUMBER) && bounds == null) throw new IllegalArgumentException("a number needs bounds: " + item);
    if (!component.equals(BUTTON) && stateMetric == null) {
      throw new IllegalArgumentException("a " + component + " needs the metric it reads its state from: " + item);
    }
  }

  /** A select over {@code options} (code → label) that follows {@code stateMetric}. */
  public static ControlEntity select(String item, String name, String kind, String target, Map<String, String> options,
      String stateMetric) {
    return new ControlEntity(item, SELECT, name, kind, target, options, stateMetric, null);
  }

  /** A number within {@code bounds} that follows {@code stateMetric}. */
  public static ControlEntity number(String item, String name, String kind, String target, Bounds bounds,
      String stateMetric) {
    return new ControlEntity(item, NUMBER, name, kind, target, Map.of(), stateMetric, bounds);
  }

  /** An on/off switch (values {@link #ON} and {@link #OFF}) that follows {@code stateMetric}. */
  public static ControlEntity onOff(String item, String name, String kind, String target, String stateMetric) {
    return new ControlEntity(item, SWITCH, name, kind, target, Map.of(), stateMetric, null);
  }

  /** A button that sends command {@code target} of {@code kind}. */
  public static ControlEntity button(String item, String name, String kind, String target) {
    return new ControlEntity(item, BUTTON, name, kind, target, Map.of(), null, null);
  }

  public boolean select() {
    return component.equals(SELECT);
  }

  /** What one command payload asks for: the command's value, or why it is refused. */
  public sealed interface Value {
    /** @param value the ledger command's value; null for a button */
    record Ok(String value) implements Value {}

    /** @param why one operator sentence naming the allowed values */
    record OutOfRange(String why) implements Value {}
  }

  /** The command value of a (trimmed) payload, or an {@link Value.OutOfRange} naming what is allowed. */
  public Value value(String payload) {
    return switch (component) {
      case SELECT -> selectValue(payload);
      case NUMBER -> numberValue(payload);
      case SWITCH -> switchValue(payload);
      default -> new Value.Ok(null);
    };
  }

  private Value selectValue(String payload) {
    if (options.containsKey(payload)) return new Value.Ok(payload);
    for (Map.Entry<String, String> o : options.entrySet()) if (o.getValue().equals(payload)) return new Value.Ok(o.getKey());
    return new Value.OutOfRange("'" + clip(payload) + "' is not an option; options: " + String.join(", ", options.values()));
  }

  private Value numberValue(String payload) {
    long n;
    try {
      n = new java.math.BigDecimal(payload).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return new Value.OutOfRange("'" + clip(payload) + "' is not a whole number; allowed " + bounds.describe());
    }
    if (n < bounds.min() || n > bounds.max() || (n - bounds.min()) % bounds.step() != 0) {
      return new Value.OutOfRange(n + " is out of range; allowed " + bounds.describe());
    }
    return new Value.Ok(Long.toString(n));
  }

  private static Value switchValue(String payload) {
    if (payload.equals(ON) || payload.equalsIgnoreCase("ON")) return new Value.Ok(ON);
    if (payload.equals(OFF) || payload.equalsIgnoreCase("OFF")) return new Value.Ok(OFF);
    return new Value.OutOfRange("'" + clip(payload) + "' is neither " + ON + " (on) nor " + OFF + " (off)");
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}

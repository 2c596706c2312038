package io.gridwire.mqtt.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Home Assistant control of a device: a {@code select} whose option becomes the command's
 * value, or a {@code button} whose press sends a command without value. Each message on its
 * command topic becomes one ledger command of {@code kind} and {@code target}.
 *
 * @param item the last topic level and entity suffix ({@code mode}, {@code start}), {@code [a-z0-9_]}
 * @param component {@code select} or {@code button}
 * @param name the entity's name in Home Assistant
 * @param kind the ledger kind ({@code oig_setting}, {@code genset})
 * @param target the ledger target ({@code tbl_box_prms/MODE}, {@code start})
 * @param options select only: device code → label, in order ({@code 3} → {@code Home UPS}); empty for a button
 * @param stateMetric select only: the metric in which the device reports the current value; null for a button
 */
public record ControlEntity(String item, String component, String name, String kind, String target,
    Map<String, String> options, String stateMetric) {
  public static final String SELECT = "select";
  public static final String BUTTON = "button";

  public ControlEntity {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    if (!item.matches("[a-z0-9_]{1,64}")) throw new IllegalArgumentException("control item '" + item + "' is not [a-z0-9_]");
    if (!component.equals(SELECT) && !component.equals(BUTTON)) {
      throw new IllegalArgumentException("control component must be select or button: " + component);
    }
    options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    if (component.equals(SELECT) && options.isEmpty()) throw new IllegalArgumentException("a select needs options: " + item);
  }

  /** A select over {@code options} (code → label) that follows {@code stateMetric}. */
  public static ControlEntity select(String item, String name, String kind, String target, Map<String, String> options,
      String stateMetric) {
    return new ControlEntity(item, SELECT, name, kind, target, options, stateMetric);
  }

  /** A button that sends command {@code target} of {@code kind}. */
  public static ControlEntity button(String item, String name, String kind, String target) {
    return new ControlEntity(item, BUTTON, name, kind, target, Map.of(), null);
  }

  public boolean select() {
    return component.equals(SELECT);
  }
}

package io.gridwire.mqtt.publish;

import io.gridwire.core.reading.EntityHint;
import io.gridwire.core.reading.MetricInfo;
import java.util.List;
import java.util.Map;

/**
 * How one metric looks in Home Assistant: value template, unit, classes, enum options, and whether
 * it is a primary entity (enabled by default) or a {@code diagnostic} one (disabled by default).
 *
 * <p>Primary: what the connector declared ({@code ha}, else {@code primary: true}, in a Modbus
 * profile; the OIG field table); when it declared nothing (free-form MQTT and WebSocket devices),
 * key values and metrics with a device class are primary and the rest diagnostic. An enum sensor ({@code device_class: enum}) lists its
 * options and has neither unit nor state class; its template maps the published value (a label or
 * a numeric code) to an option and anything else to {@code None}, which Home Assistant shows as
 * unknown instead of rejecting a state outside the options. Pure.
 */
final class EntityPresentation {
  private EntityPresentation() {}

  /** Adds value template, unit, classes, options, category and default enablement to {@code c}. */
  static void describe(Map<String, Object> c, MetricInfo info, boolean binary) {
    EntityHint hint = info.hint();
    if (!binary && hint.isEnum()) {
      c.put("value_template", enumTemplate(info.name(), hint.options()));
      c.put("device_class", "enum");
      c.put("options", List.copyOf(new java.util.LinkedHashSet<>(hint.options().values())));
    } else {
      c.put("value_template", template(info.name(), binary));
      if (!binary && info.unit() != null) c.put("unit_of_measurement", info.unit());
      if (info.deviceClass() != null) c.put("device_class", info.deviceClass());
      if (!binary && info.stateClass() != null) c.put("state_class", info.stateClass());
    }
    if (!primary(info)) {
      c.put("entity_category", "diagnostic");
      c.put("enabled_by_default", false);
    }
  }

  /** Whether the metric's entity is enabled by default. */
  static boolean primary(MetricInfo info) {
    EntityHint.Visibility v = info.hint().visibility();
    if (v != null) return v == EntityHint.Visibility.PRIMARY;
    return info.primary() || info.deviceClass() != null;
  }

  private static String get(String metric) {
    return "value_json.get('" + metric.replace("'", "") + "')";
  }

  static String template(String metric, boolean binary) {
    if (!binary) return "{{ " + get(metric) + " }}";
    return "{% set v = " + get(metric) + " %}{{ 'None' if v is none else ('ON' if v else 'OFF') }}";
  }

  /**
   * Text values map by themselves; numeric codes ({@code 3} or {@code 3.0}) by their integer text.
   * Keys and options are quoted with single quotes removed, so the template stays well-formed.
   */
  static String enumTemplate(String metric, Map<String, String> options) {
    StringBuilder map = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (!first) map.append(", ");
      first = false;
      map.append('\'').append(quote(e.getKey())).append("': '").append(quote(e.getValue())).append('\'');
    }
    map.append('}');
    return "{% set v = " + get(metric) + " %}{% set o = " + map + " %}"
        + "{% set k = (v | int | string) if v is number else (v | string) %}"
        + "{{ o.get(k, 'None') if v is not none else 'None' }}";
  }

  private static String quote(String s) {
    return s.replace("'", "").replace("\\", "");
  }
}

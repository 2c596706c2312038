package io.gridwire.modbus.profile;

import io.gridwire.core.reading.Deadband;
import io.gridwire.core.reading.EntityHint;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.modbus.register.FieldType;
import io.gridwire.modbus.register.RegisterField;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A field of a profile block: how it decodes, plus what its metrics mean.
 *
 * @param codec the pure decoding rule
 * @param label human name (bits fields label each flag by its metric name)
 * @param unit unit symbol, or null
 * @param deviceClass Home Assistant device class, or null
 * @param stateClass Home Assistant state class, or null ({@code measurement} by default for
 *     numeric fields with a unit)
 * @param sim simulator hint, never null
 * @param deadband how far a numeric value must move before it is reported again (report by
 *     exception), or null for any change
 * @param section the device-page section of its metrics (the block's {@code section}), or null
 * @param primary a key value of the device ({@code primary: true})
 * @param hint Home Assistant presentation (profile key {@code ha}: primary or diagnostic, by default
 *     primary for key values; enum options from {@code enum}); never null
 */
public record Field(RegisterField codec, String label, String unit, String deviceClass, String stateClass, SimHint sim,
    Deadband deadband, String section, boolean primary, EntityHint hint) {
  public Field {
    Objects.requireNonNull(codec, "codec");
    sim = sim == null ? SimHint.ZERO : sim;
    hint = hint == null ? EntityHint.NONE : hint;
  }

  /** A field in a section, without a Home Assistant hint. */
  public Field(RegisterField codec, String label, String unit, String deviceClass, String stateClass, SimHint sim,
      Deadband deadband, String section, boolean primary) {
    this(codec, label, unit, deviceClass, stateClass, sim, deadband, section, primary, EntityHint.NONE);
  }

  /** A field in no section and not primary. */
  public Field(RegisterField codec, String label, String unit, String deviceClass, String stateClass, SimHint sim,
      Deadband deadband) {
    this(codec, label, unit, deviceClass, stateClass, sim, deadband, null, false);
  }

  /** A field reported on any change. */
  public Field(RegisterField codec, String label, String unit, String deviceClass, String stateClass, SimHint sim) {
    this(codec, label, unit, deviceClass, stateClass, sim, null);
  }

  public String name() {
    return codec.name();
  }

  /** Metric metadata of every metric this field produces. */
  public List<MetricInfo> metricInfos() {
    List<MetricInfo> out = new ArrayList<>();
    if (codec.type() == FieldType.BITS) {
      for (String m : codec.metrics()) {
        out.add(new MetricInfo(m, m.replace('_', ' '), null, null, null, null, section, primary, hint));
      }
    } else {
      out.add(new MetricInfo(codec.name(), label, unit, deviceClass, stateClass, deadband, section, primary, hint));
    }
    return out;
  }
}

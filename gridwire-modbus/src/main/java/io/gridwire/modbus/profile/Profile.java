package io.gridwire.modbus.profile;

import io.gridwire.core.alarm.AlarmTable;
import io.gridwire.core.reading.MetricInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A device's register profile: blocks to read and fields to decode (SPEC §3.1). Immutable and
 * shared by every device that uses it.
 *
 * @param name profile id, e.g. {@code smartgen-hgm9520n}
 * @param label human name of the device model
 * @param kind device kind for the registry ({@code generator}, {@code switchgear}, ...)
 * @param origin where it was loaded from (classpath resource or file), for messages
 * @param blocks read blocks, in poll order
 * @param alarms which metrics are alarms (name, severity, class, values that matter), never null
 * @param commands named remote commands (start, stop, …; docs/commands.md), never null
 * @param manufacturer maker of the device model (Home Assistant's device {@code manufacturer}), or null
 * @param model model name as the maker writes it (Home Assistant's device {@code model}), or null
 */
public record Profile(String name, String label, String kind, String origin, List<Block> blocks, AlarmTable alarms,
    DeviceCommands commands, String manufacturer, String model) {
  public Profile {
    commands = commands == null ? DeviceCommands.NONE : commands;
    Objects.requireNonNull(name, "name");
    blocks = List.copyOf(blocks);
    alarms = alarms == null ? AlarmTable.EMPTY : alarms;
    label = label == null ? name : label;
    kind = kind == null ? "device" : kind;
  }

  /** A profile that names no manufacturer or model. */
  public Profile(String name, String label, String kind, String origin, List<Block> blocks, AlarmTable alarms,
      DeviceCommands commands) {
    this(name, label, kind, origin, blocks, alarms, commands, null, null);
  }

  /** Metric metadata of every field, in block order. */
  /**
   * Metric metadata of every field, in block order: one unmodifiable list per profile, shared by
   * every device that uses it (a genset profile has 640 metrics; a fleet of 1,000 would otherwise
   * hold 640,000 copies).
   */
  public List<MetricInfo> metricInfos() {
    return METRIC_INFOS.computeIfAbsent(this, Profile::buildMetricInfos);
  }

  private static final java.util.Map<Profile, List<MetricInfo>> METRIC_INFOS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static List<MetricInfo> buildMetricInfos(Profile p) {
    List<MetricInfo> out = new ArrayList<>();
    for (Block b : p.blocks) {
      for (Field f : b.fields()) out.addAll(f.metricInfos());
    }
    return List.copyOf(out);
  }

  /** A field and the address of its first register. */
  public record Located(Field field, int start) {}

  /** The described field covering a holding register (function 3 blocks), if any. */
  public Optional<Located> fieldAt(int address) {
    List<Located> all = fieldsAt(address);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Every described field covering a holding register (a code and its label may share one). */
  public List<Located> fieldsAt(int address) {
    List<Located> out = new ArrayList<>();
    for (Block b : blocks) {
      if (b.function() != 3 || !b.contains(address)) continue;
      int rel = address - b.start();
      for (Field f : b.fields()) {
        if (rel >= f.codec().offset() && rel < f.codec().offset() + f.codec().words()) {
          out.add(new Located(f, b.start() + f.codec().offset()));
        }
      }
    }
    return out;
  }

  /** Total registers read by one full poll. */
  public int registerCount() {
    int n = 0;
    for (Block b : blocks) n += b.count();
    return n;
  }
}

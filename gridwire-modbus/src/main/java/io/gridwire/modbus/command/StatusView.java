package io.gridwire.modbus.command;

import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.modbus.profile.CommandDef;
import io.gridwire.modbus.profile.DeviceCommands;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The last polled value of each status metric a device's commands look at (their interlocks and
 * confirmations), as text ({@code true}/{@code false}, enum labels, integers), with when it was
 * read. Only those metrics are kept: a reading of a genset carries hundreds of values, a profile's
 * commands name a handful, and every reading of every device passes here. Thread-safe.
 */
final class StatusView {
  /** One metric's value as text (null: no data) and its reading's time. */
  record Seen(String text, Instant at) {}

  /** The status metrics of one device's commands, for the command set they were taken from. */
  private record Watched(DeviceCommands commands, Set<String> metrics) {
    static Watched of(DeviceCommands commands) {
      Set<String> metrics = new java.util.HashSet<>();
      for (CommandDef c : commands.list()) {
        metrics.addAll(c.appliedWhen().keySet());
        metrics.addAll(c.require().keySet());
        metrics.addAll(c.refuseWhen().keySet());
      }
      return new Watched(commands, Set.copyOf(metrics));
    }
  }

  private final Function<String, DeviceCommands> commandsOf;
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Seen>> devices = new ConcurrentHashMap<>();

  /** @param commandsOf a device's commands now (a runtime edit may change its profile) */
  StatusView(Function<String, DeviceCommands> commandsOf) {
    this.commandsOf = commandsOf;
  }

  void update(Reading r) {
    DeviceCommands commands = commandsOf.apply(r.deviceId());
    Watched w = watched.get(r.deviceId());
    if (w == null || w.commands() != commands) {
      w = Watched.of(commands);
      watched.put(r.deviceId(), w);
    }
    if (w.metrics().isEmpty()) return;
    Map<String, Seen> m = null;
    for (String metric : w.metrics()) {
      Value v = r.values().get(metric);
      if (v == null) continue;
      if (m == null) m = devices.computeIfAbsent(r.deviceId(), d -> new ConcurrentHashMap<>());
      m.put(metric, new Seen(text(v), r.receivedAt()));
    }
  }

  Seen get(String device, String metric) {
    return devices.getOrDefault(device, Map.of()).get(metric);
  }

  /** True when every metric shows one of its values, read no earlier than {@code since}. */
  boolean holds(String device, Map<String, Set<String>> conditions, Instant since) {
    for (Map.Entry<String, Set<String>> e : conditions.entrySet()) {
      Seen s = get(device, e.getKey());
      if (s == null || s.text() == null || s.at().isBefore(since) || !e.getValue().contains(s.text())) return false;
    }
    return true;
  }

  /** The metrics that match one of their values now. */
  List<String> matching(String device, Map<String, Set<String>> conditions) {
    return conditions.entrySet().stream().filter(e -> {
      Seen s = get(device, e.getKey());
      return s != null && e.getValue().contains(s.text());
    }).map(Map.Entry::getKey).toList();
  }

  /** {@code gen_status_name=standby (read 2026-…Z)} for each metric: the evidence of a confirmation or refusal. */
  String describe(String device, Iterable<String> metrics) {
    StringJoiner j = new StringJoiner(", ");
    for (String metric : metrics) {
      Seen s = get(device, metric);
      j.add(metric + "=" + (s == null ? "not read yet" : (s.text() == null ? "no data" : s.text()) + " (read " + s.at() + ")"));
    }
    return j.toString();
  }


  private static String text(Value v) {
    return switch (v) {
      case Value.Bool b -> Boolean.toString(b.value());
      case Value.Text t -> t.value();
      case Value.Num n -> n.value() == Math.rint(n.value()) ? Long.toString((long) n.value()) : Double.toString(n.value());
      case Value.NoData ignored -> null;
    };
  }
}

package io.gridwire.app.ha;

import io.gridwire.core.alarm.AlarmTable;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Value;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.gridwire.mqtt.metric.MetricDefaults;
import io.gridwire.oig.field.OigFieldTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every built-in kind of device with the metrics its connector declares: the Modbus profiles, an
 * OIG box (every field of the OIG field table, bank 0) and a datalogger of the simulated MQTT site
 * (the keys its inputs carry, with the metadata guessed for them).
 */
final class BuiltInDevices {
  private BuiltInDevices() {}

  record Kind(String name, List<MetricInfo> metrics, AlarmTable alarms) {}

  static List<Kind> all() throws IOException {
    List<Kind> out = new ArrayList<>();
    ProfileLibrary lib = ProfileLibrary.builtIns();
    for (String p : ProfileLibrary.BUILT_IN) {
      out.add(new Kind(p, lib.get(p).metricInfos(), lib.get(p).alarms()));
    }
    out.add(new Kind("oig-box", oigMetrics(), AlarmTable.EMPTY));
    out.add(new Kind("mqtt-datalogger", dataloggerMetrics(), AlarmTable.EMPTY));
    return out;
  }

  /** The table and field of every line of the OIG field table, as the connector names them. */
  static List<MetricInfo> oigMetrics() throws IOException {
    Map<String, MetricInfo> out = new LinkedHashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        OigFieldTable.class.getResourceAsStream("oig-fields.tsv"), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] c = line.split("\t");
        MetricInfo m = OigFieldTable.standard().metricInfo(c[0], c[1], 0);
        out.put(m.name(), m);
      }
    }
    return List.copyOf(out.values());
  }

  /** The flattened keys of the simulated datalogger's input (see MqttSiteSimulator). */
  static List<MetricInfo> dataloggerMetrics() {
    Map<String, Value> sample = new LinkedHashMap<>();
    sample.put("battery_voltage", new Value.Num(24.5));
    sample.put("solar_power", new Value.Num(900));
    sample.put("temperature", new Value.Num(28.5));
    sample.put("energy_kwh", new Value.Num(1.25));
    sample.put("relay_1", new Value.Bool(true));
    sample.put("relay_2", new Value.Bool(false));
    sample.put("ai_ch1", new Value.Num(12));
    sample.put("ai_ch2", new Value.Num(12));
    List<MetricInfo> out = new ArrayList<>();
    sample.forEach((k, v) -> out.add(MetricDefaults.infer(k, v)));
    return out;
  }
}

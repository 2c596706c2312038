package io.gridwire.app.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every discovery config of every built-in device kind against Home Assistant's table of sensor
 * device classes, their units and state classes ({@code ha/sensor-device-classes.tsv}, source named
 * there). Home Assistant logs an error for such a sensor, or refuses its statistics.
 */
class DeviceClassTableTest {
  /** Home Assistant core, homeassistant/components/binary_sensor/__init__.py, BinarySensorDeviceClass. */
  private static final Set<String> BINARY_CLASSES = Set.of("battery", "battery_charging", "carbon_monoxide", "cold",
      "connectivity", "door", "garage_door", "gas", "heat", "light", "lock", "moisture", "motion", "moving",
      "occupancy", "opening", "plug", "power", "presence", "problem", "running", "safety", "smoke", "sound", "tamper",
      "update", "vibration", "window");
  /** Units that belong to one device class only: a sensor with one of them must carry that class. */
  private static final Map<String, Set<String>> UNIT_NEEDS_CLASS = Map.of(
      "V", Set.of("voltage"), "A", Set.of("current"), "W", Set.of("power"), "kW", Set.of("power"),
      "Hz", Set.of("frequency"), "°C", Set.of("temperature"), "VA", Set.of("apparent_power"),
      "kvar", Set.of("reactive_power"), "kvarh", Set.of("reactive_energy"),
      "kWh", Set.of("energy", "energy_storage"));

  record Allowed(Set<String> units, Set<String> stateClasses) {}

  @Test
  void builtInKinds_everySensor_classUnitAndStateClassAllowedByHomeAssistant() throws Exception {
    Map<String, Allowed> table = table();
    List<String> wrong = new ArrayList<>();
    for (BuiltInDevices.Kind kind : BuiltInDevices.all()) {
      for (Map.Entry<String, JsonNode> e : EntityCensus.configs(kind).entrySet()) {
        String where = kind.name() + " " + e.getKey() + ": ";
        JsonNode c = e.getValue();
        String dc = c.path("device_class").asText(null);
        String unit = c.path("unit_of_measurement").asText(null);
        String sc = c.path("state_class").asText(null);
        if (e.getKey().contains("/binary_sensor/")) {
          if (dc != null && !BINARY_CLASSES.contains(dc)) wrong.add(where + "binary device class " + dc);
          continue;
        }
        if (!e.getKey().contains("/sensor/")) continue;
        Set<String> needs = unit == null ? null : UNIT_NEEDS_CLASS.get(unit);
        if (needs != null && (dc == null || !needs.contains(dc))) wrong.add(where + "unit " + unit + " without device class " + needs);
        if (dc == null) continue;
        Allowed a = table.get(dc);
        if (a == null) {
          wrong.add(where + "device class " + dc + " is not in Home Assistant's table");
          continue;
        }
        if (!a.units().contains(unit == null ? "-" : unit)) wrong.add(where + dc + " with unit " + unit);
        if (sc != null && !a.stateClasses().contains(sc)) wrong.add(where + dc + " with state class " + sc);
        if (dc.equals("enum") && (!c.path("options").isArray() || c.path("options").isEmpty())) {
          wrong.add(where + "enum without options");
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void builtInKinds_energyCounters_oneStatisticsSensorPerQuantity() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (BuiltInDevices.Kind kind : BuiltInDevices.all()) {
      Map<String, String> quantities = new HashMap<>();
      for (JsonNode c : EntityCensus.configs(kind).values()) {
        String dc = c.path("device_class").asText("");
        if (!(dc.equals("energy") || dc.equals("reactive_energy")) || c.path("state_class").isMissingNode()) continue;
        String quantity = c.path("name").asText().replaceAll(" (today|this month|this year)$", "");
        String before = quantities.put(quantity, c.path("unique_id").asText());
        if (before != null) wrong.add(kind.name() + ": " + quantity + " has statistics twice: " + before + ", "
            + c.path("unique_id").asText());
      }
      if (kind.name().equals("oig-box")) {
        assertThat(quantities).containsKeys("PV energy", "Grid import", "Grid export", "Consumption");
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static Map<String, Allowed> table() throws IOException {
    Map<String, Allowed> out = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        DeviceClassTableTest.class.getResourceAsStream("/ha/sensor-device-classes.tsv"), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] c = line.split("\t");
        out.put(c[0], new Allowed(Set.of(c[1].split(",")), Set.of(c[2].split(","))));
      }
    }
    return out;
  }
}

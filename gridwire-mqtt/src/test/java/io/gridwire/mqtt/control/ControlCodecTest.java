package io.gridwire.mqtt.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.mqtt.publish.DiscoveryCodec;
import io.gridwire.mqtt.publish.DiscoveryMessage;
import io.gridwire.mqtt.publish.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Topics topics = new Topics("gw", "homeassistant");
  private final DiscoveryCodec discovery = new DiscoveryCodec(topics, "gw-1", "1.2.3", Duration.ofMinutes(5));
  private final ControlCodec codec = new ControlCodec(topics, discovery);
  private final Device box = Device.of("2206237016", "home", "oig_box", Source.OIG);
  private final Device gen = Device.of("gen 1", "north", "generator", Source.MODBUS);

  private static Map<String, String> modes() {
    Map<String, String> m = new LinkedHashMap<>();
    String[] labels = {"Home 1", "Home 2", "Home 3", "Home UPS", "Home 5", "Home 6"};
    for (int i = 0; i < labels.length; i++) m.put(Integer.toString(i), labels[i]);
    return m;
  }

  @Test
  void modeSelect_optionsTopicsCategoryAndDeviceBlock() throws Exception {
    ControlEntity mode = ControlEntity.select("mode", "Operating mode", "oig_setting", "tbl_box_prms/MODE", modes(),
        "box_prms_mode");
    DiscoveryMessage m = codec.config(box.id(), box, mode);
    JsonNode c = JSON.readTree(m.payload());

    assertThat(m.topic()).isEqualTo("homeassistant/select/gridwire_2206237016_mode/config");
    assertThat(c.get("unique_id").asText()).isEqualTo("gridwire_2206237016_mode");
    assertThat(c.get("default_entity_id").asText()).isEqualTo("select.gridwire_2206237016_mode");
    assertThat(c.get("command_topic").asText()).isEqualTo("gw/2206237016/command/mode");
    assertThat(c.get("state_topic").asText()).isEqualTo("gw/2206237016/state");
    assertThat(c.get("json_attributes_topic").asText()).isEqualTo("gw/2206237016/command/mode/state");
    assertThat(c.get("entity_category").asText()).isEqualTo("config");
    assertThat(JSON.convertValue(c.get("options"), String[].class))
        .containsExactly("Home 1", "Home 2", "Home 3", "Home UPS", "Home 5", "Home 6");
    assertThat(c.get("value_template").asText()).contains("box_prms_mode", "'3': 'Home UPS'");
    assertThat(c.get("availability").toString()).contains("gw/status", "gw/2206237016/availability");
    assertThat(c.get("availability_mode").asText()).isEqualTo("all");
    // the same device block as the device's sensors, so Home Assistant groups them
    JsonNode sensor = JSON.readTree(discovery.config(box.id(), box, new MetricInfo("box_prms_mode", "Operating mode",
        null, null, null), false).payload());
    assertThat(c.get("device")).isEqualTo(sensor.get("device"));
  }

  @Test
  void gensetButton_pressPayloadNoStateNoCategory() throws Exception {
    DiscoveryMessage m = codec.config(gen.id(), gen, ControlEntity.button("start", "Start", "genset", "start"));
    JsonNode c = JSON.readTree(m.payload());

    assertThat(m.topic()).isEqualTo("homeassistant/button/gridwire_gen_1_start/config");
    assertThat(c.get("command_topic").asText()).isEqualTo("gw/gen_1/command/start");
    assertThat(c.get("payload_press").asText()).isEqualTo("PRESS");
    assertThat(c.has("state_topic")).isFalse();
    assertThat(c.has("entity_category")).isFalse();
    assertThat(c.get("device").get("identifiers").get(0).asText()).isEqualTo("gridwire_gen_1");
  }

  @Test
  void number_boundsUnitStateFromTheDevicesReportedValue() throws Exception {
    ControlEntity min = ControlEntity.number("batt_prms_bat_min", "Minimum battery charge", "oig_setting",
        "tbl_batt_prms/BAT_MIN", new ControlEntity.Bounds(20, 100, 1, "%"), "batt_prms_bat_min");
    DiscoveryMessage m = codec.config(box.id(), box, min);
    JsonNode c = JSON.readTree(m.payload());

    assertThat(m.topic()).isEqualTo("homeassistant/number/gridwire_2206237016_batt_prms_bat_min/config");
    assertThat(c.get("default_entity_id").asText()).isEqualTo("number.gridwire_2206237016_batt_prms_bat_min");
    assertThat(c.get("command_topic").asText()).isEqualTo("gw/2206237016/command/batt_prms_bat_min");
    assertThat(c.get("min").asLong()).isEqualTo(20);
    assertThat(c.get("max").asLong()).isEqualTo(100);
    assertThat(c.get("step").asLong()).isEqualTo(1);
    assertThat(c.get("unit_of_measurement").asText()).isEqualTo("%");
    assertThat(c.get("mode").asText()).isEqualTo("box");
    // the state is what the box reports on its state topic, not the value asked for
    assertThat(c.get("state_topic").asText()).isEqualTo("gw/2206237016/state");
    assertThat(c.get("value_template").asText()).isEqualTo("{{ value_json.get('batt_prms_bat_min') }}");
    assertThat(c.get("json_attributes_topic").asText()).isEqualTo("gw/2206237016/command/batt_prms_bat_min/state");
    assertThat(c.get("entity_category").asText()).isEqualTo("config");
    assertThat(c.get("availability").toString()).contains("gw/status", "gw/2206237016/availability");
    assertThat(c.get("availability_mode").asText()).isEqualTo("all");
  }

  @Test
  void switch_sendsOneOrZero_readsTheReportedFlag() throws Exception {
    ControlEntity manual = ControlEntity.onOff("boiler_prms_manual", "Boiler manual", "oig_setting",
        "tbl_boiler_prms/MANUAL", "boiler_prms_manual");
    DiscoveryMessage m = codec.config(box.id(), box, manual);
    JsonNode c = JSON.readTree(m.payload());

    assertThat(m.topic()).isEqualTo("homeassistant/switch/gridwire_2206237016_boiler_prms_manual/config");
    assertThat(c.get("payload_on").asText()).isEqualTo("1");
    assertThat(c.get("payload_off").asText()).isEqualTo("0");
    assertThat(c.get("state_on").asText()).isEqualTo("1");
    assertThat(c.get("state_off").asText()).isEqualTo("0");
    assertThat(c.get("state_topic").asText()).isEqualTo("gw/2206237016/state");
    assertThat(c.get("value_template").asText()).contains("value_json.get('boiler_prms_manual')", "v | int | string", "'None'");
    assertThat(c.has("unit_of_measurement")).isFalse();
    assertThat(c.get("entity_category").asText()).isEqualTo("config");
  }

  @Test
  void values_selectTakesLabelOrCode_numberWholeOnStep_switchOnOff() {
    ControlEntity mode = ControlEntity.select("mode", "Mode", "oig_setting", "tbl_box_prms/MODE", modes(), "box_prms_mode");
    assertThat(mode.value("Home UPS")).isEqualTo(new ControlEntity.Value.Ok("3"));
    assertThat(mode.value("3")).isEqualTo(new ControlEntity.Value.Ok("3"));
    assertThat(mode.value("Home 9")).isInstanceOf(ControlEntity.Value.OutOfRange.class);
    ControlEntity zone = ControlEntity.number("z", "Zone", "oig_setting", "t/Z", new ControlEntity.Bounds(0, 86_399, 60, "s"), "z");
    assertThat(zone.value("3600")).isEqualTo(new ControlEntity.Value.Ok("3600"));
    assertThat(zone.value("3600.00")).isEqualTo(new ControlEntity.Value.Ok("3600"));
    assertThat(zone.value("3601")).isEqualTo(new ControlEntity.Value.OutOfRange("3601 is out of range; allowed 0..86399 step 60 s"));
    assertThat(zone.value("86400")).isInstanceOf(ControlEntity.Value.OutOfRange.class);
    ControlEntity sw = ControlEntity.onOff("s", "S", "oig_setting", "t/S", "s");
    assertThat(sw.value("ON")).isEqualTo(new ControlEntity.Value.Ok("1"));
    assertThat(sw.value("0")).isEqualTo(new ControlEntity.Value.Ok("0"));
    assertThat(sw.value("2")).isInstanceOf(ControlEntity.Value.OutOfRange.class);
  }

  @Test
  void commandFilter_matchesCommandTopicsNotTheirStateTopics() {
    assertThat(codec.commandFilter()).isEqualTo("gw/+/command/+");
    assertThat(io.gridwire.core.topic.TopicFilter.matches(codec.commandFilter(), codec.commandTopic("a", "mode"))).isTrue();
    assertThat(io.gridwire.core.topic.TopicFilter.matches(codec.commandFilter(), codec.commandStateTopic("a", "mode")))
        .isFalse();
  }

  @Test
  void controlEntity_badItemOrSelectWithoutOptions_refused() {
    assertThatThrownBy(() -> ControlEntity.button("Start!", "Start", "genset", "start"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ControlEntity.select("mode", "Mode", "oig_setting", "t/I", Map.of(), "m"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ControlEntity.number("n", "N", "oig_setting", "t/N", null, "m"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ControlEntity.Bounds(10, 5, 1, "%")).isInstanceOf(IllegalArgumentException.class);
  }
}

package io.gridwire.mqtt.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.core.reading.EntityHint;
import io.gridwire.core.reading.MetricInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscoveryCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DiscoveryCodec codec = new DiscoveryCodec(new Topics("gw", "homeassistant"), "gw-1", "1.2.3",
      Duration.ofMinutes(5));
  private final Device gen = Device.of("gen-1", "north", "generator", Source.MODBUS).withModel("smartgen-hgm9520n")
      .withAttributes(Map.of("manufacturer", "SmartGen", "model", "HGM9520N", "firmware", "V1.4"));

  private JsonNode config(MetricInfo info, boolean binary) throws Exception {
    return JSON.readTree(codec.config("gen-1", gen, info, binary).payload());
  }

  @Test
  void primaryMetric_enabledWithoutCategory_andNoObjectId() throws Exception {
    JsonNode c = config(new MetricInfo("power_total", "Active power total", "kW", "power", "measurement", null,
        EntityHint.of(EntityHint.Visibility.PRIMARY)), false);
    assertThat(c.has("entity_category")).isFalse();
    assertThat(c.has("enabled_by_default")).isFalse();
    assertThat(c.has("object_id")).isFalse();
    assertThat(c.get("default_entity_id").asText()).isEqualTo("sensor.gridwire_gen_1_power_total");
  }

  @Test
  void diagnosticMetric_categoryDiagnosticAndDisabledByDefault() throws Exception {
    JsonNode c = config(new MetricInfo("power_a", "Active power A", "kW", "power", "measurement", null,
        EntityHint.of(EntityHint.Visibility.DIAGNOSTIC)), false);
    assertThat(c.get("entity_category").asText()).isEqualTo("diagnostic");
    assertThat(c.get("enabled_by_default").asBoolean()).isFalse();
  }

  @Test
  void undeclaredVisibility_primaryOnlyWithDeviceClass() throws Exception {
    assertThat(config(new MetricInfo("battery_voltage", "Battery voltage", "V", "voltage", "measurement"), false)
        .has("enabled_by_default")).isFalse();
    assertThat(config(new MetricInfo("ai_ch1", "Ai ch1", null, null, "measurement"), false)
        .get("enabled_by_default").asBoolean()).isFalse();
  }

  @Test
  void enumMetric_enumSensorWithOptions_noUnitNoStateClass() throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("0", "Home 1");
    options.put("3", "Home UPS");
    JsonNode c = config(new MetricInfo("box_prms_mode", "Operating mode", null, "enum", "measurement", null,
        new EntityHint(EntityHint.Visibility.PRIMARY, options)), false);
    assertThat(c.get("device_class").asText()).isEqualTo("enum");
    assertThat(c.get("options").toString()).isEqualTo("[\"Home 1\",\"Home UPS\"]");
    assertThat(c.has("state_class")).isFalse();
    assertThat(c.has("unit_of_measurement")).isFalse();
    assertThat(c.get("value_template").asText())
        .contains("'0': 'Home 1'", "'3': 'Home UPS'", "v | int | string", "o.get(k, 'None')");
  }

  @Test
  void deviceBlock_manufacturerModelFirmware_viaTheGatewayDevice() throws Exception {
    JsonNode d = config(MetricInfo.of("x", "X", "V"), false).get("device");
    assertThat(d.get("manufacturer").asText()).isEqualTo("SmartGen");
    assertThat(d.get("model").asText()).isEqualTo("HGM9520N");
    assertThat(d.get("sw_version").asText()).isEqualTo("V1.4");
    JsonNode gateway = JSON.readTree(codec.gatewayConfig().payload());
    assertThat(d.get("via_device").asText()).isEqualTo(gateway.get("device").get("identifiers").get(0).asText());
    assertThat(gateway.get("device").get("sw_version").asText()).isEqualTo("1.2.3");
    assertThat(gateway.get("state_topic").asText()).isEqualTo("gw/status");
    assertThat(gateway.get("device_class").asText()).isEqualTo("connectivity");
    assertThat(gateway.get("origin").get("name").asText()).isEqualTo("Gridwire");
    assertThat(codec.gatewayTopic()).isEqualTo("homeassistant/binary_sensor/gridwire_gw_1_status/config");
  }
}

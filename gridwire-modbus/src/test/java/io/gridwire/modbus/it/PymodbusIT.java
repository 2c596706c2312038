package io.gridwire.modbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.client.ModbusTransport;
import io.gridwire.modbus.codec.Outcome;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import io.gridwire.modbus.poll.TransportFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our poller against an independent Modbus implementation (Debian python3-pymodbus). */
class PymodbusIT {

  @Test
  void poll_hgm9520nOverModbusTcp_decodesPymodbusRegisters() throws Exception {
    try (PymodbusPeer peer = PymodbusPeer.start("tcp", 1,
        "140=3991", "141=0", "155=4998", "156=65521", "174=850", "176=65526", "177=65535",
        "212=1500", "220=65526", "224=32766", "260=9", "274=56398", "275=2");
        Harness h = new Harness(List.of(ModbusDeviceConfig.tcp("gen-1", "smartgen-hgm9520n", "127.0.0.1", peer.port, 1)))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !h.of("gen-1").isEmpty());
      Map<String, Value> v = h.of("gen-1").get(0).values();
      assertThat(v).containsEntry("gen_uab", Value.of(399.1)).containsEntry("gen_freq", Value.of(49.98))
          .containsEntry("volt_diff", Value.of(-1.5)).containsEntry("power_a", Value.of(85.0))
          .containsEntry("power_b", Value.of(-1.0)).containsEntry("engine_speed", Value.of(1500))
          .containsEntry("coolant_temp", Value.of(-10)).containsEntry("fuel_level", Value.SENTINEL)
          .containsEntry("gen_status_name", Value.of("running")).containsEntry("energy_kwh", Value.of(187470));
      // presence is recorded just after the reading is published
      await().atMost(Duration.ofSeconds(5)).until(() -> h.registry.get("gen-1").orElseThrow().online());
    }
  }

  @Test
  void poll_hgm9560OverRtuFramingOverTcp_decodesPymodbusRegisters() throws Exception {
    try (PymodbusPeer peer = PymodbusPeer.start("rtu", 3,
        "0=2048", "40=9", "55=401", "64=4999", "109=65116", "110=65535", "182=2400", "193=3", "195=2", "203=64282", "204=14");
        Harness h = new Harness(List.of(ModbusDeviceConfig.rtuOverTcp("shpr-1", "smartgen-hgm9560", "127.0.0.1", peer.port, 3)
            .withGaps(Duration.ofMillis(20), Duration.ofMillis(10))))) {
      await().atMost(Duration.ofSeconds(15)).until(() -> !h.of("shpr-1").isEmpty());
      Reading r = h.of("shpr-1").get(0);
      assertThat(r.values()).containsEntry("mode_stop", Value.TRUE).containsEntry("genset_status_name", Value.of("running"))
          .containsEntry("mains_uab", Value.of(401)).containsEntry("mains_freq", Value.of(49.99))
          .containsEntry("mains_total_p", Value.of(-42.0)).containsEntry("busbar_p", Value.of(240.0))
          .containsEntry("busbar_switch_name", Value.of("closed")).containsEntry("mains_status_name", Value.of("abnormal"))
          .containsEntry("accum_kwh", Value.of(98178.6));
      assertThat(r.values().values()).noneMatch(x -> x.equals(Value.COMM_LOST));
    }
  }

  @Test
  void writesAndRefusals_overModbusTcp_pymodbusStoresAndAnswers() throws Exception {
    try (PymodbusPeer peer = PymodbusPeer.start("tcp", 1);
        ModbusTransport t = TransportFactory.sockets(Duration.ofSeconds(2))
            .create(List.of(ModbusDeviceConfig.tcp("dev", "smartgen-hgm9520n", "127.0.0.1", peer.port, 1)))
            .get("dev")) {
      Duration timeout = Duration.ofSeconds(2);
      assertThat(words(t.execute(1, new ModbusRequest.WriteRegister(10, 1234), timeout))).containsExactly(1234); // FC06 echo
      assertThat(words(t.execute(1, new ModbusRequest.ReadRegisters(3, 10, 1), timeout))).containsExactly(1234);
      assertThat(words(t.execute(1, new ModbusRequest.WriteRegisters(20, new int[] {1, 2, 65535}), timeout))).containsExactly(3); // FC16: quantity
      assertThat(words(t.execute(1, new ModbusRequest.ReadRegisters(3, 20, 3), timeout))).containsExactly(1, 2, 65535);
      assertThat(words(t.execute(1, new ModbusRequest.WriteCoil(5, true), timeout))).containsExactly(0xFF00); // FC05 echo
      assertThat(words(t.execute(1, new ModbusRequest.WriteCoils(8, new boolean[] {true, false, true}), timeout))).containsExactly(3);
      assertThat(words(t.execute(1, new ModbusRequest.ReadBits(1, 5, 6), timeout))).containsExactly(1, 0, 0, 1, 0, 1);
      // the holding registers end at address 999 in server.py
      assertThat(t.execute(1, new ModbusRequest.ReadRegisters(3, 995, 10), timeout)).isEqualTo(new Outcome.Refused(2));
      assertThat(words(t.execute(1, new ModbusRequest.ReadRegisters(3, 10, 1), timeout))).as("same connection, still in step").containsExactly(1234);
    }
  }

  private static int[] words(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Ok.class);
    return ((Outcome.Ok) o).words();
  }
}

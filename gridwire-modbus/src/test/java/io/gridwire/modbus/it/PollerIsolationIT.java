package io.gridwire.modbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.sim.ModbusSimulator;
import io.gridwire.modbus.sim.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One device black-holed; the others keep their 200 ms cadence (SPEC §3.1 "a dead device never delays another"). */
class PollerIsolationIT {

  @Test
  void blackHoledDevice_othersKeepCadence() throws Exception {
    Duration interval = Duration.ofMillis(200);
    try (ModbusSimulator sim = ModbusSimulator.start(new SimulatorConfig("smartgen-hgm9520n", TransportKind.TCP, null, 0, 0, null));
        FaultServer hole = new FaultServer()) {
      hole.blackHole = true;
      List<ModbusDeviceConfig> devices = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        devices.add(ModbusDeviceConfig.tcp("gen-" + i, "smartgen-hgm9520n", "127.0.0.1", sim.port(), 1)
            .withTiming(interval, Duration.ofSeconds(1), Duration.ofSeconds(1)));
      }
      devices.add(ModbusDeviceConfig.rtuOverTcp("dead", "smartgen-hgm9560", "127.0.0.1", hole.port(), 1)
          .withTiming(interval, Duration.ofSeconds(1), Duration.ofSeconds(1)));
      try (Harness h = new Harness(devices)) {
        Thread.sleep(3000);
        for (int i = 0; i < 5; i++) {
          List<Reading> rs = h.of("gen-" + i);
          assertThat(rs.size()).as("polls of gen-" + i + " in 3 s at 200 ms").isGreaterThanOrEqualTo(13);
          for (int k = 1; k < rs.size(); k++) {
            Duration gap = Duration.between(rs.get(k - 1).timestamp(), rs.get(k).timestamp());
            // A dead device that held the others up would show its 1 s timeout in their gaps; the
            // margin below that is for a machine under load (a 287 ms gap was seen with load 24).
            assertThat(gap).as("gap between polls of gen-" + i).isBetween(Duration.ofMillis(100), Duration.ofMillis(600));
          }
          assertThat(rs.get(rs.size() - 1).values().get("engine_speed")).isInstanceOf(Value.Num.class);
        }
        assertThat(h.registry.get("dead").orElseThrow().online()).isFalse();
        assertThat(h.registry.get("dead").orElseThrow().error()).isEqualTo("no answer within 1000 ms");
        assertThat(h.of("dead")).isNotEmpty().allSatisfy(r -> assertThat(r.values().values()).allMatch(v -> v.equals(Value.COMM_LOST)));
        assertThat(h.poller.stats("gen-0").orElseThrow().missed()).isZero();
      }
    }
  }
}

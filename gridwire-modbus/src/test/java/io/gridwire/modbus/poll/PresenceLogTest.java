package io.gridwire.modbus.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceLogTest {
  final ManualClock clock = ManualClock.at("2025-01-01T00:00:00Z");
  final List<String> lines = new ArrayList<>();
  final PresenceLog log = new PresenceLog(ModbusDeviceConfig.tcp("gen-1", "p", "10.0.0.5", 502, 3), clock,
      new PresenceLog.Sink() {
        @Override
        public void warn(String line) {
          lines.add("WARN " + line);
        }

        @Override
        public void info(String line) {
          lines.add("INFO " + line);
        }
      });

  @Test
  void failed_firstTime_warnsWithAddressReasonAndWhatToCheck() {
    log.failed("timeout after 1 s");
    log.failed("timeout after 1 s");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("WARN modbus device gen-1 (TCP 10.0.0.5:502, unit 3) is offline: timeout after 1 s")
        .contains("Check that it is powered");
  }

  @Test
  void failed_onSerialPort_namesThePortSettingsAndWiring() {
    List<String> serialLines = new java.util.ArrayList<>();
    PresenceLog serial = new PresenceLog(ModbusDeviceConfig.rtuSerial("meter-1", "p",
        new io.gridwire.modbus.client.SerialSettings("/dev/ttyUSB0", 19200, io.gridwire.modbus.client.SerialSettings.Parity.EVEN, 1), 4),
        clock, new PresenceLog.Sink() {
          @Override
          public void warn(String line) {
            serialLines.add(line);
          }

          @Override
          public void info(String line) {
            serialLines.add(line);
          }
        });
    serial.failed("connection failed: serial port /dev/ttyUSB0 not found (unplugged?)");
    assertThat(serialLines).singleElement().asString()
        .startsWith("modbus device meter-1 (RTU_SERIAL /dev/ttyUSB0 19200 8E1, unit 4) is offline: connection failed")
        .contains("adapter is plugged in").contains("baud rate");
  }

  @Test
  void ok_afterOffline_infoWithDuration() {
    log.failed("connection refused");
    clock.advance(Duration.ofSeconds(90));
    log.failed("connection refused");
    log.ok();
    log.ok();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo("INFO modbus device gen-1 is back online after 2 failed polls (90 s)");
  }

  @Test
  void failed_staysOffline_remindedEveryFifteenMinutes() {
    log.failed("timeout");
    for (int i = 0; i < 30; i++) {
      clock.advance(Duration.ofMinutes(1));
      log.failed("timeout");
    }
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains("is offline for 15 min");
  }

  @Test
  void flapping_fasterThanAMinute_oneLineAMinuteCountingTheRest() {
    for (int i = 0; i < 10; i++) {
      log.failed("timeout");
      clock.advance(Duration.ofSeconds(5));
      log.ok();
      clock.advance(Duration.ofSeconds(5));
    }
    assertThat(lines).hasSize(2);
    clock.advance(Duration.ofMinutes(1));
    log.failed("timeout");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2)).contains("earlier online/offline changes not logged");
  }
}

package io.gridwire.modbus.sim;

import io.gridwire.modbus.poll.TransportKind;
import java.time.Duration;

/**
 * A simulator to start.
 *
 * @param profile profile name served (e.g. {@code smartgen-hgm9520n})
 * @param transport framing: {@code tcp} (MBAP) or {@code rtu-over-tcp} (raw RTU with CRC)
 * @param host address to bind (default 127.0.0.1)
 * @param port TCP port, 0 for any free port
 * @param unitId unit id answered; 0 answers every unit id (default 1)
 * @param tick how often values move (default 1 s)
 * @param fleetAlarmChance fleet mode when set (Modbus TCP only): each connection is its own
 *     device whose analogue registers change on every read and whose alarm registers raise a bit
 *     with this probability per read ({@link ReadNoise}); null serves the shared bank as is
 */
public record SimulatorConfig(String profile, TransportKind transport, String host, int port, int unitId, Duration tick,
    Double fleetAlarmChance) {
  public SimulatorConfig {
    if (profile == null || profile.isBlank()) throw new IllegalArgumentException("simulator.profile is required");
    transport = transport == null ? TransportKind.TCP : transport;
    if (transport == TransportKind.RTU_SERIAL) {
      throw new IllegalArgumentException("simulator.transport must be tcp or rtu-over-tcp (the simulator listens on TCP)");
    }
    host = host == null ? "127.0.0.1" : host;
    if (port < 0 || port > 65535) throw new IllegalArgumentException("simulator.port out of range: " + port);
    if (unitId < 0 || unitId > 247) throw new IllegalArgumentException("simulator.unitId out of range: " + unitId);
    tick = tick == null ? Duration.ofSeconds(1) : tick;
    if (fleetAlarmChance != null && !(fleetAlarmChance >= 0 && fleetAlarmChance <= 1)) {
      throw new IllegalArgumentException("simulator.fleetAlarmChance out of 0..1: " + fleetAlarmChance);
    }
  }

  public SimulatorConfig(String profile, TransportKind transport, String host, int port, int unitId, Duration tick) {
    this(profile, transport, host, port, unitId, tick, null);
  }

  public static SimulatorConfig of(String profile, TransportKind transport, int port) {
    return new SimulatorConfig(profile, transport, null, port, 1, null);
  }
}

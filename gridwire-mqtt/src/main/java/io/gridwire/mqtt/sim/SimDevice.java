package io.gridwire.mqtt.sim;

import java.time.Instant;
import java.util.Locale;

/**
 * One simulated device and its payloads. Pure apart from the {@code tick} counter.
 *
 * @param site site code
 * @param type datalogger type, or null for a gateway
 * @param topicId id level of its topics
 * @param serial serial number sent in every payload
 * @param firmware firmware version sent in heartbeats
 */
record SimDevice(String site, String type, String topicId, String serial, String firmware) {

  String topic(String channel) {
    return type == null ? site + "/gateway/" + topicId + "/" + channel
        : site + "/datalogger/" + type + "/" + topicId + "/" + channel;
  }

  String heartbeat(Instant now, long uptimeSeconds, int signal) {
    return String.format(Locale.ROOT,
        "{\"serial_number\":\"%s\",\"timestamp\":\"%s\",\"firmware\":\"%s\",\"signal\":%d,\"uptime\":%d}",
        serial, now, firmware, signal, uptimeSeconds);
  }

  /** An input payload with a smooth daily-ish curve, a nested analog block and relay flags. */
  String input(Instant now, long tick) {
    double phase = tick / 30.0;
    double solar = Math.max(0, 1500 * Math.sin(phase));
    double battery = 24.0 + 1.2 * Math.sin(phase / 3);
    double temp = 28 + 4 * Math.sin(phase / 5);
    boolean relay1 = (tick / 15) % 2 == 0;
    return String.format(Locale.ROOT,
        "{\"serial_number\":\"%s\",\"timestamp\":\"%s\",\"battery_voltage\":%.2f,\"solar_power\":%.0f,"
            + "\"temperature\":%.1f,\"energy_kwh\":%.3f,\"relay\":{\"1\":%b,\"2\":%b},\"ai\":{\"ch1\":%.2f,\"ch2\":%.2f}}",
        serial, now, battery, solar, temp, tick * 0.01, relay1, !relay1, 4 + 16 * (0.5 + 0.5 * Math.sin(phase)),
        12.0);
  }
}

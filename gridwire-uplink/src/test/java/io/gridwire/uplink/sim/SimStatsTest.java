package io.gridwire.uplink.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimStatsTest {
  private static ReceivedMessage reading(int conn, long seq, String device, double v) {
    String msg = "{\"device_id\":\"" + device + "\",\"timestamp\":\"2026-01-05T10:00:00Z\",\"values\":{\"p\":" + v + "}}";
    return new ReceivedMessage(conn, "inst-" + seq, seq, "gridwire/" + device + "/state", msg, "u-1",
        "2026-01-05T10:00:01Z", "{}");
  }

  private static ReceivedMessage raw(long seq, String topic, String payload) {
    return new ReceivedMessage(1, "inst-" + seq, seq, topic, payload, "u-1", "2026-01-05T10:00:02Z", "{}");
  }

  @Test
  void countsPerDeviceAndTopic_resendsCountedOnce_lastMessagesShown() {
    List<ReceivedMessage> got = List.of(
        reading(1, 1, "gen-1", 1), reading(1, 2, "gen-1", 2), reading(1, 3, "inv-1", 3),
        reading(2, 3, "inv-1", 3), // resent after a reconnect
        raw(4, "tele/kitchen/SENSOR", "{\"Temperature\":21.5}"), raw(5, "tele/kitchen/SENSOR", "not json"));

    String s = SimStats.format(got, 2, 1, 0, "normal", 2);

    assertThat(s).contains("mode normal; connections 2, open 1, auth failures 0");
    assertThat(s).contains("messages 5 unique, 6 received (1 resent)");
    assertThat(s).contains("by device (2):\n  2  gen-1\n  1  inv-1\n");
    assertThat(s).contains("by topic (3):\n  2  gridwire/gen-1/state\n  2  tele/kitchen/SENSOR\n  1  gridwire/inv-1/state\n");
    assertThat(s).contains("last 2:\n  #4 conn 1 2026-01-05T10:00:02Z tele/kitchen/SENSOR {\"Temperature\":21.5}\n"
        + "  #5 conn 1 2026-01-05T10:00:02Z tele/kitchen/SENSOR not json\n");
  }

  @Test
  void nothingReceived_saysSo_andLongListsAreCut() {
    assertThat(SimStats.format(List.of(), 0, 0, 3, "refusing", 5))
        .isEqualTo("mode refusing; connections 0, open 0, auth failures 3\nmessages 0 unique, 0 received (0 resent)\n");

    List<ReceivedMessage> many = new ArrayList<>();
    for (int i = 0; i < SimStats.TOP + 5; i++) many.add(raw(i, "t/" + i, "x".repeat(500)));
    String s = SimStats.format(many, 1, 1, 0, "normal", 1);
    assertThat(s).contains("  … 5 more\n");
    assertThat(s).contains("x".repeat(SimStats.MESSAGE_CHARS) + "… (500 chars)");
  }

  @Test
  void deviceId_onlyFromReadingMessages() {
    assertThat(SimStats.deviceId("{\"device_id\":\"a\",\"values\":{}}")).isEqualTo("a");
    assertThat(SimStats.deviceId("{\"device_id\":\"a\"}")).isNull();
    assertThat(SimStats.deviceId("{broken")).isNull();
    assertThat(SimStats.deviceId("21.5")).isNull();
  }
}

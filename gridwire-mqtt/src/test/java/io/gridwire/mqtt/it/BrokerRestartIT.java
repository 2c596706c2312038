package io.gridwire.mqtt.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.reading.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Broker restart (a private broker the test kills and starts again on the same port) and
 * gateway restart (persistent session): reconnect, resubscribe, no QoS 1 message lost.
 */
class BrokerRestartIT {
  private static final int N = 100;

  @ParameterizedTest
  @EnumSource(TestBroker.Kind.class)
  void brokerRestart_reconnectsResubscribesAndReceivesEveryQos1Message(TestBroker.Kind kind) {
    try (TestBroker broker = TestBroker.privateOne(kind); Harness h = new Harness(broker)) {
      h.start();
      heartbeat(h);
      broker.stop();
      await().atMost(Duration.ofSeconds(10)).until(() -> !h.gateway.health().ok());
      broker.restart();
      // The restarted broker forgot the session: only our own resubscription brings messages back.
      await().atMost(Duration.ofSeconds(15)).until(() -> h.gateway.connection().readyCount() >= 2);
      assertThat(h.gateway.connection().connects()).isEqualTo(2);
      assertThat(h.gateway.health().ok()).isTrue();
      heartbeat(h);
      publish(broker, h, inputs(0, N));
      await().atMost(Duration.ofSeconds(20)).until(() -> seqs(h.got).size() >= N);
      assertThat(seqs(h.got)).hasSize(N);
    }
  }

  /**
   * Mosquitto gets one pipelined burst ({@code mosquitto_pub -l}). Moquette 0.18.3 on Netty 4.2
   * sometimes fails to decode a burst of pipelined QoS 1 publishes and drops the publisher's
   * connection (a broker-side limitation, see docs/mqtt.md), so it gets one connection per message.
   */
  private static void publish(TestBroker broker, Harness h, List<String> lines) {
    String topic = h.topic("monstro", "1", "input");
    if (broker instanceof TestBroker.Embedded) {
      for (String l : lines) Cli.pub(broker.port(), topic, l, 1, false);
    } else {
      Cli.pubLines(broker.port(), topic, lines, 1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestBroker.Kind.class)
  void gatewayRestart_persistentSessionDeliversMessagesSentWhileAway(TestBroker.Kind kind) {
    try (TestBroker broker = TestBroker.privateOne(kind); Harness h = new Harness(broker)) {
      h.start();
      heartbeat(h);
      h.gateway.close();
      publish(broker, h, inputs(0, N));
      h.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> seqs(h.got).size() >= N);
      assertThat(seqs(h.got)).hasSize(N);
    }
  }

  private static void heartbeat(Harness h) {
    int before = (int) h.gateway.ingest().counters().acceptedByChannel().get("heartbeat").longValue();
    h.pub(h.topic("monstro", "1", "heartbeat"), "{\"serial_number\":\"MON-R\"}");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> h.gateway.ingest().counters().acceptedByChannel().get("heartbeat") > before);
  }

  private static List<String> inputs(int from, int to) {
    List<String> l = new ArrayList<>();
    for (int i = from; i < to; i++) l.add("{\"serial_number\":\"MON-R\",\"seq\":" + i + "}");
    return l;
  }

  private static Set<Integer> seqs(List<Reading> got) {
    Set<Integer> s = new TreeSet<>();
    for (Reading r : got) {
      var v = r.values().get("seq");
      if (v != null && v.asDouble() != null) s.add(v.asDouble().intValue());
    }
    return s;
  }
}

package io.gridwire.mqtt.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.mqtt.client.InboundMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawForwarderTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<String> got = new ArrayList<>();

  private static InboundMessage msg(String topic, byte[] payload) {
    return new InboundMessage(topic, payload, 1, false);
  }

  @Test
  void matchingTopic_handsOnTopicAndTheSamePayloadBytes() {
    byte[] payload = {0, (byte) 0xff, 'x'};
    List<byte[]> payloads = new ArrayList<>();
    RawForwarder f = new RawForwarder(new RawForward(List.of("tele/+/SENSOR"), (t, p) -> {
      got.add(t);
      payloads.add(p);
    }), 1024, meters);

    assertThat(f.accept(msg("tele/k/SENSOR", payload))).isTrue();
    assertThat(f.accept(msg("tele/k/STATE", payload))).isFalse();

    assertThat(got).containsExactly("tele/k/SENSOR");
    assertThat(payloads.get(0)).isSameAs(payload);
    assertThat(meters.get("gridwire.mqtt.forward.messages").counter().count()).isEqualTo(1);
  }

  @Test
  void oversizePayload_isCountedNotHandedOn() {
    RawForwarder f = new RawForwarder(new RawForward(List.of("#"), (t, p) -> got.add(t)), 8, meters);
    assertThat(f.accept(msg("a", new byte[9]))).isTrue();
    assertThat(f.accept(msg("b", new byte[8]))).isTrue();
    assertThat(got).containsExactly("b");
    assertThat(f.status()).containsEntry("forwarded", 1L)
        .containsEntry("rejected", Map.of("oversize", 1L, "listener_error", 0L));
  }

  @Test
  void failingListener_isCountedAndNeverThrowsIntoTheConnection() {
    RawForwarder f = new RawForwarder(new RawForward(List.of("#"), (t, p) -> {
      throw new IllegalStateException("queue closed");
    }), 1024, meters);
    assertThat(f.accept(msg("a", new byte[1]))).isTrue();
    assertThat(meters.get("gridwire.mqtt.forward.rejected").tag("reason", "listener_error").counter().count())
        .isEqualTo(1);
  }

  @Test
  void forward_validatesFiltersAndNeedsAListener() {
    assertThat(RawForward.none().enabled()).isFalse();
    assertThatThrownBy(() -> new RawForward(List.of("ok/#", "bad/#/x"), (t, p) -> {}))
        .hasMessageContaining("raw forward filter [1]");
    assertThatThrownBy(() -> new RawForward(List.of("a"), null)).isInstanceOf(NullPointerException.class);
  }
}

package io.gridwire.uplink.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.topic.TopicFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicAndDeviceFilterTest {
  @Test
  void mqttFilter_wildcards_matchPerLevel() {
    assertThat(TopicFilter.matches("solar/+/state", "solar/inv1/state")).isTrue();
    assertThat(TopicFilter.matches("solar/+/state", "solar/inv1/x/state")).isFalse();
    assertThat(TopicFilter.matches("solar/#", "solar/a/b/c")).isTrue();
    assertThat(TopicFilter.matches("solar/#", "solar")).isTrue();
    assertThat(TopicFilter.matches("a/b", "a/b/c")).isFalse();
    assertThat(TopicFilter.matches("a/b/c", "a/b")).isFalse();
  }

  @Test
  void uplinkFilter_globs_exactAndStar() {
    UplinkFilter f = new UplinkFilter(List.of("gen-*", "inv.1"), List.of());
    assertThat(f.device("gen-7")).isTrue();
    assertThat(f.device("inv.1")).isTrue();
    assertThat(f.device("invx1")).isFalse();
    assertThat(f.metric("anything")).isTrue();
  }
}

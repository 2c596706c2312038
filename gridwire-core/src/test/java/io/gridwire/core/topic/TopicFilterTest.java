package io.gridwire.core.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicFilterTest {
  @Test
  void plus_isExactlyOneLevel() {
    assertThat(TopicFilter.matches("solar/+/state", "solar/inv1/state")).isTrue();
    assertThat(TopicFilter.matches("solar/+/state", "solar//state")).isTrue();
    assertThat(TopicFilter.matches("solar/+/state", "solar/inv1/x/state")).isFalse();
    assertThat(TopicFilter.matches("solar/+", "solar")).isFalse();
    assertThat(TopicFilter.matches("solar/+", "solar/")).isTrue();
    assertThat(TopicFilter.matches("+/+", "a/b")).isTrue();
    assertThat(TopicFilter.matches("+", "a/b")).isFalse();
  }

  @Test
  void hash_isTheRestIncludingTheParentLevel() {
    assertThat(TopicFilter.matches("solar/#", "solar/a/b/c")).isTrue();
    assertThat(TopicFilter.matches("solar/#", "solar")).isTrue();
    assertThat(TopicFilter.matches("solar/#", "solarx/a")).isFalse();
    assertThat(TopicFilter.matches("#", "anything/at/all")).isTrue();
    assertThat(TopicFilter.matches("a/+/#", "a/b")).isTrue();
    assertThat(TopicFilter.matches("a/+/#", "a")).isFalse();
  }

  @Test
  void literalLevels_matchWholeLevelsOnly() {
    assertThat(TopicFilter.matches("a/b", "a/b")).isTrue();
    assertThat(TopicFilter.matches("a/b", "a/b/c")).isFalse();
    assertThat(TopicFilter.matches("a/b/c", "a/b")).isFalse();
    assertThat(TopicFilter.matches("a/bc", "a/b")).isFalse();
    assertThat(TopicFilter.matches("a/b", "a/bc")).isFalse();
    assertThat(TopicFilter.matches("a/b", "A/b")).isFalse();
  }

  @Test
  void dollarTopics_needALiteralFirstLevel() {
    assertThat(TopicFilter.matches("#", "$SYS/broker/uptime")).isFalse();
    assertThat(TopicFilter.matches("+/broker/uptime", "$SYS/broker/uptime")).isFalse();
    assertThat(TopicFilter.matches("$SYS/#", "$SYS/broker/uptime")).isTrue();
  }

  @Test
  void matchesAny_ofSeveral() {
    List<String> f = List.of("x/+/datalogger/+/+/+", "site/gateway/+/+");
    assertThat(TopicFilter.matchesAny(f, "site/gateway/1/heartbeat")).isTrue();
    assertThat(TopicFilter.matchesAny(f, "site/gateway/1")).isFalse();
    assertThat(TopicFilter.matchesAny(List.of(), "a")).isFalse();
  }

  @Test
  void invalidFilters_areRefusedWithTheKeyAndTheReason() {
    assertThat(TopicFilter.problem("a/+/b/#")).isNull();
    assertThat(TopicFilter.problem("/")).isNull();
    assertThat(TopicFilter.problem("")).isEqualTo("empty");
    assertThat(TopicFilter.problem("a/#/b")).contains("'#'");
    assertThat(TopicFilter.problem("a/b#")).contains("'#'");
    assertThat(TopicFilter.problem("a/b+")).contains("'+'");
    assertThat(TopicFilter.problem("a\u0000b")).contains("NUL");
    assertThatThrownBy(() -> TopicFilter.check("uplink.mqtt_topics[1]", "tele/#/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uplink.mqtt_topics[1] is not an MQTT topic filter ('#' must be a whole level and the last one): 'tele/#/x'");
  }
}

package io.gridwire.mqtt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicParserTest {

  @Test
  void parse_dataloggerHeartbeat_givesSiteTypeIdAndChannel() {
    DeviceTopic t = TopicParser.parse("sito_001/datalogger/monstro/1/heartbeat");
    assertThat(t).isEqualTo(new DeviceTopic("sito_001", "datalogger", "monstro", "1", DeviceTopic.Channel.HEARTBEAT));
  }

  @Test
  void parse_gatewayInput_hasNoType() {
    DeviceTopic t = TopicParser.parse("sito_001/gateway/7/input");
    assertThat(t).isEqualTo(new DeviceTopic("sito_001", "gateway", null, "7", DeviceTopic.Channel.INPUT));
  }

  @Test
  void parse_output_isOutputChannel() {
    assertThat(TopicParser.parse("s/datalogger/adaq/2/output").channel()).isEqualTo(DeviceTopic.Channel.OUTPUT);
  }

  @Test
  void parse_malformedTopics_returnNull() {
    for (String bad : List.of("", "a/b", "s/datalogger/monstro/1", "s/datalogger/monstro/1/status",
        "s/gateway/1/heartbeat/extra", "s/gateway/heartbeat", "s/datalogger//1/input", "/datalogger/m/1/input",
        "s/inverter/1/input", "s/datalogger/m/1/input/x/y/z/w")) {
      assertThat(TopicParser.parse(bad)).as(bad).isNull();
    }
  }

  @Test
  void filters_noSites_subscribesEverySite() {
    assertThat(TopicParser.filters(List.of())).containsExactly("+/datalogger/+/+/+", "+/gateway/+/+");
  }

  @Test
  void filters_twoSites_subscribesEach() {
    assertThat(TopicParser.filters(List.of("a", "b")))
        .containsExactly("a/datalogger/+/+/+", "a/gateway/+/+", "b/datalogger/+/+/+", "b/gateway/+/+");
  }
}

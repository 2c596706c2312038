package io.gridwire.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gridwire.mqtt.client.ClientDrops;
import io.gridwire.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MqttClientDropFilterTest {
  private final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
  private final ClientDrops drops = new ClientDrops(clock);
  private final LoggerContext library = new LoggerContext();
  private final ListAppender<ILoggingEvent> libraryLines = new ListAppender<>();
  private final Logger summaryLogger = (Logger) LoggerFactory.getLogger(ClientDrops.class);
  private final ListAppender<ILoggingEvent> summaries = new ListAppender<>();

  MqttClientDropFilterTest() {
    library.addTurboFilter(new MqttClientDropFilter(drops));
    libraryLines.setContext(library);
    libraryLines.start();
    library.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(libraryLines);
    summaries.start();
    summaryLogger.addAppender(summaries);
  }

  @AfterEach
  void detach() {
    summaryLogger.detachAppender(summaries);
    library.stop();
  }

  private List<String> summaryLines() {
    return summaries.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void decide_floodOfDroppedMessages_countedWithOneSummaryPerPeriod() {
    org.slf4j.Logger client = library.getLogger(MqttClientDropFilter.LOGGER);
    for (int i = 0; i < 1000; i++) client.warn("QoS 0 publish message dropped.");
    client.warn("No publish flow registered for {}.", "MqttStatefulPublish{...}");

    assertThat(libraryLines.list).as("no per-message line").isEmpty();
    assertThat(drops.total()).isEqualTo(1001);
    assertThat(drops.queueFull()).isEqualTo(1000);
    assertThat(drops.noHandler()).isEqualTo(1);
    assertThat(summaryLines()).hasSize(1).first().asString().contains("QoS 0 queue was full");

    clock.advance(Duration.ofSeconds(30));
    client.warn("QoS 0 publish message dropped.");
    assertThat(summaryLines()).hasSize(2);
    assertThat(summaryLines().get(1)).contains("dropped 1001 incoming messages").contains("1000 because its QoS 0 queue")
        .contains("1 matching no handler");
  }

  @Test
  void decide_otherLines_passUntouched() {
    library.getLogger(MqttClientDropFilter.LOGGER).warn("something else");
    library.getLogger("com.hivemq.client.other").warn("QoS 0 publish message dropped.");
    assertThat(libraryLines.list).hasSize(2);
    assertThat(drops.total()).isZero();
  }
}

package io.gridwire.store.write;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gridwire.core.bus.Bus;
import io.gridwire.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The drop warning tells a full queue from a failing store. */
class BatchWriterDropLogTest {
  private final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
  private final Logger logger = (Logger) LoggerFactory.getLogger(BatchWriter.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  BatchWriterDropLogTest() {
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(appender);
  }

  private List<String> warnings() {
    return appender.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void busQueueOverflow_healthyStore_saysTheQueueOverflowedNotThatTheStoreFailed() throws Exception {
    WriterSettings s = new WriterSettings(Duration.ofSeconds(1), 1, 16, 1000, Duration.ofMillis(100),
        Duration.ofSeconds(2), Duration.ofSeconds(2));
    try (Bus<Integer> bus = new Bus<>("t", i -> "k")) {
      BatchWriter<Integer> w = new BatchWriter<>("history", s, clock, new SimpleMeterRegistry(), i -> 1, batch -> {}, null);
      w.start(bus);
      // A 16-item bus queue and 200,000 items published at once: the queue overflows; the store never fails.
      for (int i = 0; i < 200_000; i++) bus.publish(i);
      w.tick();
      w.close();
      assertThat(w.dropped()).isPositive();
    }
    assertThat(warnings()).anySatisfy(m -> assertThat(m).contains("bus queue overflowed").doesNotContain("store failed"));
  }

  @Test
  void dropMessage_bufferDropsWhileFailing_blamesTheStore_slowStoreDoesNot() {
    assertThat(BatchWriter.dropMessage("history", 0, 30, true)).contains("30 values from its buffer while the store failed")
        .doesNotContain("bus queue");
    assertThat(BatchWriter.dropMessage("history", 5, 30, false)).contains("5 items because its bus queue overflowed")
        .contains("30 values from its buffer because the store is slower than the input").doesNotContain("failed");
  }
}

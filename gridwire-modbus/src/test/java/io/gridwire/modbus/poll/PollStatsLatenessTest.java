package io.gridwire.modbus.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PollStatsLatenessTest {
  @Test
  void lateness_ofEveryDevice_countedInOneHistogramAScraperCanDifference() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    PollStats a = new PollStats("gen-1", meters);
    PollStats b = new PollStats("gen-2", meters);
    a.poll(true, TimeUnit.MILLISECONDS.toNanos(3));
    b.poll(false, TimeUnit.MILLISECONDS.toNanos(700));
    b.poll(true, 0);

    Timer shared = meters.get("gridwire.modbus.poll.lateness").timer();
    assertThat(meters.find("gridwire.modbus.poll.lateness").timers()).hasSize(1);
    assertThat(shared.count()).isEqualTo(3);
    CountAtBucket[] buckets = shared.takeSnapshot().histogramCounts();
    assertThat(Arrays.stream(buckets).filter(c -> c.bucket(TimeUnit.MILLISECONDS) == 1.0).findFirst().orElseThrow().count())
        .isEqualTo(1); // the on-time poll
    assertThat(Arrays.stream(buckets).filter(c -> c.bucket(TimeUnit.MILLISECONDS) == 5.0).findFirst().orElseThrow().count())
        .isEqualTo(2);
    assertThat(Arrays.stream(buckets).filter(c -> c.bucket(TimeUnit.MILLISECONDS) == 500.0).findFirst().orElseThrow().count())
        .isEqualTo(2);
    assertThat(Arrays.stream(buckets).filter(c -> c.bucket(TimeUnit.MILLISECONDS) == 1000.0).findFirst().orElseThrow().count())
        .isEqualTo(3);
  }
}

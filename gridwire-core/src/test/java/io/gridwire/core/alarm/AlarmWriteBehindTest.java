package io.gridwire.core.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AlarmWriteBehindTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** A store whose writes wait until released (a database that stalls). */
  static final class StalledStore extends MapAlarmStoreHook {
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    void pause() {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static ActiveAlarm alarm(String id, int flaps) {
    return new ActiveAlarm("gen-1", id, id, Severity.WARNING, "warning", null, AlarmState.ACTIVE, T0, Map.of(), null,
        null, flaps);
  }

  @Test
  void stalledStore_flappingAlarm_waitingStaysBoundedAndLatestIsWritten() throws Exception {
    StalledStore store = new StalledStore();
    AlarmWriteBehind w = new AlarmWriteBehind(store);
    try {
      for (int i = 0; i < 100_000; i++) {
        w.upsert(alarm("a", i));
        if (i % 2 == 1) w.delete("gen-1", "b");
        else w.upsert(alarm("b", i));
      }
      assertThat(w.waiting()).as("changes waiting for a stalled store").isLessThanOrEqualTo(4);
      store.release.countDown();
      assertThat(w.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(store.rows.get("gen-1:a").flaps()).isEqualTo(99_999);
      assertThat(store.rows).doesNotContainKey("gen-1:b");
    } finally {
      store.release.countDown();
      w.close();
    }
  }

  @Test
  void close_storeNeverAnswers_returnsWithinItsBound() {
    StalledStore store = new StalledStore();
    AlarmWriteBehind w = new AlarmWriteBehind(store);
    w.upsert(alarm("a", 0));
    w.upsert(alarm("b", 0));
    long start = System.nanoTime();
    w.close();
    long took = (System.nanoTime() - start) / 1_000_000;
    assertThat(took).isBetween(AlarmWriteBehind.CLOSE_WAIT.toMillis() - 100, AlarmWriteBehind.CLOSE_WAIT.toMillis() + 1_500);
    w.upsert(alarm("c", 0)); // after close: ignored, never blocks
    store.release.countDown();
    assertThat(List.copyOf(store.rows.keySet())).doesNotContain("gen-1:c");
  }
}

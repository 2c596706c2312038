package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.api.HealthCheck;
import io.gridwire.testkit.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProxyHealthTest {
  private final ManualClock clock = ManualClock.at("2026-02-17T08:00:00Z");
  private final AtomicBoolean listening = new AtomicBoolean(true);
  private final AtomicLong captureDropped = new AtomicLong();
  private final AtomicLong backfillDropped = new AtomicLong();
  private final OigConfig config = OigConfig.defaults().withStorage(true, true, 1000, Duration.ofMillis(200));
  private final OigRuntime runtime = OigRuntime.DEFAULT.withCaptureMaxQueued(500);

  private ProxyHealth health() {
    return new ProxyHealth(config, runtime, clock, listening::get, () -> 3, () -> 42, captureDropped::get, backfillDropped::get);
  }

  @Test
  void check_noDrops_okWithState() {
    HealthCheck.Status s = health().check();
    assertThat(s.ok()).isTrue();
    assertThat(s.name()).isEqualTo("oig");
    assertThat(s.detail()).isEqualTo("sessions 3, backfill queued 42, dropped since start: capture 0, backfill 0");
  }

  @Test
  void check_captureDropsSinceLastCheck_degradedWithCountAndSetting_untilAQuietWindow() {
    ProxyHealth h = health();
    assertThat(h.check().ok()).isTrue();
    captureDropped.addAndGet(7);
    HealthCheck.Status s = h.check();
    assertThat(s.ok()).isFalse();
    assertThat(s.detail()).startsWith("capture dropped 7 frames since 2026-02-17T08:00:00Z").contains("(capture queue of 500 frames)")
        .endsWith("dropped since start: capture 7, backfill 0");

    clock.advance(Duration.ofMinutes(10));
    assertThat(h.check().ok()).as("a drop 10 min ago is within the window").isFalse();
    captureDropped.addAndGet(2);
    clock.advance(Duration.ofMinutes(4)); // 14 min after the first drop was seen
    assertThat(h.check().detail()).as("one episode while drops continue").startsWith("capture dropped 9 frames since 2026-02-17T08:00:00Z");
    clock.advance(ProxyHealth.WINDOW.minusSeconds(1));
    assertThat(h.check().ok()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(h.check().ok()).as("a quiet window").isTrue();

    backfillDropped.incrementAndGet();
    assertThat(h.check().detail()).as("a new episode counts only its own drops")
        .startsWith("backfill dropped 1 frames since 2026-02-17T08:29:00Z").contains("(oig.backfill_max_frames=1000)")
        .doesNotContain("capture dropped 9 frames since");
  }

  @Test
  void check_dropsCountedBeforeItWasCreated_notADegradation() {
    backfillDropped.set(500); // e.g. a queue object that outlived a restart of the listener
    ProxyHealth h = health();
    assertThat(h.check().ok()).isTrue();
    backfillDropped.incrementAndGet();
    assertThat(h.check().detail()).startsWith("backfill dropped 1 frames since").endsWith("capture 0, backfill 1");
  }

  @Test
  void check_dropsBetweenTwoChecksFarApart_degradedAtTheNextCheck() {
    ProxyHealth h = health();
    captureDropped.incrementAndGet();
    clock.advance(Duration.ofHours(3)); // nobody asked for hours: the drop is still reported once seen
    assertThat(h.check().ok()).isFalse();
  }

  @Test
  void check_listenerClosed_degraded() {
    listening.set(false);
    assertThat(health().check()).satisfies(s -> {
      assertThat(s.ok()).isFalse();
      assertThat(s.detail()).startsWith("not listening for boxes; sessions 3");
    });
  }

  @Test
  void check_captureAndBackfillOff_okWithZeros() {
    HealthCheck.Status s = new ProxyHealth(config, runtime, clock, () -> true, () -> 0, () -> 0, null, null).check();
    assertThat(s.ok()).isTrue();
    assertThat(s.detail()).endsWith("capture 0, backfill 0");
  }
}

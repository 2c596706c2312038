package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.api.HealthCheck;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.port.capture.CaptureStore;
import io.gridwire.core.port.capture.CapturedFrame;
import io.gridwire.core.port.capture.ConnectionRecord;
import io.gridwire.core.port.capture.ModeTransition;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.oig.sim.OigBoxSimulator;
import io.gridwire.testkit.FreePorts;
import io.gridwire.testkit.ManualClock;
import io.gridwire.testkit.store.InMemoryCaptureStore;
import io.gridwire.testkit.store.InMemoryQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link OigProxy#health()} through a real proxy whose capture writer and backfill queue overflow. */
class OigHealthIT {

  @Test
  @Timeout(30)
  void health_captureAndBackfillDropFrames_degradedWithDetail_okAgainAfterAQuietWindow() throws Exception {
    ManualClock clock = ManualClock.at("2026-02-17T08:00:00Z");
    int port = FreePorts.next();
    int nobody = FreePorts.next(); // the cloud refuses: every table frame is answered locally and kept for backfill
    OigConfig config = OigConfig.defaults().withListen("127.0.0.1", port).withCloud("127.0.0.1", nobody)
        .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(30))
        .withStorage(true, true, 2, Duration.ofMillis(20));
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", e -> e.type().name());
    StalledCaptureStore capture = new StalledCaptureStore();
    try (OigProxy proxy = new OigProxy(config, OigRuntime.DEFAULT.withCaptureMaxQueued(2), readings, events, new DeviceRegistry(events, clock), new MetricCatalog(), clock,
            capture, InMemoryQueue.ofCount(2)).start();
        OigBoxSimulator box = new OigBoxSimulator("127.0.0.1", port, ProxyHarness.DEVICE, ProxyHarness.ZONE, clock, Duration.ofSeconds(3))) {
      HealthCheck health = proxy.health();
      assertThat(health.check().ok()).as(health.check().detail()).isTrue();

      box.connect();
      for (int i = 0; i < 5; i++) {
        assertThat(box.exchange(box.frames().batchTable("tbl_ac_in", Instant.parse("2026-02-17T07:00:00Z").plusSeconds(300L * i))))
            .isEqualTo(LocalAnswers.ACK_GET_ACTUAL);
      }
      // the box has its answer before the session queues the frame for backfill
      await().atMost(Duration.ofSeconds(5)).until(() -> proxy.backfillQueue().stats().dropped() == 3);
      await().atMost(Duration.ofSeconds(5)).until(() -> proxy.captureWriter().dropped() > 0);

      HealthCheck.Status s = health.check();
      assertThat(s.ok()).isFalse();
      assertThat(s.detail()).contains("capture dropped ", "(capture queue of 2 frames)",
          "backfill dropped 3 frames since 2026-02-17T08:00:00Z", "(oig.backfill_max_frames=2)", "sessions 1");

      capture.resume();
      clock.advance(Duration.ofMinutes(14));
      assertThat(health.check().ok()).as("drops 14 min ago are still within the window").isFalse();
      clock.advance(Duration.ofMinutes(1));
      HealthCheck.Status quiet = health.check();
      assertThat(quiet.ok()).as(quiet.detail()).isTrue();
      assertThat(quiet.detail()).contains("dropped since start: capture ", "backfill 3");
    } finally {
      capture.resume();
      readings.close();
      events.close();
    }
  }

  /** A capture store whose frame writes hang until {@link #resume()}: a stalled disk. */
  private static final class StalledCaptureStore implements CaptureStore {
    private final InMemoryCaptureStore store = new InMemoryCaptureStore();
    private final CountDownLatch resumed = new CountDownLatch(1);

    void resume() {
      resumed.countDown();
    }

    @Override
    public void append(List<CapturedFrame> frames) {
      try {
        resumed.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      store.append(frames);
    }

    @Override
    public void connectionOpened(long id, String remote, Instant at) {
      store.connectionOpened(id, remote, at);
    }

    @Override
    public void connectionClosed(long id, String deviceId, long frames, Instant at, String reason) {
      store.connectionClosed(id, deviceId, frames, at, reason);
    }

    @Override
    public void modeChanged(ModeTransition t) {
      store.modeChanged(t);
    }

    @Override
    public long maxConnectionId() {
      return store.maxConnectionId();
    }

    @Override
    public List<TableStat> tableStats(Instant since) {
      return store.tableStats(since);
    }

    @Override
    public List<ConnectionRecord> connections(int limit) {
      return store.connections(limit);
    }

    @Override
    public List<AnswerStat> answerMix(Instant since) {
      return store.answerMix(since);
    }

    @Override
    public List<ModeTransition> modeTransitions(int limit) {
      return store.modeTransitions(limit);
    }

    @Override
    public List<CapturedFrame> frames(long connectionId, int limit) {
      return store.frames(connectionId, limit);
    }

    @Override
    public long purge(Instant before) {
      return store.purge(before);
    }

    @Override
    public void close() {
      store.close();
    }
  }
}

package io.gridwire.modbus.poll;

import io.gridwire.modbus.codec.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Poll statistics of one device: requests and errors by kind, round-trip times, poll-start
 * lateness, missed deadlines. Also exported as Micrometer meters tagged {@code device}:
 * {@code gridwire.modbus.requests{outcome}}, {@code gridwire.modbus.request.rtt},
 * {@code gridwire.modbus.polls{result}}, {@code gridwire.modbus.missed.deadlines}; and one
 * histogram for all devices, {@code gridwire.modbus.poll.lateness} (buckets {@link #LATENESS_BUCKETS}),
 * whose bucket counts a scraper can difference over any window (the per-device percentiles here
 * cover everything since start, start-up included). Thread-safe.
 */
public final class PollStats {
  private static final String[] KINDS = {"ok", "refused", "timeout", "transport", "malformed"};
  private final String deviceId;
  private final AtomicLong[] byKind = new AtomicLong[KINDS.length];
  private final Counter[] kindCounters = new Counter[KINDS.length];
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong failedPolls = new AtomicLong();
  private final AtomicLong missed = new AtomicLong();
  private final AtomicLong lastRttNanos = new AtomicLong();
  private final LatencyHistogram rtt = new LatencyHistogram();
  private final LatencyHistogram lateness = new LatencyHistogram();
  private final Timer rttTimer;
  private final Counter pollsOk;
  private final Counter pollsFailed;
  private final Counter missedCounter;
  private final Timer latenessTimer;

  /** Upper bounds of the shared poll-lateness histogram's buckets. */
  static final Duration[] LATENESS_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

  public PollStats(String deviceId, MeterRegistry meters) {
    this.deviceId = deviceId;
    for (int i = 0; i < KINDS.length; i++) {
      byKind[i] = new AtomicLong();
      kindCounters[i] = Counter.builder("gridwire.modbus.requests").tag("device", deviceId).tag("outcome", KINDS[i])
          .description("Modbus requests by outcome").register(meters);
    }
    rttTimer = Timer.builder("gridwire.modbus.request.rtt").tag("device", deviceId)
        .description("Round trip of answered Modbus requests").register(meters);
    pollsOk = Counter.builder("gridwire.modbus.polls").description("Modbus polls by result")
        .tag("device", deviceId).tag("result", "ok").register(meters);
    pollsFailed = Counter.builder("gridwire.modbus.polls").description("Modbus polls by result")
        .tag("device", deviceId).tag("result", "failed").register(meters);
    missedCounter = Counter.builder("gridwire.modbus.missed.deadlines").tag("device", deviceId)
        .description("Polls that started a whole interval late or overran their slot").register(meters);
    latenessTimer = Timer.builder("gridwire.modbus.poll.lateness")
        .description("How late polls started after their due time, all devices")
        .serviceLevelObjectives(LATENESS_BUCKETS).register(meters);
  }

  public void request(Outcome o, long rttNanos) {
    int i = index(o.kind());
    byKind[i].incrementAndGet();
    kindCounters[i].increment();
    if (o instanceof Outcome.Ok || o instanceof Outcome.Refused) {
      rtt.record(rttNanos);
      lastRttNanos.set(rttNanos);
      rttTimer.record(rttNanos, TimeUnit.NANOSECONDS);
    }
  }

  public void poll(boolean ok, long latenessNanos) {
    polls.incrementAndGet();
    (ok ? pollsOk : pollsFailed).increment();
    if (!ok) failedPolls.incrementAndGet();
    lateness.record(latenessNanos);
    latenessTimer.record(latenessNanos, TimeUnit.NANOSECONDS);
  }

  public void missed(long slots) {
    if (slots <= 0) return;
    missed.addAndGet(slots);
    missedCounter.increment(slots);
  }

  private static int index(String kind) {
    for (int i = 0; i < KINDS.length; i++) if (KINDS[i].equals(kind)) return i;
    throw new IllegalArgumentException(kind);
  }

  public LatencyHistogram latenessHistogram() {
    return lateness;
  }

  public LatencyHistogram rttHistogram() {
    return rtt;
  }

  public long missed() {
    return missed.get();
  }

  public long polls() {
    return polls.get();
  }

  /** A JSON-friendly copy for the API. */
  public Snapshot snapshot() {
    Map<String, Long> errors = new LinkedHashMap<>();
    long requests = 0;
    for (int i = 0; i < KINDS.length; i++) {
      requests += byKind[i].get();
      if (i > 0) errors.put(KINDS[i], byKind[i].get());
    }
    return new Snapshot(deviceId, requests, errors, polls.get(), failedPolls.get(), missed.get(),
        micros(Duration.ofNanos(lastRttNanos.get())), micros(rtt.percentile(0.5)), micros(rtt.percentile(0.99)),
        micros(lateness.percentile(0.99)));
  }

  private static double micros(Duration d) {
    return d.toNanos() / 1000.0;
  }

  /**
   * @param deviceId device
   * @param requests requests sent
   * @param errors failed requests by kind ({@code refused}, {@code timeout}, {@code transport}, {@code malformed})
   * @param polls polls run
   * @param failedPolls polls without any answered block
   * @param missedDeadlines slots skipped or overrun
   * @param lastRttMicros round trip of the last answered request, µs
   * @param rttP50Micros median round trip, µs (±19 %)
   * @param rttP99Micros 99th percentile round trip, µs (±19 %)
   * @param latenessP99Micros 99th percentile of poll start after its due time, µs (±19 %)
   */
  public record Snapshot(String deviceId, long requests, Map<String, Long> errors, long polls, long failedPolls,
      long missedDeadlines, double lastRttMicros, double rttP50Micros, double rttP99Micros, double latenessP99Micros) {}
}

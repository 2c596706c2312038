package io.gridwire.oig.proxy;

import io.gridwire.core.port.DurableQueue;
import io.gridwire.oig.capture.CaptureWriter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * The proxy's Micrometer meters, read from counts it keeps anyway ({@link ProxyStats}, the
 * limiter, the stores, {@link Telemetry}); nothing is counted twice. Every tag has a small fixed
 * set of values: no meter is tagged by box or address. The stores' meters read 0 when capture or
 * backfill is off. Removed from the registry on {@link #close()}, so a proxy started again in the
 * same registry is not read through the old one's counts.
 *
 * <pre>
 *  gridwire.oig.sessions{mode=forward|offline}                     gauge: open box sessions
 *  gridwire.oig.connections.accepted                               box connections admitted
 *  gridwire.oig.connections.refused{reason=limit|rate}             refused by oig.maxConnections / maxConnectsPerMinute
 *  gridwire.oig.frames{direction=box|cloud|local}                  frames from boxes; cloud / gateway frames to boxes
 *  gridwire.oig.mode.transitions{to=forward|offline}               session mode changes
 *  gridwire.oig.cloud.failures{reason=connect|probe|timeout|lost}  cloud unusable for a session
 *  gridwire.oig.parse.errors{kind=bad_crc|malformed|oversize|garbage}  rejected box input (oversize: NACK and close)
 *  gridwire.oig.connections.stalled{reason=idle|partial_frame}     closed by oig.idle_timeout / partial_frame_timeout
 *  gridwire.oig.backfill.queued                                    gauge: frames waiting for the cloud
 *  gridwire.oig.backfill.delivered / .dropped                      acknowledged by the cloud / dropped at the bound
 *  gridwire.oig.capture.written / .dropped                         capture frames stored / dropped
 *  gridwire.oig.readings{result=published|duplicate}               readings from box tables
 * </pre>
 */
final class ProxyMeters implements AutoCloseable {
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();

  /**
   * @param backfill null when backfill is off
   * @param capture null when capture is off
   */
  ProxyMeters(MeterRegistry registry, ProxyStats stats, Map<Long, BoxSession> sessions, ConnectionLimiter limiter,
      DurableQueue backfill, CaptureWriter capture, Telemetry telemetry) {
    this.registry = registry;
    for (SessionMode mode : new SessionMode[] {SessionMode.FORWARD, SessionMode.OFFLINE}) {
      meters.add(Gauge.builder("gridwire.oig.sessions", sessions, s -> count(s, mode)).tag("mode", mode.wireName())
          .description("Open OIG box sessions, by mode").register(registry));
    }
    counter("gridwire.oig.connections.accepted", "OIG box connections admitted", stats.accepted, LongAdder::sum);
    String refused = "OIG box connections refused by oig.maxConnections (limit) or oig.maxConnectsPerMinute (rate)";
    counter("gridwire.oig.connections.refused", refused, limiter, ConnectionLimiter::refusedAtCap, "reason", "limit");
    counter("gridwire.oig.connections.refused", refused, limiter, ConnectionLimiter::refusedByRate, "reason", "rate");
    String frames = "OIG frames from boxes (box), and to boxes from the cloud (cloud) or the gateway itself (local)";
    counter("gridwire.oig.frames", frames, stats.boxFrames, LongAdder::sum, "direction", "box");
    counter("gridwire.oig.frames", frames, stats.cloudFrames, LongAdder::sum, "direction", "cloud");
    counter("gridwire.oig.frames", frames, stats.localAnswers, LongAdder::sum, "direction", "local");
    String transitions = "OIG session mode changes, by the mode entered";
    counter("gridwire.oig.mode.transitions", transitions, stats.toForward, LongAdder::sum, "to", "forward");
    counter("gridwire.oig.mode.transitions", transitions, stats.toOffline, LongAdder::sum, "to", "offline");
    stats.cloudFailures.forEach((f, n) -> counter("gridwire.oig.cloud.failures",
        "OIG cloud connects, probes and exchanges that failed", n, LongAdder::sum, "reason", f.wireName()));
    stats.parseErrors.forEach((e, n) -> counter("gridwire.oig.parse.errors",
        "OIG box input rejected by the frame decoder or parser", n, LongAdder::sum, "kind", e.wireName()));
    stats.stalls.forEach((s, n) -> counter("gridwire.oig.connections.stalled",
        "OIG box connections closed by oig.idle_timeout (idle) or oig.partial_frame_timeout (partial_frame)", n,
        LongAdder::sum, "reason", s.name().toLowerCase(java.util.Locale.ROOT)));
    meters.add(Gauge.builder("gridwire.oig.backfill.queued", stats, s -> backfill == null ? 0 : backfill.stats().messages())
        .description("OIG frames answered locally and waiting for delivery to the cloud").register(registry));
    counter("gridwire.oig.backfill.delivered", "OIG backfilled frames acknowledged by the cloud", stats.backfillDelivered,
        LongAdder::sum);
    counter("gridwire.oig.backfill.dropped", "OIG backfill frames dropped at oig.backfill_max_frames", stats,
        s -> backfill == null ? 0 : backfill.stats().dropped());
    counter("gridwire.oig.capture.written", "OIG frames written to the capture store", stats,
        s -> capture == null ? 0 : capture.written());
    counter("gridwire.oig.capture.dropped", "OIG capture frames dropped (capture queue full or a failed write)", stats,
        s -> capture == null ? 0 : capture.dropped());
    String readings = "Readings from OIG box tables: published, recognised as already published (a replayed queue),"
        + " or published without values under metric names past the box's bound";
    counter("gridwire.oig.readings", readings, telemetry.published, AtomicLong::get, "result", "published");
    counter("gridwire.oig.readings", readings, telemetry.duplicates, AtomicLong::get, "result", "duplicate");
    counter("gridwire.oig.readings", readings, telemetry.metricsRefused, AtomicLong::get, "result", "metrics_refused");
  }

  private <T> void counter(String name, String description, T source, ToDoubleFunction<T> value, String... tags) {
    meters.add(FunctionCounter.builder(name, source, value).tags(tags).description(description).register(registry));
  }

  private static long count(Map<Long, BoxSession> sessions, SessionMode mode) {
    long n = 0;
    for (BoxSession s : sessions.values()) if (s.mode() == mode) n++;
    return n;
  }

  @Override
  public void close() {
    for (Meter m : meters) registry.remove(m);
    meters.clear();
  }
}

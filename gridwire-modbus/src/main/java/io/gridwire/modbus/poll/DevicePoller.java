package io.gridwire.modbus.poll;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.client.ModbusTransport;
import io.gridwire.modbus.codec.Outcome;
import io.gridwire.modbus.profile.Block;
import io.gridwire.modbus.profile.Group;
import io.gridwire.modbus.profile.Profile;
import io.gridwire.modbus.write.WriteCommand;
import io.gridwire.modbus.write.WriteExecutor;
import io.gridwire.modbus.write.WriteResult;
import io.gridwire.modbus.write.WriteTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one device: its own schedule, its own back-off, on its own (virtual) thread, so a dead
 * or slow device delays nobody else. Each poll publishes one {@link Reading}; blocks that failed
 * report {@link Value#COMM_LOST}. Writes queued through {@link #submit} run before the next
 * block read, and while the loop waits for its next slot.
 */
final class DevicePoller implements WriteTarget, Runnable {
  private static final Logger log = LoggerFactory.getLogger(DevicePoller.class);
  /** Consecutive failed polls after which the connection is reopened. */
  static final int RESET_AFTER = 3;

  /** Most pass-through reads queued per device; more are refused at once (the client sees "busy"). */
  static final int MAX_QUEUED_READS = 4;

  /** Work the loop runs before the next block read and while it waits: a write or a pass-through read. */
  private record Pending(Runnable run, Runnable abandon) {}

  /** What one poll did. */
  record PollResult(int okBlocks, int failedBlocks, Outcome firstError, Reading reading) {
    boolean ok() {
      return okBlocks > 0;
    }
  }

  private final ModbusDeviceConfig cfg;
  private final Profile profile;
  private final ModbusTransport transport;
  private final Bus<Reading> readings;
  private final DeviceRegistry registry;
  private final Clock clock;
  private final PollStats stats;
  private final PollSchedule schedule;
  private final List<ModbusRequest> requests;
  private final List<Block> fastBlocks;
  private final List<ModbusRequest> fastRequests;
  private final int[] allSlots;
  private final int[] fastSlots;
  private final RegisterImage image;
  private final Outcome[] outcomes;
  private final long[] rttNanos;
  /** Per block slot: the words last decoded into values (null: decode the next answer) and when. */
  private final int[][] decodedWords;
  private final long[] decodedAt;
  /** How long a block whose registers did not change may go undecoded; zero: decode every answer. */
  private volatile long unchangedForNanos;
  private final PresenceLog presenceLog;
  private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger queuedReads = new java.util.concurrent.atomic.AtomicInteger();
  private final BooleanSupplier writeWaiting = () -> !pending.isEmpty();
  private volatile boolean running = true;
  /** The latest poll read at least one block. */
  private volatile boolean reachable;
  private long pollNo;
  private int failures;
  /** How late the latest poll started (device thread only). */
  private long lateNanos;
  private final long[] startedNanos = new long[1];

  DevicePoller(ModbusDeviceConfig cfg, Profile profile, ModbusTransport transport, Bus<Reading> readings,
      DeviceRegistry registry, Clock clock, PollStats stats) {
    this.cfg = cfg;
    this.profile = profile;
    this.transport = transport;
    this.readings = readings;
    this.registry = registry;
    this.clock = clock;
    this.presenceLog = new PresenceLog(cfg, clock, PresenceLog.Sink.SLF4J);
    this.stats = stats;
    this.schedule = new PollSchedule(cfg.interval(), cfg.retryDelay(), cfg.maxRetryDelay());
    this.requests = profile.blocks().stream()
        .map(b -> (ModbusRequest) new ModbusRequest.ReadRegisters(b.function(), b.start(), b.count())).toList();
    this.fastBlocks = profile.blocks().stream().filter(b -> b.group() != Group.SLOW).toList();
    this.fastRequests = fastBlocks.stream().map(b -> requests.get(profile.blocks().indexOf(b))).toList();
    this.allSlots = java.util.stream.IntStream.range(0, requests.size()).toArray();
    this.fastSlots = fastBlocks.stream().mapToInt(b -> profile.blocks().indexOf(b)).toArray();
    this.image = new RegisterImage(profile.blocks(), cfg.interval(), cfg.slowEvery());
    this.outcomes = new Outcome[requests.size()];
    this.rttNanos = new long[requests.size()];
    this.decodedWords = new int[requests.size()][];
    this.decodedAt = new long[requests.size()];
  }

  /**
   * Lets a block whose registers are word for word those last decoded stay out of the reading for
   * up to {@code refresh} (zero: every answer is decoded, every poll's reading is whole). The values
   * it would give are the ones already reported; report by exception would drop them anyway, and
   * an HGM9520N's 574 alarm bits are most of its values and almost never change. After
   * {@code refresh} the block is decoded again, so a flat value still reaches the change filter
   * in time for its heartbeat.
   */
  void skipUnchangedBlocks(Duration refresh) {
    unchangedForNanos = refresh.toNanos();
  }

  ModbusDeviceConfig config() {
    return cfg;
  }

  RegisterImage image() {
    return image;
  }

  PollStats stats() {
    return stats;
  }

  @Override
  public Profile profile() {
    return profile;
  }

  @Override
  public boolean online() {
    return reachable;
  }

  @Override
  public CompletableFuture<WriteResult> submit(WriteCommand command, java.util.function.BooleanSupplier send) {
    CompletableFuture<WriteResult> f = new CompletableFuture<>();
    if (!running) {
      f.completeExceptionally(new IllegalStateException("poller of " + cfg.id() + " is stopped"));
    } else {
      pending.add(new Pending(() -> runWrite(command, send, f),
          () -> f.completeExceptionally(new IllegalStateException("poller stopped"))));
      transport.wake();
    }
    return f;
  }

  /**
   * Queues a read for the device (the server façade's pass-through of an unpolled range); it runs
   * like a write, before the next block read or while the loop waits, so the poll schedule stays
   * the poller's. The future completes with the device's outcome, or {@link Outcome.TimedOut} after
   * twice the device timeout (then the read is dropped if it has not started).
   *
   * @return null when {@link #MAX_QUEUED_READS} are already queued or the poller is stopped
   */
  CompletableFuture<Outcome> readThrough(ModbusRequest request) {
    if (!running || queuedReads.incrementAndGet() > MAX_QUEUED_READS) {
      queuedReads.decrementAndGet();
      return null;
    }
    Duration bound = cfg.timeout().multipliedBy(2);
    CompletableFuture<Outcome> f = new CompletableFuture<Outcome>()
        .completeOnTimeout(new Outcome.TimedOut(bound), bound.toNanos(), TimeUnit.NANOSECONDS);
    pending.add(new Pending(() -> {
      queuedReads.decrementAndGet();
      if (f.isDone()) return;
      long t0 = System.nanoTime();
      Outcome o = transport.execute(cfg.unitId(), request, cfg.timeout());
      stats.request(o, System.nanoTime() - t0);
      f.complete(o);
    }, () -> {
      queuedReads.decrementAndGet();
      f.complete(new Outcome.TransportDown("poller stopped"));
    }));
    transport.wake();
    return f;
  }

  /**
   * Runs the poll loop until {@link #stop}; first poll at {@code firstDue}. With a transport that
   * {@link ModbusTransport#schedulesBatches schedules batches} the poll's start is timed by the
   * transport (one wake-up of this thread per poll); otherwise this thread waits for it.
   */
  void loop(Instant firstDue) {
    Instant due = firstDue;
    boolean timedByTransport = transport.schedulesBatches() && !fastRequests.isEmpty(); // an empty poll has nothing to time
    while (running) {
      try {
        PollResult r;
        if (timedByTransport) {
          r = poll(due);
        } else {
          waitUntil(due);
          if (!running) break;
          r = poll(null);
          lateNanos = Math.max(0, Duration.between(due, r.reading().timestamp()).toNanos());
        }
        long late = lateNanos;
        stats.poll(r.ok(), late);
        if (r.ok()) {
          PollSchedule.Next next = schedule.afterSuccess(due, clock.instant());
          stats.missed(next.skipped());
          due = next.due();
        } else {
          due = schedule.afterFailure(clock.instant(), failures);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) { // a bug must not kill the device's loop
        log.error("poll of {} failed", cfg.id(), e);
        due = clock.instant().plus(cfg.retryDelay());
      }
    }
    failPending();
  }

  @Override
  public void run() {
    loop(clock.instant());
  }

  void stop() {
    running = false;
  }

  private void waitUntil(Instant due) throws InterruptedException {
    while (running) {
      long left = Duration.between(clock.instant(), due).toNanos();
      if (left <= 0) return;
      Pending w = pending.poll(left, TimeUnit.NANOSECONDS);
      if (w != null) w.run().run();
    }
  }

  /**
   * One poll: every due block, pending writes first; publishes the reading, updates presence.
   * The blocks go to the transport as one batch ({@link ModbusTransport#executeAll}); the batch
   * stops early when a write is queued, so writes still run ahead of the remaining reads.
   */
  PollResult pollOnce() throws InterruptedException {
    return poll(null);
  }

  /**
   * {@link #pollOnce}, its first batch started by the transport at {@code due} (null: now); sets
   * {@link #lateNanos}. The reading is stamped with the start of its first request.
   */
  private PollResult poll(Instant due) throws InterruptedException {
    long dueNanos = due == null ? 0 : System.nanoTime() + Duration.between(clock.instant(), due).toNanos();
    Instant start = due == null ? clock.instant() : null;
    boolean slow = pollNo++ % cfg.slowEvery() == 0;
    List<Block> blocks = slow ? profile.blocks() : fastBlocks;
    List<ModbusRequest> reqs = slow ? requests : fastRequests;
    int[] slots = slow ? allSlots : fastSlots;
    Map<String, Value> values = new LinkedHashMap<>();
    int ok = 0;
    int failed = 0;
    Outcome firstError = null;
    int i = 0;
    while (i < reqs.size()) {
      runPendingWrites();
      if (i > 0 && cfg.blockGap().isPositive()) Thread.sleep(cfg.blockGap());
      int ran;
      if (start == null) {
        startedNanos[0] = 0;
        ran = transport.executeAllAt(dueNanos, cfg.unitId(), reqs, cfg.timeout(), cfg.blockGap(), writeWaiting, outcomes,
            rttNanos, startedNanos);
        if (ran == 0) continue; // a write came first, or the connection closed while waiting: run it, ask again
        long now = System.nanoTime();
        long started = startedNanos[0] != 0 ? startedNanos[0] : now;
        start = clock.instant().minusNanos(Math.max(0, now - started));
        lateNanos = Math.max(0, started - dueNanos);
      } else {
        ran = transport.executeAll(cfg.unitId(), reqs.subList(i, reqs.size()), cfg.timeout(), cfg.blockGap(), writeWaiting,
            outcomes, rttNanos);
      }
      if (ran < 1) throw new IllegalStateException("transport ran no request of a non-empty batch");
      boolean abort = false;
      long now = System.nanoTime();
      for (int k = 0; k < ran; k++, i++) {
        Outcome o = outcomes[k];
        outcomes[k] = null;
        stats.request(o, rttNanos[k]);
        if (o instanceof Outcome.Ok answer) {
          int[] words = answer.words();
          if (!unchanged(slots[i], words, now)) {
            blocks.get(i).decode(words, values::put);
            decodedWords[slots[i]] = words;
            decodedAt[slots[i]] = now;
          }
          image.update(slots[i], words, now);
          ok++;
          continue;
        }
        blocks.get(i).fill(Value.COMM_LOST, values::put);
        decodedWords[slots[i]] = null;
        image.fail(slots[i]);
        failed++;
        if (firstError == null) firstError = o;
        abort = o instanceof Outcome.TimedOut || o instanceof Outcome.TransportDown;
      }
      if (abort) {
        for (; i < reqs.size(); i++, failed++) {
          blocks.get(i).fill(Value.COMM_LOST, values::put);
          decodedWords[slots[i]] = null;
          image.fail(slots[i]);
        }
      }
    }
    Reading reading = new Reading(cfg.id(), start, clock.instant(), Collections.unmodifiableMap(values));
    readings.publish(reading);
    presence(ok, firstError);
    return new PollResult(ok, failed, firstError, reading);
  }

  /** The block's answer equals the words last decoded, and that decode is recent enough. */
  private boolean unchanged(int slot, int[] words, long now) {
    long window = unchangedForNanos;
    int[] last = decodedWords[slot];
    return window > 0 && last != null && now - decodedAt[slot] < window && java.util.Arrays.equals(last, words);
  }

  private void presence(int ok, Outcome error) {
    image.offline(ok == 0);
    reachable = ok > 0;
    if (ok > 0) {
      failures = 0;
      registry.seen(cfg.id());
      presenceLog.ok();
      return;
    }
    failures++;
    registry.offline(cfg.id(), error == null ? "no blocks read" : error.describe());
    presenceLog.failed(error == null ? "no blocks read" : error.describe());
    if (failures % RESET_AFTER == 0) transport.reset();
    log.debug("{}: poll failed ({}), retry in {}", cfg.id(), error == null ? "-" : error.describe(), schedule.backoff(failures));
  }

  int failures() {
    return failures;
  }

  private void runPendingWrites() {
    Pending w;
    while ((w = pending.poll()) != null) w.run().run();
  }

  private void runWrite(WriteCommand command, java.util.function.BooleanSupplier send, CompletableFuture<WriteResult> result) {
    try {
      if (!send.getAsBoolean()) {
        result.completeExceptionally(new io.gridwire.modbus.write.WriteNotSent());
        return;
      }
      result.complete(WriteExecutor.execute(transport, cfg.unitId(), cfg.timeout(), command));
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  private void failPending() {
    Pending w;
    while ((w = pending.poll()) != null) w.abandon().run();
  }
}

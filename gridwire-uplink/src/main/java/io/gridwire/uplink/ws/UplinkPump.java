package io.gridwire.uplink.ws;

import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.uplink.link.LinkTelemetry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Drains the outbox over one authenticated session until it fails or the uplink stops.
 *
 * <pre>
 *   outbox:  [ backlog: seq ≤ cutoff ][ live: seq > cutoff ]        cutoff = lastSeq at connect
 *   each turn:  acks → delete · liveness (ping/pong, ack age) · send live · send backlog (throttled)
 * </pre>
 *
 * Deletion: with an acknowledging broker, on its ack (in-flight window bounded); otherwise on the
 * completed write to the open connection. Either way a message is deleted only after it left, so
 * a failure resends it later: at-least-once, receivers dedupe on the message id.
 */
final class UplinkPump {
  private final UplinkSettings config;
  private final DurableQueue outbox;
  private final LinkTelemetry telemetry;
  private final Clock clock;
  private final Semaphore wake;
  private final BooleanSupplier stopping;

  UplinkPump(UplinkSettings config, DurableQueue outbox, LinkTelemetry telemetry, Clock clock, Semaphore wake,
      BooleanSupplier stopping) {
    this.config = config;
    this.outbox = outbox;
    this.telemetry = telemetry;
    this.clock = clock;
    this.wake = wake;
    this.stopping = stopping;
  }

  /** Runs until the session fails (throws with the reason) or the uplink stops (returns). */
  void run(WsSession session, BrokerInbox inbox, String userId, boolean acks) throws Exception {
    new Turns(session, inbox, userId, acks).loop();
  }

  private final class Turns {
    private final WsSession session;
    private final BrokerInbox inbox;
    private final String userId;
    private final boolean acks;
    private final String instance = outbox.instanceId();
    private final DeliveryConfig d = config.delivery();
    private final UplinkTiming t = config.timing();
    private final long cutoff = outbox.lastSeq();
    private final LinkedHashMap<Long, Instant> inFlight = new LinkedHashMap<>();
    private final RateLimiter limiter = new RateLimiter(d.backlogRate());
    private long liveCursor = cutoff;
    private long backlogCursor = 0;
    private Instant lastPing;
    private Instant pingSentAt;

    Turns(WsSession session, BrokerInbox inbox, String userId, boolean acks) {
      this.session = session;
      this.inbox = inbox;
      this.userId = userId;
      this.acks = acks;
      this.lastPing = clock.instant();
    }

    void loop() throws Exception {
      while (!stopping.getAsBoolean()) {
        if (session.closedReason() != null) throw new IOException(session.closedReason());
        applyAcks();
        checkLiveness();
        int sent = 0;
        if (d.liveFirst()) sent += sendLive();
        sent += sendBacklog();
        if (sent == 0) {
          // Appends and acks release the semaphore; only a throttled backlog needs a short nap.
          wake.tryAcquire(backlogCursor < cutoff ? 20 : 500, TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      }
    }

    private int window() {
      return acks ? Math.min(d.batchSize(), d.maxInFlight() - inFlight.size()) : d.batchSize();
    }

    private int sendLive() throws Exception {
      int w = window();
      if (w <= 0) return 0;
      List<QueueEntry> batch = outbox.read(liveCursor, Long.MAX_VALUE, w);
      if (batch.isEmpty()) return 0;
      send(batch);
      liveCursor = batch.getLast().seq();
      return batch.size();
    }

    private int sendBacklog() throws Exception {
      long upper = d.liveFirst() ? cutoff : Long.MAX_VALUE;
      if (backlogCursor >= upper) return 0;
      boolean throttled = backlogCursor < cutoff;
      int w = window();
      int allowed = throttled ? limiter.take(w) : w;
      if (allowed <= 0) return 0;
      List<QueueEntry> batch = outbox.read(backlogCursor, upper, allowed);
      if (throttled) limiter.giveBack(allowed - batch.size());
      if (batch.isEmpty()) {
        // Everything ≤ cutoff existed at connect, so an empty read means the backlog is done.
        if (d.liveFirst()) backlogCursor = cutoff;
        return 0;
      }
      send(batch);
      backlogCursor = batch.getLast().seq();
      return batch.size();
    }

    private void send(List<QueueEntry> batch) throws Exception {
      List<Long> written = new ArrayList<>(batch.size());
      try {
        for (QueueEntry e : batch) {
          session.send(UplinkCodec.envelope(e, instance, config.mqttTopicPrefix(), userId), t.ackTimeout());
          if (acks) inFlight.put(e.seq(), clock.instant());
          else written.add(e.seq());
        }
      } finally {
        if (!written.isEmpty()) {
          outbox.remove(written);
          telemetry.sent(written.size());
        }
      }
    }

    private void applyAcks() {
      if (!acks) return;
      List<Long> done = new ArrayList<>();
      String id;
      while ((id = inbox.acked.poll()) != null) {
        Long seq = seqOf(id);
        if (seq != null && inFlight.remove(seq) != null) done.add(seq);
      }
      if (done.isEmpty()) return;
      outbox.remove(done);
      telemetry.sent(done.size());
    }

    private Long seqOf(String id) {
      if (!id.startsWith(instance + "-")) return null;
      try {
        return Long.parseLong(id.substring(instance.length() + 1));
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private void checkLiveness() throws Exception {
      Instant now = clock.instant();
      if (pingSentAt != null && session.lastPong().isBefore(pingSentAt)
          && Duration.between(pingSentAt, now).compareTo(t.pongTimeout()) > 0) {
        throw new IOException("no pong within " + t.pongTimeout());
      }
      if (Duration.between(lastPing, now).compareTo(t.pingInterval()) >= 0) {
        lastPing = now;
        // The pong timeout runs from the oldest unanswered ping: a newer ping must not restart it
        // (with pongTimeout ≥ pingInterval a silent broker would otherwise never be declared down).
        if (pingSentAt == null || !session.lastPong().isBefore(pingSentAt)) pingSentAt = now;
        session.ping(t.pongTimeout());
      }
      Iterator<Map.Entry<Long, Instant>> oldest = inFlight.entrySet().iterator();
      if (oldest.hasNext() && Duration.between(oldest.next().getValue(), now).compareTo(t.ackTimeout()) > 0) {
        throw new IOException("no acknowledgement within " + t.ackTimeout());
      }
    }
  }
}

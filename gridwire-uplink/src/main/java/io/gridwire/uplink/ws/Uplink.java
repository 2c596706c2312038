package io.gridwire.uplink.ws;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.retry.Backoff;
import io.gridwire.core.topic.TopicFilter;
import io.gridwire.uplink.link.Link;
import io.gridwire.uplink.link.LinkStatus;
import io.gridwire.uplink.link.LinkTelemetry;
import io.gridwire.uplink.link.OutboxFeeder;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud uplink (SPEC §4): readings (and optionally raw MQTT messages) → durable outbox →
 * WebSocket broker, forever reconnecting.
 *
 * <pre>
 *  Bus&lt;Reading&gt; ──durable sub──▶ OutboxFeeder ──append──▶ DurableQueue (SQLite) ──▶ UplinkPump ──▶ WsSession ──▶ broker
 *  forwardMqtt() ──internal bus──┘                                         ▲ acks / pongs ◀──┘
 *  connect → auth once (clientId+secret) → pump … → failure → back-off 5 s·2^n ±20 % (cap) → connect …
 * </pre>
 *
 * Lifecycle: construct, {@link #start()}, {@link #close()}. Thread-safe; {@link #forwardMqtt}
 * never blocks.
 */
public final class Uplink implements Link, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Uplink.class);

  private final UplinkSettings config;
  private final Bus<Reading> readings;
  private final Clock clock;
  private final DurableQueue outbox;
  private final LinkTelemetry telemetry;
  private final OutboxFeeder feeder;
  private final Bus<QueueEntry.Draft> raw;
  private final Semaphore wake = new Semaphore(0);
  private final CountDownLatch stop = new CountDownLatch(1);
  private final HttpClient http;
  private volatile boolean closed;
  private volatile WsSession session;
  private Thread thread;

  /**
   * The uplink over its outbox (the wiring opens the SQLite file {@code config.outbox().file(name)});
   * the uplink closes it.
   */
  public Uplink(UplinkSettings config, DurableQueue outbox, Bus<Reading> readings, Bus<Event> events, Clock clock,
      MeterRegistry meters) {
    this.config = Objects.requireNonNull(config, "config");
    this.readings = Objects.requireNonNull(readings, "readings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.telemetry = new LinkTelemetry(config.name(), "websocket", config.url().toString(), outbox, events, clock,
        meters, config.dropEventInterval());
    this.feeder = new OutboxFeeder(config.name(), outbox, telemetry, config.outbox().bounds(), clock, wake::release);
    this.raw = new Bus<>("uplink-" + config.name() + "-mqtt", QueueEntry.Draft::key);
    this.http = HttpClient.newBuilder().connectTimeout(config.timing().connectTimeout()).build();
  }

  /** Subscribes to readings and starts connecting, with a scheduler of its own for the outbox duty. Call once. */
  public void start() {
    start(null);
  }

  /** Like {@link #start()}, the outbox duty timed by the app's shared {@code scheduler}. Call once. */
  public synchronized void start(io.gridwire.core.schedule.Scheduler scheduler) {
    if (thread != null) throw new IllegalStateException("uplink " + config.name() + " already started");
    feeder.subscribe(readings, "uplink-" + config.name(), config.outbox().busCapacity(),
        r -> UplinkCodec.draft(r, config.mqttTopicPrefix(), config.filter(), clock.instant()));
    feeder.subscribe(raw, "outbox", config.outbox().busCapacity(), d -> d);
    feeder.start(scheduler);
    thread = Thread.ofPlatform().daemon().name("uplink-" + config.name()).start(this::run);
    log.info("uplink {} started: {} as client {}", config.name(), config.url(), config.clientId());
  }

  /**
   * Offers a raw MQTT message; forwarded when its topic matches {@code mqttTopics}. Never blocks;
   * overflow of the in-memory queue in front of the outbox is counted as dropped.
   *
   * @return whether the topic matched
   */
  public boolean forwardMqtt(String topic, byte[] payload) {
    for (String f : config.mqttTopics()) {
      if (TopicFilter.matches(f, topic)) {
        raw.publish(UplinkCodec.draft(topic, payload, clock.instant()));
        return true;
      }
    }
    return false;
  }

  private void run() {
    Backoff.Attempts backoff = new Backoff(config.timing().reconnectDelay(), config.timing().reconnectMaxDelay()).attempts(new Random());
    UplinkPump pump = new UplinkPump(config, outbox, telemetry, clock, wake, () -> closed);
    while (!closed) {
      BrokerInbox inbox = new BrokerInbox(wake::release);
      try {
        session = WsSession.open(http, config.url(), config.timing().connectTimeout(), clock, inbox::accept);
        BrokerMessage.AuthOk ok = authenticate(session, inbox);
        telemetry.connected(true);
        backoff.reset();
        log.info("uplink {} connected as user {} ({})", config.name(), ok.userId(),
            ok.acks() ? "broker acknowledges" : "no acknowledgements: delete on write");
        pump.run(session, inbox, ok.userId() == null ? config.clientId() : ok.userId(), ok.acks());
      } catch (Exception e) {
        if (!closed) failed(e);
      } finally {
        telemetry.connected(false);
        if (session != null) session.abort("reconnecting");
      }
      if (!closed) await(backoff.next());
    }
  }

  private BrokerMessage.AuthOk authenticate(WsSession s, BrokerInbox inbox) throws Exception {
    s.send(UplinkCodec.auth(config.clientId(), config.clientSecret()), config.timing().authTimeout());
    BrokerMessage m = inbox.auth.get(config.timing().authTimeout().toMillis(), TimeUnit.MILLISECONDS);
    if (m instanceof BrokerMessage.AuthError err) throw new AuthRefusedException(err.reason());
    return (BrokerMessage.AuthOk) m;
  }

  private void failed(Exception e) {
    Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
    String msg = switch (cause) {
      case java.net.http.WebSocketHandshakeException h -> "handshake refused: HTTP " + h.getResponse().statusCode();
      case java.util.concurrent.TimeoutException t -> "timeout: " + t.getMessage();
      case AuthRefusedException a -> a.getMessage();
      default -> cause.toString();
    };
    telemetry.error(msg);
    log.warn("uplink {} down: {}", config.name(), msg);
  }

  private void await(Duration d) {
    try {
      stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public LinkStatus status() {
    return telemetry.status();
  }

  /** The outbox (read-only use: status, tests). */
  public DurableQueue outbox() {
    return outbox;
  }

  /** Drains the bus into the outbox (up to 5 s), closes the connection, the outbox. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) return;
      closed = true;
    }
    feeder.close(Duration.ofSeconds(5));
    raw.close();
    stop.countDown();
    wake.release();
    WsSession s = session;
    if (s != null) s.close();
    if (thread != null) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    outbox.close();
    log.info("uplink {} stopped", config.name());
  }

  /** The broker refused the credentials. */
  static final class AuthRefusedException extends Exception {
    AuthRefusedException(String reason) {
      super("authentication refused: " + reason);
    }
  }
}

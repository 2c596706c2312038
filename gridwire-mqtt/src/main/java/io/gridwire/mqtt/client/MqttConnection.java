package io.gridwire.mqtt.client;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3SubscribeBuilder;
import io.gridwire.core.api.HealthCheck;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A permanent MQTT 3.1.1 connection (HiveMQ client) with a persistent session.
 *
 * <pre>
 *   start ─▶ CONNECTING ──ok──▶ CONNECTED ── subscribe ALL filters ─▶ onConnected listeners
 *               ▲   │fail           │lost
 *               │   ▼               ▼
 *               └── wait backoff(attempt) with jitter ◀──┘        (close() ends the loop)
 * </pre>
 *
 * <ul>
 *   <li>{@code cleanSession=false}: the broker keeps subscriptions and QoS 1 messages while the
 *       gateway is away, so a short restart loses nothing the broker kept.
 *   <li>The filters are subscribed again after <em>every</em> connect, whether or not the broker
 *       says it kept the session (a broker restarted without persistence forgets it).
 *   <li>Messages of every subscription reach one consumer, registered once, so resubscribing
 *       never duplicates deliveries.
 * </ul>
 *
 * Thread-safe. The consumer runs on the client's I/O thread and must not block.
 */
public final class MqttConnection implements MqttTransport, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);

  private final ConnectionSettings settings;
  private final Clock clock;
  private final Consumer<InboundMessage> consumer;
  private final CopyOnWriteArrayList<Runnable> connectedListeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger attempt = new AtomicInteger();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong subscribes = new AtomicLong();
  private final AtomicLong ready = new AtomicLong();
  private volatile Mqtt3AsyncClient client;
  private volatile boolean closed;
  private volatile Instant stateSince;
  private volatile String lastError;

  public MqttConnection(ConnectionSettings settings, Clock clock, Consumer<InboundMessage> consumer) {
    this.settings = settings;
    this.clock = clock;
    this.consumer = consumer;
    this.stateSince = clock.instant();
  }

  /** Runs after every successful connect, once the subscriptions were sent. Add before {@link #start}. */
  public void onConnected(Runnable listener) {
    connectedListeners.add(listener);
  }

  /** Starts connecting and returns at once; the connection then keeps itself up until {@link #close}. */
  public void start() {
    Mqtt3AsyncClient c = builder().buildAsync();
    client = c;
    c.publishes(MqttGlobalPublishFilter.ALL, this::deliver);
    connect(c);
  }

  private Mqtt3ClientBuilder builder() {
    Mqtt3ClientBuilder b = Mqtt3Client.builder()
        .identifier(settings.clientId())
        .serverHost(settings.broker().host())
        .serverPort(settings.broker().port())
        .addConnectedListener(this::connected)
        .addDisconnectedListener(this::disconnected);
    if (settings.useTls()) b = b.sslWithDefaultConfig();
    if (settings.username() != null) {
      var auth = b.simpleAuth().username(settings.username());
      if (settings.password() != null) auth = auth.password(settings.password().getBytes(StandardCharsets.UTF_8));
      b = auth.applySimpleAuth();
    }
    if (settings.willTopic() != null) {
      b = b.willPublish().topic(settings.willTopic()).payload(bytes("offline")).qos(MqttQos.AT_LEAST_ONCE)
          .retain(true).applyWillPublish();
    }
    return b;
  }

  private void connect(Mqtt3AsyncClient c) {
    c.connectWith().cleanSession(false).keepAlive((int) settings.keepAlive().toSeconds()).send()
        .whenComplete((ack, error) -> {
          if (error != null) log.debug("mqtt connect to {} failed: {}", settings.broker(), error.toString());
        });
  }

  private void connected(MqttClientConnectedContext context) {
    attempt.set(0);
    connects.incrementAndGet();
    stateSince = clock.instant();
    lastError = null;
    log.info("mqtt connected to {} as {}", settings.broker(), settings.clientId());
    resubscribe().whenComplete((ok, error) -> {
      if (error != null) log.warn("mqtt subscribe failed: {}", error.toString());
      else ready.incrementAndGet();
      for (Runnable r : connectedListeners) {
        try {
          r.run();
        } catch (RuntimeException e) {
          log.warn("mqtt connected listener failed: {}", e.toString(), e);
        }
      }
    });
  }

  private CompletableFuture<?> resubscribe() {
    List<String> filters = settings.filters();
    if (filters.isEmpty()) return CompletableFuture.completedFuture(null);
    MqttQos qos = MqttQos.fromCode(settings.subscribeQos());
    Mqtt3SubscribeBuilder.Start start = Mqtt3Subscribe.builder();
    Mqtt3SubscribeBuilder.Complete b = start.topicFilter(filters.get(0)).qos(qos);
    for (int i = 1; i < filters.size(); i++) b = b.addSubscription().topicFilter(filters.get(i)).qos(qos).applySubscription();
    subscribes.incrementAndGet();
    return client.subscribe(b.build());
  }

  private void disconnected(MqttClientDisconnectedContext context) {
    stateSince = clock.instant();
    lastError = context.getCause() == null ? null : context.getCause().getMessage();
    if (closed || context.getSource() == MqttDisconnectSource.USER) return;
    int n = attempt.incrementAndGet();
    Duration wait = settings.backoff().delay(n, ThreadLocalRandom.current().nextDouble());
    if (n == 1 || n % 10 == 0) {
      log.warn("mqtt connection to {} lost or refused ({}); reconnect attempt {} in {} ms",
          settings.broker(), lastError, n, wait.toMillis());
    }
    context.getReconnector().reconnect(true).delay(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void deliver(Mqtt3Publish p) {
    try {
      consumer.accept(new InboundMessage(p.getTopic().toString(), p.getPayloadAsBytes(), p.getQos().getCode(),
          p.isRetain()));
    } catch (RuntimeException e) {
      log.warn("mqtt message handler failed on {}: {}", p.getTopic(), e.toString(), e);
    }
  }

  @Override
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
    Mqtt3AsyncClient c = client;
    if (c == null) return CompletableFuture.failedFuture(new IllegalStateException("not started"));
    return c.publishWith().topic(topic).payload(payload).qos(MqttQos.fromCode(qos)).retain(retain).send()
        .thenApply(p -> null);
  }

  @Override
  public boolean connected() {
    Mqtt3AsyncClient c = client;
    return c != null && c.getState().isConnected();
  }

  public MqttClientState state() {
    Mqtt3AsyncClient c = client;
    return c == null ? MqttClientState.DISCONNECTED : c.getState();
  }

  /** Successful connects so far (1 after the first connect, +1 per reconnect). */
  public long connects() {
    return connects.get();
  }

  /** SUBSCRIBE packets sent so far (one per connect when there are filters). */
  public long subscribes() {
    return subscribes.get();
  }

  /** Connects whose subscriptions the broker acknowledged (tests wait for this before publishing). */
  public long readyCount() {
    return ready.get();
  }

  public BrokerUrl broker() {
    return settings.broker();
  }

  /** The connection as a health check named {@code mqtt}. */
  public HealthCheck.Status health() {
    MqttClientState s = state();
    if (s.isConnected()) {
      return new HealthCheck.Status("mqtt", true, "connected to " + settings.broker() + " since " + stateSince);
    }
    return new HealthCheck.Status("mqtt", false, s.name().toLowerCase(java.util.Locale.ROOT) + " from "
        + settings.broker() + " since " + stateSince + ", reconnect attempt " + attempt.get()
        + (lastError == null ? "" : ": " + lastError));
  }

  /**
   * Stops reconnecting and disconnects cleanly (the broker then does not send the last will;
   * publish the offline state first). Blocks up to {@code timeout}. Idempotent.
   */
  public void close(Duration timeout) {
    if (closed) return;
    closed = true;
    Mqtt3AsyncClient c = client;
    if (c == null) return;
    try {
      if (c.getState().isConnectedOrReconnect()) c.disconnect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.debug("mqtt disconnect: {}", e.toString());
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(3));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

package io.gridwire.notify.webhook;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.event.Event;
import io.gridwire.core.log.RateLimitedLog;
import io.gridwire.core.retry.Backoff;
import io.gridwire.notify.AlarmNotice;
import io.gridwire.notify.DeliveryQueue;
import io.gridwire.notify.NoticeJson;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alarm events to one webhook, in order, each until it is accepted (2xx).
 *
 * <pre>
 *  Bus&lt;Event&gt; ──own subscriber thread──▶ filter ──▶ DeliveryQueue (durable, bounded)
 *                                                         │ oldest first
 *                                   own sender thread ◀───┘ POST ──2xx──▶ delete
 *                                                          └─fail─▶ back-off, same entry again
 * </pre>
 *
 * A receiver that is down, hangs (bounded by the timeout) or answers an error delays only this
 * webhook: the bus, other sinks and other webhooks go on. Nothing queued is lost while the
 * receiver is down, up to the queue's bound; drops beyond it are counted and logged.
 */
public final class WebhookNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

  private final WebhookConfig config;
  private final io.gridwire.notify.NoticeFilter filter;
  private final Backoff retry;
  private final DeliveryQueue queue;
  private final WebhookPoster poster;
  private final Object wake = new Object();
  private volatile boolean closed;
  private Subscription subscription;
  private Thread sender;
  private long dropped;

  public WebhookNotifier(WebhookConfig config, DeliveryQueue queue) {
    this(config, WebhookConfig.DEFAULT_RETRY, queue);
  }

  /** @param retry pause between failed POSTs, doubling up to its cap */
  public WebhookNotifier(WebhookConfig config, Backoff retry, DeliveryQueue queue) {
    this.config = config;
    this.filter = config.filter();
    this.retry = retry;
    this.queue = queue;
    this.poster = new WebhookPoster(config);
  }

  public WebhookNotifier start(Bus<Event> events) {
    subscription = events.subscribeBatch("webhook-" + config.name(), SubscriberOptions.durable(16_384), this::enqueue);
    sender = Thread.ofPlatform().daemon().name("webhook-" + config.name()).start(this::sendLoop);
    log.info("{}: alarm notifications on, {} waiting from before", config, queue.size());
    return this;
  }

  void enqueue(List<Event> batch) {
    List<String> bodies = new ArrayList<>();
    for (Event e : batch) {
      AlarmNotice.from(e).filter(filter::matches).ifPresent(n -> bodies.add(NoticeJson.of(n)));
    }
    if (bodies.isEmpty()) return;
    int d = queue.append(bodies);
    if (d > 0) {
      dropped += d;
      log.warn("{}: queue full ({}), dropped the {} oldest notifications ({} so far); check that the receiver is up",
          config, queue.bound(), d, dropped);
    }
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  private void sendLoop() {
    Backoff.Attempts attempts = retry.attempts(ThreadLocalRandom.current());
    RateLimitedLog failureLog = new RateLimitedLog(log, Clock.systemUTC(), Duration.ofMinutes(1));
    long failures = 0;
    while (!closed) {
      try {
        List<DeliveryQueue.Entry> next = queue.peek(64);
        if (next.isEmpty()) {
          synchronized (wake) {
            wake.wait(1_000);
          }
          continue;
        }
        for (DeliveryQueue.Entry e : next) {
          String failure = poster.post(e.body());
          if (failure != null) {
            failures++;
            failureLog.warn(config.toString(), config + ": delivery failed (" + failures + " attempts so far): " + failure
                + "; " + queue.size() + " notifications wait and are retried — check the receiver's URL and logs");
            Thread.sleep(attempts.next().toMillis());
            break;
          }
          queue.delete(e.seq());
          attempts.reset();
          if (failures > 0) log.info("{}: delivering again after {} failed attempts", config, failures);
          failures = 0;
        }
      } catch (InterruptedException e) {
        if (closed) return;
      } catch (RuntimeException e) {
        log.warn("{}: delivery loop error, retrying: {}", config, e.toString());
        sleepQuietly(attempts);
      }
    }
  }

  private void sleepQuietly(Backoff.Attempts attempts) {
    try {
      Thread.sleep(attempts.next().toMillis());
    } catch (InterruptedException ignored) {
      // closing
    }
  }

  @Override
  public void close() {
    closed = true;
    if (subscription != null) subscription.close();
    if (sender != null) {
      sender.interrupt();
      try {
        sender.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    queue.close();
  }
}

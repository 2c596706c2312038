package io.gridwire.notify.mail;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.event.Event;
import io.gridwire.core.retry.Backoff;
import io.gridwire.notify.AlarmNotice;
import io.gridwire.notify.DeliveryQueue;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails alarm events to one group of recipients as digests: the first alarm opens a window of
 * {@code digestWindow}, then one mail lists every alarm of the window. Its own subscriber thread
 * and its own sender thread, every SMTP step bounded by a timeout: a mail server that hangs or
 * refuses delays only this group's mail. Notices wait in a durable queue until mailed: a digest
 * that fails is retried with back-off, and one not sent at stop goes out after the next start.
 */
public final class EmailNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmailNotifier.class);
  /** Alarm events listed in one mail at most; more go into the next one. */
  private static final int MAX_PER_DIGEST = 10_000;
  /** 5 s doubling up to {@link Backoff#PEER_CAP}: an SMTP server back up gets the digest within the gateway's one peer cap. */
  public static final Backoff DEFAULT_RETRY = new Backoff(Duration.ofSeconds(5), Backoff.PEER_CAP);

  private final EmailConfig config;
  private final io.gridwire.notify.NoticeFilter filter;
  private final SmtpConfig smtp;
  private final SmtpClient client;
  private final Clock clock;
  private final DeliveryQueue queue;
  private final Digest digest;
  private final Backoff.Attempts attempts;
  private final ScheduledExecutorService sender;
  private Subscription subscription;
  private volatile long failedSends;
  private volatile boolean closing;

  /** @param queue where notices wait until mailed (durable in the gateway) */
  public EmailNotifier(EmailConfig config, SmtpConfig smtp, DeliveryQueue queue, Clock clock) {
    this(config, smtp, queue, clock, DEFAULT_RETRY);
  }

  /** @param retry back-off between attempts at a digest that could not be sent */
  public EmailNotifier(EmailConfig config, SmtpConfig smtp, DeliveryQueue queue, Clock clock, Backoff retry) {
    this.attempts = retry.attempts(new java.util.Random());
    this.config = config;
    this.filter = config.filter();
    this.smtp = smtp;
    this.client = new SmtpClient(smtp);
    this.clock = clock;
    this.queue = queue;
    this.digest = new Digest(config.digestWindow(), queue, MAX_PER_DIGEST, clock.instant());
    // Its own thread, not the shared scheduler: every flush is a blocking SMTP conversation, and
    // digests, retries and the last flush at close must stay in order on one sender.
    this.sender = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("email-" + config.name())
        .factory());
  }

  public EmailNotifier start(Bus<Event> events) {
    subscription = events.subscribe("email-" + config.name(), SubscriberOptions.durable(16_384), this::accept);
    log.info("email {}: alarm digests to {} through {}, window {}", config.name(), config.to(), smtp,
        config.digestWindow());
    if (digest.dueAt() != null) {
      log.info("email {}: {} alarm notices from before the restart are mailed in the next digest", config.name(),
          digest.waiting());
      schedule(config.digestWindow());
    }
    return this;
  }

  private void accept(Event e) {
    AlarmNotice.from(e).filter(filter::matches).ifPresent(n -> {
      if (digest.add(n, clock.instant())) schedule(config.digestWindow());
    });
  }

  private void schedule(Duration delay) {
    if (!sender.isShutdown()) sender.schedule(this::flush, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
  }

  private void flush() {
    if (closing) return;
    Instant now = clock.instant();
    List<AlarmNotice> due = digest.takeDue(now);
    if (due.isEmpty()) {
      Instant at = digest.dueAt();
      if (at != null) schedule(Duration.between(now, at));
      return;
    }
    MailMessage m = new MailMessage(smtp.from(), config.to(), DigestMail.subject(due),
        DigestMail.body(due, config.maxListed(), digest.dropped()), now);
    try {
      client.send(m);
      digest.sent(now);
      if (digest.dueAt() != null) schedule(config.digestWindow());
      if (attempts.failures() > 0) log.info("email {}: sending again after {} failures", config.name(), attempts.failures());
      attempts.reset();
    } catch (IOException | RuntimeException ex) {
      failedSends++;
      Duration retry = attempts.next();
      digest.putBack(now);
      log.warn("email {}: digest of {} alarms not sent through {} ({}); retry in {}s — check the mail server settings",
          config.name(), due.size(), smtp, ex.getMessage(), retry.toSeconds());
      schedule(retry);
    }
  }

  /** Digests that could not be sent so far (each is kept and retried). */
  public long failedSends() {
    return failedSends;
  }

  /** On stop: whatever is pending is sent now, in one last digest, once. */
  private void flushOnClose() {
    List<AlarmNotice> pending = digest.takeAll();
    if (pending.isEmpty()) return;
    Instant now = clock.instant();
    try {
      client.send(new MailMessage(smtp.from(), config.to(), DigestMail.subject(pending),
          DigestMail.body(pending, config.maxListed(), digest.dropped()), now));
      digest.sent(now);
    } catch (IOException | RuntimeException ex) {
      digest.putBack(now);
      log.warn("email {}: stopping; digest of {} alarms not sent through {} ({}); it is kept and mailed after the"
          + " next start", config.name(), pending.size(), smtp, ex.getMessage());
    }
  }

  /** Stops taking events and sends what is pending, waiting at most the SMTP timeout and 2 s more. */
  @Override
  public void close() {
    if (subscription != null) subscription.close();
    closing = true;
    try {
      sender.submit(this::flushOnClose);
      sender.shutdown();
      if (!sender.awaitTermination(smtp.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
        log.warn("email {}: last digest not sent within {}; stopping without it", config.name(), smtp.timeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // already closed
    } finally {
      sender.shutdownNow();
      queue.close();
    }
  }
}

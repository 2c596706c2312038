package io.gridwire.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.notify.AlarmEvents;
import io.gridwire.testkit.AiosmtpdServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.gridwire.notify.MemoryDeliveryQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmailNotifierIT {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static SmtpConfig smtp(int port, boolean starttls, String user) {
    return new SmtpConfig("127.0.0.1", port, starttls, user, user == null ? null : "secret", "gridwire@example.org",
        Duration.ofSeconds(5));
  }

  @Test
  void email_stormOf200Alarms_sendsOneDigestListingAll(@TempDir Path dir) throws Exception {
    try (AiosmtpdServer server = new AiosmtpdServer(dir); Bus<Event> events = new Bus<>("events", e -> "")) {
      EmailConfig group = new EmailConfig("ops", List.of("ops@example.org", "oncall@example.org"),
          List.of("critical"), List.of(), Duration.ofSeconds(2), 500);
      try (EmailNotifier n = new EmailNotifier(group, smtp(server.port, false, null), new MemoryDeliveryQueue(10_000), Clock.systemUTC()).start(events)) {
        for (int i = 0; i < 200; i++) {
          events.publish(AlarmEvents.raised(T.plusMillis(i), "gen-" + i, "low_oil", "critical", "north", "0.8"));
        }
        events.publish(AlarmEvents.raised(T, "gen-x", "fuel_low", "warning", "north", null)); // filtered out
        await().atMost(Duration.ofSeconds(20)).until(() -> server.messages().size() >= 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> server.messages().size() == 1);
      }
      String mail = server.messages().get(0);
      assertThat(mail).contains("Subject: [Gridwire] 200 alarms raised, 0 cleared (200 critical)")
          .contains("To: ops@example.org, oncall@example.org").contains("200 alarm events, oldest first")
          .doesNotContain("gen-x").doesNotContain("fuel_low");
      for (int i = 0; i < 200; i++) assertThat(mail).contains("gen-" + i + " (north)  Alarm low_oil  oil_pressure=0.8");
    }
  }

  @Test
  void email_serverDownThenUp_digestIsRetriedAndSent(@TempDir Path dir) throws Exception {
    int port = io.gridwire.testkit.FreePorts.next();
    try (Bus<Event> events = new Bus<>("events", e -> "")) {
      EmailConfig group = new EmailConfig("ops", List.of("ops@example.org"), null, null, Duration.ofMillis(200), 50);
      var retry = new io.gridwire.core.retry.Backoff(Duration.ofMillis(300), Duration.ofMillis(600));
      try (EmailNotifier n = new EmailNotifier(group, smtp(port, false, null), new MemoryDeliveryQueue(10_000), Clock.systemUTC(), retry).start(events)) {
        events.publish(AlarmEvents.raised(T, "gen-1", "low_oil", "critical", "north", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> n.failedSends() >= 1); // nobody listens yet
        events.publish(AlarmEvents.cleared(T.plusSeconds(1), "gen-1", "low_oil", "critical", "north"));
        try (AiosmtpdServer server = new AiosmtpdServer(dir, port)) {
          await().atMost(Duration.ofSeconds(15)).until(() -> !server.messages().isEmpty());
          String all = String.join("\n", server.messages());
          assertThat(all).contains("RAISED   critical  gen-1").contains("CLEARED  critical  gen-1");
          assertThat(all.indexOf("RAISED")).isLessThan(all.indexOf("CLEARED"));
        }
      }
    }
  }

  @Test
  void close_digestWindowStillOpen_sendsThePendingDigest(@TempDir Path dir) throws Exception {
    try (AiosmtpdServer server = new AiosmtpdServer(dir); Bus<Event> events = new Bus<>("events", e -> "")) {
      EmailConfig group = new EmailConfig("ops", List.of("ops@example.org"), null, null, Duration.ofHours(1), 50);
      EmailNotifier n = new EmailNotifier(group, smtp(server.port, false, null), new MemoryDeliveryQueue(10_000), Clock.systemUTC()).start(events);
      events.publish(AlarmEvents.raised(T, "gen-1", "low_oil", "critical", "north", null));
      events.awaitDrained(Duration.ofSeconds(2));
      n.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> !server.messages().isEmpty());
      assertThat(server.messages().get(0)).contains("RAISED   critical  gen-1");
    }
  }

  @Test
  void restart_mailServerDownAtStop_digestMailedAfterTheNextStart(@TempDir Path dir) throws Exception {
    int port = io.gridwire.testkit.FreePorts.next();
    MemoryDeliveryQueue durable = new MemoryDeliveryQueue(10_000); // the gateway's on-disk outbox across the restart
    EmailConfig group = new EmailConfig("ops", List.of("ops@example.org"), null, null, Duration.ofMillis(300), 50);
    try (Bus<Event> events = new Bus<>("events", e -> "")) {
      EmailNotifier n = new EmailNotifier(group, smtp(port, false, null), durable, Clock.systemUTC()).start(events);
      events.publish(AlarmEvents.raised(T, "gen-1", "low_oil", "critical", "north", null));
      events.awaitDrained(Duration.ofSeconds(2));
      n.close(); // nobody listens: the last digest cannot go out
    }
    assertThat(durable.size()).as("notices kept for the next start").isEqualTo(1);
    try (AiosmtpdServer server = new AiosmtpdServer(dir, port); Bus<Event> events = new Bus<>("events", e -> "");
        EmailNotifier n = new EmailNotifier(group, smtp(port, false, null), durable, Clock.systemUTC()).start(events)) {
      await().atMost(Duration.ofSeconds(15)).until(() -> !server.messages().isEmpty());
      assertThat(server.messages().get(0)).contains("RAISED   critical  gen-1");
      await().atMost(Duration.ofSeconds(5)).until(() -> durable.size() == 0);
    }
  }

  @Test
  void smtp_starttlsRequiredButNotOffered_refusesToSendInPlain(@TempDir Path dir) throws Exception {
    try (AiosmtpdServer server = new AiosmtpdServer(dir)) {
      SmtpClient c = new SmtpClient(smtp(server.port, true, null));
      MailMessage m = new MailMessage("gridwire@example.org", List.of("ops@example.org"), "s", "b", T);
      assertThatThrownBy(() -> c.send(m)).isInstanceOf(SmtpException.class).hasMessageContaining("STARTTLS");
      assertThat(server.messages()).isEmpty();
    }
  }
}

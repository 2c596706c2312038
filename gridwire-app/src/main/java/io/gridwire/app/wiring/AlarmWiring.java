package io.gridwire.app.wiring;

import io.gridwire.app.config.GridwireConfig;
import io.gridwire.notify.NotificationsConfig;
import io.gridwire.core.alarm.AlarmSink;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.schedule.Scheduler;
import io.gridwire.notify.mail.EmailNotifier;
import io.gridwire.notify.webhook.WebhookNotifier;
import io.gridwire.rules.AlarmRule;
import io.gridwire.rules.RuleEngine;
import io.gridwire.rules.RuleRunner;
import io.gridwire.uplink.outbox.OutboxBounds;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Starts the alarm rules and the notification channels the configuration asks for. */
final class AlarmWiring {
  private AlarmWiring() {}

  /**
   * The rule engine with the file's rules and those set through the API, fed from the reading bus
   * and ticking; its routes are added to {@code routes}.
   */
  static RuleEngine rules(GridwireConfig c, Bus<Reading> readings, DeviceRegistry registry, MetricCatalog catalog,
      AlarmSink sink, Clock clock, List<AutoCloseable> started, List<ApiRoute> routes, Scheduler scheduler) {
    List<AlarmRule> rules = new ArrayList<>();
    for (int i = 0; i < c.alarms().rules().size(); i++) rules.add(c.alarms().rules().get(i).toRule("alarms.rules[" + i + "]"));
    RuleEngine engine = new RuleEngine(rules, registry, catalog, sink, clock);
    routes.addAll(new AlarmRuleRoutes(engine, c.alarms().rules(), Path.of(c.node().dataDir())).routes());
    started.add(RuleRunner.start(engine, readings, c.alarms().rulesTick(), scheduler));
    return engine;
  }

  /** One notifier per webhook and per e-mail group, each reading the event bus on its own thread. */
  static void notifications(GridwireConfig c, Bus<Event> events, Clock clock, List<AutoCloseable> started) {
    NotificationsConfig n = c.notifications();
    OutboxBounds bounds = new OutboxBounds(n.queueMaxMessages(), OutboxBounds.DEFAULT.maxBytes(), n.queueMaxAge());
    Path dataDir = Path.of(c.node().dataDir());
    for (io.gridwire.notify.webhook.WebhookConfig w : n.webhooks()) {
      var queue = new QueueDeliveryQueue(QueueFiles.notification(dataDir, "webhook-" + w.name(), bounds), bounds, clock);
      started.add(new WebhookNotifier(w, queue).start(events));
    }
    for (io.gridwire.notify.mail.EmailConfig e : n.emails()) {
      var queue = new QueueDeliveryQueue(QueueFiles.notification(dataDir, "email-" + e.name(), bounds), bounds, clock);
      started.add(new EmailNotifier(e, n.smtp(), queue, clock).start(events));
    }
  }
}

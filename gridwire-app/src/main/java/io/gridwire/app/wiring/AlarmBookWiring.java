package io.gridwire.app.wiring;

import io.gridwire.core.alarm.AlarmBook;
import io.gridwire.core.alarm.AlarmRoutes;
import io.gridwire.core.alarm.AlarmWatcher;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.port.AlarmStore;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.schedule.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The alarm book, the watcher feeding it from readings, presence from the registry (offline →
 * unknown, removed → forgotten), and the clock that lets held clears complete.
 */
final class AlarmBookWiring implements AutoCloseable {
  private final AlarmBook book;
  private final AlarmWatcher watcher;
  private final Scheduler.Task ticker;

  AlarmBookWiring(Bus<Reading> readings, Bus<Event> events, DeviceRegistry registry, MetricCatalog catalog,
      AlarmStore store, Clock clock, Duration clearHold, Scheduler scheduler) {
    book = new AlarmBook(events, store, clock, clearHold, id -> registry.get(id).map(Device::site).orElse(null));
    registry.addListener(d -> {
      if (registry.get(d.id()).isEmpty()) {
        book.forgetDevice(d.id());
        watcher().forget(d.id());
      } else if (!d.online()) {
        book.deviceOffline(d.id());
      }
    });
    watcher = new AlarmWatcher(catalog, book, book::deviceOffline).start(readings);
    Duration period = Duration.ofMillis(Math.max(100, Math.min(1000, clearHold.toMillis() / 4)));
    // quick: the book writes behind its own thread, so a tick never waits for the database
    ticker = scheduler.every("alarm-tick", period, book::tick);
  }

  private AlarmWatcher watcher() {
    return watcher;
  }

  AlarmBook book() {
    return book;
  }

  List<ApiRoute> routes() {
    return new AlarmRoutes(book).routes();
  }

  @Override
  public void close() {
    ticker.cancel();
    watcher.close();
    book.close();
  }
}

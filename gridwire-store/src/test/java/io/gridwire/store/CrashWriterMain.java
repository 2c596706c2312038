package io.gridwire.store;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Child process of {@link SqliteCrashIT}: writes readings of 10 values, one per second of device
 * time, through the history writer forever, and prints {@code WRITTEN <values>} after each
 * committed flush, until it is killed.
 */
public final class CrashWriterMain {
  public static void main(String[] args) throws Exception {
    StoreSettings cfg = StoreSettings.sqlite(Path.of(args[0])).withFlush(Duration.ofMillis(50), 2_000);
    Storage storage = Storage.open(cfg, Clock.systemUTC(), new SimpleMeterRegistry());
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", Event::deviceId);
    storage.startWriters(readings, events, new DeviceRegistry(events, Clock.systemUTC()));
    Instant t0 = Instant.parse(args[1]);
    long last = -1;
    for (int i = 0; ; i++) {
      Reading.Builder b = Reading.builder("crash", t0.plusSeconds(i), t0.plusSeconds(i));
      for (int m = 0; m < 10; m++) b.put("m" + m, i);
      readings.publish(b.build());
      if (i % 100 == 99) {
        long written = storage.historyWriter().written();
        if (written != last) {
          System.out.println("WRITTEN " + written);
          System.out.flush();
          last = written;
        }
        Thread.sleep(5);
      }
    }
  }
}

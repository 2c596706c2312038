package io.gridwire.store;

import io.gridwire.core.api.HealthCheck;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.port.AdmissionStore;
import io.gridwire.core.port.AlarmStore;
import io.gridwire.core.port.CommandStore;
import io.gridwire.core.port.DeviceStore;
import io.gridwire.core.port.EventStore;
import io.gridwire.core.port.HistoryStore;
import io.gridwire.core.port.RuntimeConfigStore;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.schedule.Scheduler;
import io.gridwire.core.user.UserStore;
import io.gridwire.store.jdbc.Database;
import io.gridwire.store.jdbc.JdbcAdmissionStore;
import io.gridwire.store.jdbc.JdbcAlarmStore;
import io.gridwire.store.jdbc.JdbcCommandStore;
import io.gridwire.store.jdbc.JdbcDeviceStore;
import io.gridwire.store.jdbc.JdbcEventStore;
import io.gridwire.store.jdbc.JdbcHistoryStore;
import io.gridwire.store.jdbc.JdbcRuntimeConfigStore;
import io.gridwire.store.jdbc.JdbcUserStore;
import io.gridwire.store.jdbc.ReadingBlock;
import io.gridwire.store.postgres.HistoryLayout;
import io.gridwire.store.postgres.PostgresDatabase;
import io.gridwire.store.postgres.PostgresHistoryStore;
import io.gridwire.store.sqlite.SqliteDatabase;
import io.gridwire.store.sqlite.SqliteHistoryStore;
import io.gridwire.store.write.BatchWriter;
import io.gridwire.store.write.DeviceSync;
import io.gridwire.store.write.Maintenance;
import io.gridwire.store.write.WriterSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage of one gateway: the stores on SQLite or PostgreSQL, and (after
 * {@link #startWriters}) the write-behind writers, device sync and maintenance.
 *
 * <pre>
 *   Storage s = Storage.open(config, clock, meters);      // migrates; stores usable now
 *   registry.restore(s.devices().loadAll());
 *   s.startWriters(readingBus, eventBus, registry);        // history/events/devices written behind
 *   ...
 *   s.close();   // after connectors stop: flushes everything, then closes the database
 * </pre>
 *
 * Thread-safe. Stores block on I/O.
 */
public final class Storage implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Storage.class);

  private final StoreSettings config;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Database db;
  private final JdbcHistoryStore history;
  private final JdbcDeviceStore devices;
  private final JdbcEventStore events;
  private final JdbcUserStore users;
  private final JdbcAdmissionStore admission;
  private final JdbcAlarmStore alarms;
  private final JdbcCommandStore commands;
  private final JdbcRuntimeConfigStore runtimeConfig;
  private final Maintenance maintenance;
  private BatchWriter<ReadingBlock> historyWriter;
  private BatchWriter<Event> eventWriter;
  private DeviceSync deviceSync;
  private Scheduler ownScheduler;
  private boolean closed;

  private Storage(StoreSettings config, Clock clock, MeterRegistry meters, Database db, JdbcHistoryStore history) {
    this.config = config;
    this.clock = clock;
    this.meters = meters;
    this.db = db;
    this.history = history;
    this.devices = new JdbcDeviceStore(db, clock);
    this.events = new JdbcEventStore(db);
    this.users = new JdbcUserStore(db, clock);
    this.admission = new JdbcAdmissionStore(db);
    this.alarms = new JdbcAlarmStore(db);
    this.commands = new JdbcCommandStore(db);
    this.runtimeConfig = new JdbcRuntimeConfigStore(db);
    this.maintenance = new Maintenance(history, events, users, config.retention(), clock);
  }

  /**
   * Opens the configured database and applies pending migrations. Blocking.
   *
   * @throws RuntimeException when the database cannot be opened or migrated
   */
  public static Storage open(StoreSettings config, Clock clock, MeterRegistry meters) {
    if (config.kind().equals(StoreSettings.POSTGRES)) {
      PostgresDatabase db = PostgresDatabase.open(config.jdbcUrl(), config.user(), config.password(), config.schema(),
          config.timescale());
      log.info("storage: PostgreSQL {} schema {}{}", config.jdbcUrl(), config.schema(),
          config.asyncCommit() ? ", history commits asynchronous (synchronous_commit off)" : "");
      return new Storage(config, clock, meters, db, new PostgresHistoryStore(db, config.asyncCommit(), clock));
    }
    SqliteDatabase db = SqliteDatabase.open(config.sqliteFile());
    log.info("storage: SQLite {}", config.sqliteFile().toAbsolutePath());
    return new Storage(config, clock, meters, db, new SqliteHistoryStore(db, clock));
  }

  public HistoryStore history() {
    return history;
  }

  public DeviceStore devices() {
    return devices;
  }

  /** Pending and rejected device ids (device admission). */
  public AdmissionStore admission() {
    return admission;
  }

  public EventStore events() {
    return events;
  }

  public UserStore users() {
    return users;
  }

  /** The active-alarm list (written by the alarm book, behind its own thread). */
  public AlarmStore alarms() {
    return alarms;
  }

  /** The command ledger (docs/commands.md): written through, so queued commands survive a restart. */
  public CommandStore commands() {
    return commands;
  }

  /** Devices and profiles added through the API. */
  public RuntimeConfigStore runtimeConfig() {
    return runtimeConfig;
  }

  /** On PostgreSQL, whether raw history is a plain table or a TimescaleDB hypertable, and why; empty on SQLite. */
  public Optional<HistoryLayout> historyLayout() {
    return db instanceof PostgresDatabase pg ? Optional.of(pg.historyLayout()) : Optional.empty();
  }

  /**
   * The {@code storage} entry of {@code GET /health}: which database and, on PostgreSQL, the
   * history layout and commit mode (no URL, schema or user: {@code /health} is open). Always ok:
   * write failures show as writer metrics and {@code data_dropped} events.
   */
  public HealthCheck health() {
    String detail = historyLayout()
        .map(layout -> "PostgreSQL, " + layout.describe()
            + (config.asyncCommit() ? ", history commits asynchronous (synchronous_commit off)" : ""))
        .orElse("SQLite");
    HealthCheck.Status status = new HealthCheck.Status("storage", true, detail);
    return () -> status;
  }

  /**
   * Starts writing readings and events behind their buses, persisting the registry's changes
   * every {@code deviceSyncInterval}, and the maintenance task every {@code maintenanceInterval}.
   * Call once. Drops are published on {@code eventBus} as {@code data_dropped}. Without the app's
   * scheduler (tests, tools) storage times them on a one-thread scheduler of its own.
   */
  public synchronized void startWriters(Bus<Reading> readings, Bus<Event> eventBus, DeviceRegistry registry) {
    if (historyWriter != null) throw new IllegalStateException("writers already started");
    ownScheduler = new Scheduler("store-housekeeping", 1);
    startWriters(readings, eventBus, registry, ownScheduler);
  }

  /**
   * Like {@link #startWriters(Bus, Bus, DeviceRegistry)}, with device sync and maintenance timed
   * by the app's shared {@code scheduler} (each run on a virtual thread: they block on the database).
   */
  public synchronized void startWriters(Bus<Reading> readings, Bus<Event> eventBus, DeviceRegistry registry,
      Scheduler scheduler) {
    if (historyWriter != null) throw new IllegalStateException("writers already started");
    int max = config.flushMaxValues();
    long bound = Math.max(10L * max, 10L * config.writerQueueCapacity());
    // history is weighted by values (metric tag writer=history), a gap (one mark) one unit, and
    // held packed (ReadingBlock), so its bound is larger for the same memory; events one unit each
    historyWriter = new BatchWriter<>("history",
        WriterSettings.of(config.flushInterval(), max, config.writerQueueCapacity(), historyBufferValues(config)), clock,
        meters, ReadingBlock::units, ReadingBlock::bytes, HISTORY_BUFFER_BYTES, history::write, (writer, bus, buf) -> eventBus.publish(new Event(clock.instant(), null, EventType.DATA_DROPPED,
            "history writer dropped " + bus + " readings (queue full) and " + buf + " values (store failing)",
            Map.of("writer", writer, "bus_items", Long.toString(bus), "buffer_values", Long.toString(buf)))));
    eventWriter = new BatchWriter<>("events",
        WriterSettings.of(config.flushInterval(), max, config.writerQueueCapacity(), bound), clock, meters, e -> 1,
        events::append, null);
    deviceSync = new DeviceSync(registry, devices);
    historyWriter.start(readings, batch -> history.pack(batch, max));
    eventWriter.start(eventBus);
    deviceSync.start(config.deviceSyncInterval(), scheduler);
    maintenance.start(config.maintenanceInterval(), scheduler);
  }

  /**
   * Heap the history writer's backlog may hold, estimated ({@link ReadingBlock#bytes}), before it
   * drops the oldest: the values bound below is about 100 MB only for wide numeric readings (a
   * genset's 640 numbers); readings of one value or one text cost several times as much a value.
   */
  static final long HISTORY_BUFFER_BYTES = 128L * 1024 * 1024;

  /**
   * Values the history writer holds before it drops the oldest (also bounded by {@link
   * #HISTORY_BUFFER_BYTES}): 120 × {@code writer_queue} (7.9 M
   * at the default, about 100 MB packed at {@value ReadingBlock#BYTES_PER_VALUE} bytes a value;
   * held as readings, 10 × {@code writer_queue} values took about 50 MB and the full bus queue
   * before them as much again). Room for the first poll of a
   * whole fleet (5,000 HGM9520N gensets: 3.2 M values, every one a series to create) while the
   * store writes it.
   */
  static long historyBufferValues(StoreSettings config) {
    return Math.max(10L * config.flushMaxValues(), 120L * config.writerQueueCapacity());
  }

  /** Runs roll-ups and retention now (also done every {@code maintenanceInterval}). Blocking. */
  public Maintenance.Result maintain() {
    return maintenance.run();
  }

  /** The history writer, or null before {@link #startWriters}. */
  public BatchWriter<ReadingBlock> historyWriter() {
    return historyWriter;
  }

  /** The event writer, or null before {@link #startWriters}. */
  public BatchWriter<Event> eventWriter() {
    return eventWriter;
  }

  /** Persists the registry's pending device changes now. Blocking. */
  public void syncDevices() {
    if (deviceSync != null) deviceSync.sync();
  }

  /**
   * Stops maintenance, flushes devices, history and events (draining their bus queues), then
   * closes the database. Call after connectors have stopped publishing. Blocking; idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    maintenance.close();
    if (deviceSync != null) deviceSync.close();
    if (historyWriter != null) historyWriter.close();
    if (eventWriter != null) eventWriter.close();
    if (ownScheduler != null) ownScheduler.close();
    foldHistory();
    db.close();
    log.info("storage closed");
  }

  /**
   * {@link #close()} within {@code bound} (a process stop has a deadline): history and events that
   * cannot be written in time are dropped and counted rather than holding up the stop. Events get
   * the last second of the bound.
   */
  public synchronized void close(java.time.Duration bound) {
    if (closed) return;
    closed = true;
    long deadline = System.nanoTime() + bound.toNanos();
    maintenance.close();
    if (deviceSync != null) deviceSync.close();
    if (historyWriter != null) historyWriter.close(left(deadline).minusSeconds(1));
    if (eventWriter != null) eventWriter.close(left(deadline));
    if (ownScheduler != null) ownScheduler.close();
    foldHistory();
    db.close();
    log.info("storage closed");
  }

  /** Moves journaled history into its table at a clean stop; what a failure leaves is folded at the next open. */
  private void foldHistory() {
    try {
      history.fold();
    } catch (RuntimeException e) {
      log.warn("history journal not folded at stop (it is folded at the next start): {}", e.getMessage());
    }
  }

  private static java.time.Duration left(long deadline) {
    return java.time.Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }
}

package io.gridwire.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

class SeriesIdsTest {
  private Connection keepAlive;
  private SQLiteDataSource source;
  private Database db;

  @BeforeEach
  void open() throws SQLException {
    source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:file:series-" + System.nanoTime() + "?mode=memory&cache=shared");
    keepAlive = source.getConnection();
    try (Statement st = keepAlive.createStatement()) {
      st.execute("CREATE TABLE series (id INTEGER PRIMARY KEY, device_id TEXT NOT NULL, metric TEXT NOT NULL, UNIQUE (device_id, metric))");
    }
    db = new Database() {
      @Override
      protected <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection c = source.getConnection()) {
          return transaction(c, work);
        }
      }

      @Override
      protected DataSource readDataSource() {
        return source;
      }

      @Override
      public boolean postgres() {
        return false;
      }

      @Override
      public void close() {
      }
    };
  }

  @AfterEach
  void close() throws SQLException {
    keepAlive.close();
  }

  private static void resolveFor(SeriesIds ids, Reading... readings) {
    ids.resolveFor(ReadingBlock.pack(List.of(readings), ids.metrics(), Integer.MAX_VALUE));
  }

  private static HistoryRows rows(SeriesIds ids, Reading... readings) {
    return HistoryRows.of(ReadingBlock.pack(List.of(readings), ids.metrics(), Integer.MAX_VALUE), ids);
  }

  private static Reading reading(String device, String... metrics) {
    Reading.Builder b = Reading.builder(device, Instant.EPOCH, Instant.EPOCH);
    for (String m : metrics) b.put(m, Value.of(1.0));
    return b.build();
  }

  @Test
  void idsAreDistinctPerDeviceAndMetric_andStableAcrossGrowth() {
    SeriesIds ids = new SeriesIds(db);
    resolveFor(ids, reading("a", "m1", "m2"), reading("b", "m2"));
    Integer a1 = ids.cached("a", "m1");
    Integer a2 = ids.cached("a", "m2");
    Integer b2 = ids.cached("b", "m2");
    assertNotEquals(a1, a2);
    assertNotEquals(a2, b2);
    assertNull(ids.cached("b", "m1"), "b never had m1");
    assertNull(ids.cached("c", "m1"), "unknown device");

    // a metric numbered after the first table was built grows the device's table, old ids stay
    resolveFor(ids, reading("b", "m3", "m1"));
    assertEquals(a1, ids.cached("a", "m1"));
    assertEquals(b2, ids.cached("b", "m2"));
    Integer b3 = ids.cached("b", "m3");
    assertNotEquals(null, b3);
    assertEquals(b3, ids.cachedOf("b").get("m3"));
    assertEquals(Integer.MIN_VALUE, ids.cachedOf("a").get("m3"), "a never had m3: no id, not 0");
  }

  @Test
  void aFreshCacheReadsStoredIdsInsteadOfCreatingNewOnes() {
    SeriesIds first = new SeriesIds(db);
    resolveFor(first, reading("a", "m1", "m2"));
    SeriesIds afterRestart = new SeriesIds(db);
    assertEquals(Optional.of(first.cached("a", "m2")), afterRestart.find("a", "m2"));
    resolveFor(afterRestart, reading("a", "m1", "m2"));
    assertEquals(first.cached("a", "m1"), afterRestart.cached("a", "m1"));
    assertEquals(Optional.empty(), afterRestart.find("a", "never"));
  }

  @Test
  void historyRowsRefuseAnUnresolvedSeries() {
    SeriesIds ids = new SeriesIds(db);
    resolveFor(ids, reading("a", "m1"));
    assertThrows(IllegalStateException.class, () -> rows(ids, reading("a", "m1", "m9")));
    assertEquals(1, rows(ids, reading("a", "m1")).size);
  }

  /** Metric names in API queries come from outside: looking them up must not number them (memory). */
  @Test
  void lookupsOfUnknownMetrics_numberNothing() {
    SeriesIds ids = new SeriesIds(db);
    resolveFor(ids, reading("a", "m1"));
    int numbered = ids.metrics().size();
    for (int i = 0; i < 1_000; i++) {
      assertNull(ids.cached("a", "probe-" + i));
      assertEquals(Optional.empty(), ids.find("a", "probe-" + i));
    }
    assertEquals(numbered, ids.metrics().size(), "metric names numbered by lookups");
    assertNotEquals(null, ids.cached("a", "m1"));
  }
}

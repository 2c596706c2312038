package io.gridwire.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.port.HistoryQuery;
import io.gridwire.store.postgres.HistoryLayout;
import io.gridwire.store.postgres.TimescaleMode;
import io.gridwire.testkit.ManualClock;
import io.gridwire.testkit.RealServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code storage.postgres.async_commit} and {@code storage.postgres.timescale} against the
 * machine's real PostgreSQL, each test on schemas of its own.
 */
class PostgresHistoryOptionsIT {
  private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
  private final ManualClock clock = new ManualClock(T0);
  private final List<TestSchema> schemas = new ArrayList<>();
  private final List<Storage> opened = new ArrayList<>();

  @BeforeEach
  void requirePostgres() {
    RealServices.require("PostgreSQL", RealServices.POSTGRES);
  }

  @AfterEach
  void closeAndDrop() throws Exception {
    for (Storage s : opened.reversed()) s.close();
    for (TestSchema s : schemas) s.drop();
  }

  @Test
  void asyncCommit_on_historyTransactionsRunWithSynchronousCommitOffOthersDoNot() throws Exception {
    assumeServerCommitsSynchronously();
    TestSchema schema = schema();
    Storage s = open(schema.config().withPostgresHistory(true, TimescaleMode.AUTO));
    probeCommitSetting(schema);

    Series series = new Series("d1", T0, Duration.ofSeconds(1), 100);
    s.history().append(series.readings());                        // COPY straight into history
    s.history().append(series.readings().subList(50, 100));        // a replay: the staging path
    s.events().append(List.of(new Event(T0, "d1", EventType.DEVICE_ONLINE, "up", Map.of())));

    assertThat(probed(schema, "history")).hasSize(2).containsOnly("off");
    assertThat(probed(schema, "events")).containsExactly("on");
    assertThat(s.health().check().detail()).endsWith(", history commits asynchronous (synchronous_commit off)");
  }

  @Test
  void asyncCommit_default_historyCommitsAsTheServerSays() throws Exception {
    assumeServerCommitsSynchronously();
    TestSchema schema = schema();
    Storage s = open(schema.config());
    probeCommitSetting(schema);

    s.history().append(new Series("d1", T0, Duration.ofSeconds(1), 10).readings());

    assertThat(schema.config().asyncCommit()).isFalse();
    assertThat(probed(schema, "history")).containsExactly("on");
    assertThat(s.health().check().detail()).doesNotContain("asynchronous");
  }

  @Test
  void timescale_auto_extensionAbsent_plainTablesReportedSchemaAsWithOff() throws Exception {
    Assumptions.assumeFalse(timescaleAvailable(), "this test is for servers without TimescaleDB; this one offers it");
    TestSchema auto = schema();
    TestSchema off = schema();
    Storage s = open(auto.config());
    open(off.config().withPostgresHistory(false, TimescaleMode.OFF));

    HistoryLayout expected = new HistoryLayout(false, "TimescaleDB is not available on this server");
    assertThat(s.historyLayout()).contains(expected);
    assertThat(s.health().check()).satisfies(h -> {
      assertThat(h.name()).isEqualTo("storage");
      assertThat(h.ok()).isTrue();
      assertThat(h.detail())
          .isEqualTo("PostgreSQL, history in plain PostgreSQL tables (TimescaleDB is not available on this server)");
    });
    assertThat(structure(auto)).isNotEmpty().isEqualTo(structure(off));
    assertThat(queryString("SELECT count(*)::text FROM pg_extension WHERE extname = 'timescaledb'")).isEqualTo("0");
    assertThat(queryString("SELECT relkind::text FROM pg_class WHERE oid = '" + auto.name + ".history'::regclass"))
        .isEqualTo("r");

    s.close();
    Storage again = open(auto.config());
    assertThat(again.historyLayout()).contains(expected);
    again.history().append(new Series("d1", T0, Duration.ofSeconds(1), 10).readings());
    assertThat(again.history().query(new HistoryQuery("d1", "p", T0, T0.plusSeconds(60), null, 100)).points())
        .hasSize(10);
  }

  @Test
  void timescale_off_reportedAsChosen() {
    TestSchema schema = schema();
    Storage s = open(schema.config().withPostgresHistory(false, TimescaleMode.OFF));

    assertThat(s.historyLayout()).contains(new HistoryLayout(false, "storage.postgres.timescale is off"));
  }

  private TestSchema schema() {
    TestSchema s = new TestSchema();
    schemas.add(s);
    return s;
  }

  private Storage open(StoreSettings cfg) {
    Storage s = Storage.open(cfg, clock, new SimpleMeterRegistry());
    opened.add(s);
    return s;
  }

  /** Every INSERT/COPY statement on history or events records the synchronous_commit it ran under. */
  private static void probeCommitSetting(TestSchema schema) throws SQLException {
    String probe = schema.name + ".commit_probe";
    schema.sql("CREATE TABLE " + probe + " (tbl text NOT NULL, sync text NOT NULL, at timestamptz DEFAULT clock_timestamp())");
    schema.sql("CREATE FUNCTION " + schema.name + ".probe_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + "INSERT INTO " + probe + " (tbl, sync) VALUES (TG_TABLE_NAME, current_setting('synchronous_commit')); "
        + "RETURN NULL; END $$");
    for (String table : List.of("history", "events")) {
      schema.sql("CREATE TRIGGER " + table + "_probe AFTER INSERT ON " + schema.name + "." + table
          + " FOR EACH STATEMENT EXECUTE FUNCTION " + schema.name + ".probe_sync()");
    }
  }

  private static List<String> probed(TestSchema schema, String table) throws SQLException {
    return strings("SELECT sync FROM " + schema.name + ".commit_probe WHERE tbl = ? ORDER BY at", table);
  }

  /** Tables, columns, indexes, constraints and triggers of a schema, its name replaced by {@code S}. */
  private static List<String> structure(TestSchema schema) throws SQLException {
    String n = schema.name;
    return strings("""
        SELECT 'relation ' || c.relname || ' kind ' || c.relkind::text FROM pg_class c
          JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = ?
        UNION ALL SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null ' || is_nullable
          FROM information_schema.columns WHERE table_schema = ?
        UNION ALL SELECT 'index ' || replace(indexdef, ?, 'S') FROM pg_indexes WHERE schemaname = ?
        UNION ALL SELECT 'constraint ' || conrelid::regclass::text || ' ' || pg_get_constraintdef(co.oid)
          FROM pg_constraint co JOIN pg_namespace ns ON ns.oid = co.connamespace WHERE ns.nspname = ?
        UNION ALL SELECT 'trigger ' || event_object_table || ' ' || trigger_name
          FROM information_schema.triggers WHERE trigger_schema = ?
        ORDER BY 1""", n, n, n + ".", n, n, n).stream().map(s -> s.replace(n + ".", "S.")).toList();
  }

  private static void assumeServerCommitsSynchronously() throws SQLException {
    String serverDefault = queryString("SHOW synchronous_commit");
    Assumptions.assumeTrue("on".equals(serverDefault),
        "the server's synchronous_commit is " + serverDefault + "; the test tells 'off' apart from 'on'");
  }

  private static boolean timescaleAvailable() throws SQLException {
    return "1".equals(queryString("SELECT count(*)::text FROM pg_available_extensions WHERE name = 'timescaledb'"));
  }

  private static String queryString(String sql) throws SQLException {
    return strings(sql).getFirst();
  }

  private static List<String> strings(String sql, String... params) throws SQLException {
    try (Connection c = DriverManager.getConnection(TestSchema.URL, TestSchema.USER, System.getenv("GRIDWIRE_TEST_PGPASSWORD"));
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) st.setString(i + 1, params[i]);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    }
  }
}

package io.gridwire.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.port.HistoryPoint;
import io.gridwire.core.port.HistoryQuery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer process killed with SIGKILL mid-stream leaves a consistent SQLite store. */
class SqliteCrashIT {
  private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void kill_duringWrites_storeIntactWithEverythingUpToLastFlush() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashWriterMain.class.getName(), dir.toString(), T0.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long reported = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (reported < 20_000 && (line = out.readLine()) != null) {
        if (line.startsWith("WRITTEN ")) reported = Long.parseLong(line.substring(8));
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, writes in flight
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(reported).as("child reported flushes before the kill").isGreaterThanOrEqualTo(20_000);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gridwire.db"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    try (Storage s = Storage.open(StoreSettings.sqlite(dir), Clock.systemUTC(), new SimpleMeterRegistry())) {
      Instant end = T0.plusSeconds(10_000_000);
      List<HistoryPoint> m0 = s.history().query(new HistoryQuery("crash", "m0", T0, end, null, 10_000_000)).points();
      List<HistoryPoint> m9 = s.history().query(new HistoryQuery("crash", "m9", T0, end, null, 10_000_000)).points();
      assertThat(m0.size() * 10L).as("values stored vs. last reported flush").isGreaterThanOrEqualTo(reported);
      assertThat(m9).hasSameSizeAs(m0); // whole readings only: a batch commits all or nothing
      for (int i = 0; i < m0.size(); i++) {
        assertThat(m0.get(i).time()).isEqualTo(T0.plusSeconds(i)); // a gap-free prefix of what was sent
      }
    }
  }
}

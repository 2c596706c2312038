package io.gridwire.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.store.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A minute is rolled up only once every row of it is in the history table. */
class RollupsTest {
  private static final long T0 = 1_780_000_000_000L - 1_780_000_000_000L % Rollups.HOUR;

  @TempDir Path dir;

  @Test
  void rollUp_rowsNotYetFolded_stopsBeforeTheirMinute() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("g.db"))) {
      db.write("rows", c -> {
        try (Statement st = c.createStatement()) {
          st.execute("INSERT INTO series (id, device_id, metric) VALUES (1, 'd1', 'p')");
          for (int s = 0; s < 600; s += 10) {
            st.execute("INSERT INTO history (series_id, ts, value_num) VALUES (1, " + (T0 + s * 1000L) + ", " + s + ")");
          }
        }
        return null;
      });
      AtomicLong unfolded = new AtomicLong(T0 + 190_000); // a row at 3:10 still in the journal
      Rollups rollups = new Rollups(db, unfolded::get);

      rollups.rollUp(T0 + 10 * Rollups.MINUTE);
      assertThat(rollups.watermarks().minute()).isEqualTo(T0 + 3 * Rollups.MINUTE);

      unfolded.set(Long.MAX_VALUE); // folded
      rollups.rollUp(T0 + 10 * Rollups.MINUTE);
      assertThat(rollups.watermarks().minute()).isEqualTo(T0 + 10 * Rollups.MINUTE);
    }
  }
}

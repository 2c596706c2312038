package io.gridwire.store.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueBounds;
import io.gridwire.core.port.QueueEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteQueueTest extends DurableQueueContract {
  @TempDir Path dir;

  @Override
  DurableQueue open(QueueBounds bounds) {
    return SqliteQueue.outbox(dir.resolve("outbox-test.db"), bounds, false);
  }

  @Test
  void reopen_afterClose_keepsEntriesOrderIdAndSeqs() {
    String instance;
    try (DurableQueue q = SqliteQueue.outbox(dir.resolve("o.db"), LARGE, true)) {
      q.append(drafts(0, 5, T0));
      q.acknowledge(2);
      instance = q.instanceId();
    }
    try (DurableQueue q = SqliteQueue.outbox(dir.resolve("o.db"), LARGE, true)) {
      assertThat(q.instanceId()).isEqualTo(instance);
      assertThat(q.lastSeq()).isEqualTo(5);
      assertThat(q.stats().messages()).isEqualTo(3);
      assertThat(q.stats().bytes()).isEqualTo(3 * drafts(0, 1, T0).getFirst().size());
      assertThat(bodies(q.read(0, Long.MAX_VALUE, 10))).containsExactly("m2", "m3", "m4");
      q.append(drafts(5, 6, T0));
      assertThat(q.read(5, Long.MAX_VALUE, 10)).extracting(QueueEntry::seq).containsExactly(6L);
    }
  }

  @Test
  void oigBackfill_boundExceeded_oldestDroppedAndOrderKeptAcrossReopen() {
    QueueBounds three = new QueueBounds(3, Long.MAX_VALUE, "oig.backfill_max_frames");
    try (DurableQueue q = SqliteQueue.oigBackfill(dir.resolve("oig.db"), three)) {
      for (int i = 0; i < 5; i++) {
        q.append(List.of(new QueueEntry.Draft("box", T0.plusSeconds(i), "tbl_actual", new byte[] {(byte) i})));
      }
      assertThat(q.stats().messages()).isEqualTo(3);
      assertThat(q.stats().dropped()).isEqualTo(2);
    }
    try (DurableQueue q = SqliteQueue.oigBackfill(dir.resolve("oig.db"), three)) {
      QueueEntry first = q.oldest("box").orElseThrow();
      assertThat(first.payload()).containsExactly(2);
      q.remove(List.of(first.seq()));
      assertThat(q.oldest("box").orElseThrow().payload()).containsExactly(3);
      assertThat(q.count("box")).isEqualTo(2);
      assertThat(q.oldest("other")).isEmpty();
    }
  }

  @Test
  void open_outboxFileOfEarlierVersions_readsItsTextMessages() throws Exception {
    Path file = dir.resolve("outbox-cloud.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      // the layout SqliteOutbox created, without a migration history
      s.execute("CREATE TABLE outbox_meta(k TEXT PRIMARY KEY, v TEXT NOT NULL)");
      s.execute("CREATE TABLE outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT NOT NULL, created INTEGER NOT NULL,"
          + " topic TEXT NOT NULL, body TEXT NOT NULL, size INTEGER NOT NULL)");
      s.execute("INSERT INTO outbox_meta VALUES ('instance', 'old-instance')");
      s.execute("INSERT INTO outbox(k, created, topic, body, size) VALUES ('dev', 1767225600000, 't/dev', '{\"v\":\"é\"}', 40)");
      s.execute("INSERT INTO outbox(k, created, topic, body, size) VALUES ('dev', 1767225600000, 't/dev', 'm1', 33)");
      s.execute("DELETE FROM outbox WHERE seq = 2");
    }
    try (DurableQueue q = SqliteQueue.outbox(file, LARGE, false)) {
      assertThat(q.instanceId()).isEqualTo("old-instance");
      assertThat(q.lastSeq()).isEqualTo(2);
      assertThat(q.stats().messages()).isEqualTo(1);
      assertThat(q.stats().bytes()).isEqualTo(40);
      assertThat(q.stats().oldest()).isEqualTo(T0);
      assertThat(bodies(q.read(0, Long.MAX_VALUE, 10))).containsExactly("{\"v\":\"é\"}");
      q.append(drafts(7, 8, T0));
      assertThat(bodies(q.read(0, Long.MAX_VALUE, 10))).containsExactly("{\"v\":\"é\"}", "m7");
      assertThat(q.lastSeq()).isEqualTo(3);
    }
  }

  @Test
  void oigBackfill_besideOtherTablesWithLegacyFrames_importsThemOnceInOrder() throws Exception {
    Path file = dir.resolve("oig.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE oig_frames(id INTEGER PRIMARY KEY, raw BLOB)"); // capture, left alone
      s.execute("INSERT INTO oig_frames VALUES (1, x'01')");
      s.execute("CREATE TABLE oig_backfill(id INTEGER PRIMARY KEY AUTOINCREMENT, device TEXT NOT NULL,"
          + " tbl TEXT, received INTEGER NOT NULL, raw BLOB NOT NULL)");
      s.execute("INSERT INTO oig_backfill(device, tbl, received, raw) VALUES ('box', 'tbl_actual', 1767225600000, x'0a0b')");
      s.execute("INSERT INTO oig_backfill(device, tbl, received, raw) VALUES ('box', NULL, 1767225601000, x'0c')");
    }
    QueueBounds bounds = new QueueBounds(10, Long.MAX_VALUE, "oig.backfill_max_frames");
    try (DurableQueue q = SqliteQueue.oigBackfill(file, bounds)) {
      assertThat(q.count("box")).isEqualTo(2);
      QueueEntry first = q.oldest("box").orElseThrow();
      assertThat(first.payload()).containsExactly(0x0a, 0x0b);
      assertThat(first.topic()).isEqualTo("tbl_actual");
      assertThat(first.createdAt()).isEqualTo(T0);
      q.remove(List.of(first.seq()));
    }
    try (DurableQueue q = SqliteQueue.oigBackfill(file, bounds)) {
      assertThat(q.stats().messages()).isEqualTo(1);
      assertThat(q.oldest("box").orElseThrow().payload()).containsExactly(0x0c);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'oig%'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("oig_frames");
      assertThat(rs.next()).isFalse();
    }
  }
}

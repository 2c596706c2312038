package io.gridwire.app.wiring;

import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueBounds;
import io.gridwire.core.port.capture.CaptureStore;
import io.gridwire.oig.proxy.OigConfig;
import io.gridwire.store.capture.SqliteCaptureStore;
import io.gridwire.store.queue.SqliteQueue;
import io.gridwire.uplink.influx.InfluxSettings;
import io.gridwire.uplink.outbox.OutboxBounds;
import io.gridwire.uplink.ws.UplinkSettings;
import java.nio.file.Path;

/**
 * Where each durable queue of the gateway (and the OIG capture) lives: SQLite files under
 * {@code node.data_dir}, opened through the store module ({@link SqliteQueue}), at the paths earlier
 * versions used.
 *
 * <pre>
 *  outbox-&lt;link&gt;.db            uplink ({@code cloud}) and InfluxDB ({@code influx}) outboxes
 *  outbox-webhook-&lt;name&gt;.db    one per webhook;  outbox-email-&lt;name&gt;.db  one per e-mail group
 *  oig.db, table backfill       the OIG backfill, beside the capture tables
 *  oig.db, tables oig_*         the OIG capture ({@link SqliteCaptureStore}, not a queue)
 * </pre>
 */
final class QueueFiles {
  private QueueFiles() {}

  static DurableQueue uplink(UplinkSettings s) {
    String keys = "uplink.outbox_max_messages, uplink.outbox_max_bytes or uplink.outbox_max_age";
    return SqliteQueue.outbox(s.outbox().file(s.name()), s.outbox().bounds().queue(keys), s.outbox().fsync());
  }

  static DurableQueue influx(InfluxSettings s) {
    String keys = "the InfluxDB outbox's bounds (fixed: no keys yet)";
    return SqliteQueue.outbox(s.outbox().file(s.name()), s.outbox().bounds().queue(keys), s.outbox().fsync());
  }

  /** The queue of one webhook ({@code webhook-<name>}) or e-mail group ({@code email-<name>}), with fsync. */
  static DurableQueue notification(Path dataDir, String link, OutboxBounds bounds) {
    return SqliteQueue.outbox(dataDir.resolve("outbox-" + link + ".db"),
        bounds.queue("notifications.queue_max_messages or notifications.queue_max_age"), true);
  }

  static DurableQueue oigBackfill(Path dataDir, OigConfig c) {
    return SqliteQueue.oigBackfill(dataDir.resolve("oig.db"),
        new QueueBounds(c.backfillMaxFrames(), Long.MAX_VALUE, "oig.backfill_max_frames"));
  }

  /** The OIG proxy's capture of frames, connections and mode transitions, beside its backfill in {@code oig.db}. */
  static CaptureStore oigCapture(Path dataDir) {
    return SqliteCaptureStore.open(dataDir.resolve("oig.db"));
  }
}

package io.gridwire.store.postgres;

import io.gridwire.store.postgres.TimescaleCatalog.Extension;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once at start and after the migrations, whether raw history becomes a TimescaleDB
 * hypertable, and logs the choice once. Idempotent: a second start finds the hypertable (or the
 * missing extension) and changes nothing.
 *
 * <pre>
 *   off ──────────────────────────────────────────────▶ plain  (an existing hypertable is kept)
 *   auto ─ installed? ─no─ available? ─no────────────▶ plain  (INFO)
 *             │yes            │yes
 *             │               └─ CREATE EXTENSION ─fails▶ plain  (WARN)
 *             ▼◀────────────────────┘ok
 *          version ≥ 2? ─no──────────────────────────▶ plain  (WARN)
 *             ▼yes
 *          already a hypertable? ─yes────────────────▶ hypertable
 *             ▼no
 *          create_hypertable(migrate_data) ─fails────▶ plain  (WARN)
 *             ▼ok
 *          hypertable
 * </pre>
 *
 * A failure to create the extension or the hypertable leaves the schema as Flyway made it, so
 * history keeps working on plain tables. Catalog queries that fail (the database itself is
 * failing) propagate.
 */
final class TimescaleSetup {
  private static final Logger log = LoggerFactory.getLogger(TimescaleSetup.class);
  static final String KEY = "storage.postgres.timescale";

  private TimescaleSetup() {}

  static HistoryLayout apply(TimescaleMode mode, TimescaleCatalog catalog) throws SQLException {
    Extension ext = catalog.installed();
    if (mode == TimescaleMode.OFF) return off(ext, catalog);
    if (ext == null) {
      if (!catalog.available()) {
        log.info("TimescaleDB is not available on this PostgreSQL server: history uses plain PostgreSQL tables");
        return HistoryLayout.plain("TimescaleDB is not available on this server");
      }
      try {
        ext = catalog.createExtension();
      } catch (SQLException e) {
        log.warn("TimescaleDB is available but CREATE EXTENSION timescaledb failed ({}): history uses plain PostgreSQL "
            + "tables; a superuser can run CREATE EXTENSION timescaledb in this database, or set {} to off", reason(e), KEY);
        return HistoryLayout.plain("TimescaleDB is available but the extension could not be created: " + reason(e));
      }
    }
    if (major(ext.version()) < 2) {
      log.warn("TimescaleDB {} is installed but Gridwire needs 2.0 or later: history uses plain PostgreSQL tables",
          ext.version());
      return HistoryLayout.plain("TimescaleDB " + ext.version() + " is older than 2.0");
    }
    if (catalog.historyIsHypertable(ext)) {
      log.info("TimescaleDB {}: history is a hypertable", ext.version());
      return HistoryLayout.hypertable("TimescaleDB " + ext.version());
    }
    return convert(ext, catalog);
  }

  private static HistoryLayout off(Extension ext, TimescaleCatalog catalog) throws SQLException {
    if (ext != null && major(ext.version()) >= 2 && catalog.historyIsHypertable(ext)) {
      log.info("{} is off, but history already is a TimescaleDB {} hypertable; it is kept as it is", KEY, ext.version());
      return HistoryLayout.hypertable("TimescaleDB " + ext.version() + "; made earlier, " + KEY + " off does not undo it");
    }
    log.info("{} is off: history uses plain PostgreSQL tables", KEY);
    return HistoryLayout.plain(KEY + " is off");
  }

  private static HistoryLayout convert(Extension ext, TimescaleCatalog catalog) {
    log.info("TimescaleDB {}: converting history to a hypertable (existing rows are moved into chunks; "
        + "this can take a while on a large table)", ext.version());
    try {
      catalog.convertHistory(ext);
    } catch (SQLException e) {
      log.warn("TimescaleDB {}: converting history to a hypertable failed ({}): history uses plain PostgreSQL tables",
          ext.version(), reason(e));
      return HistoryLayout.plain("converting history to a TimescaleDB hypertable failed: " + reason(e));
    }
    log.info("TimescaleDB {}: history is now a hypertable", ext.version());
    return HistoryLayout.hypertable("TimescaleDB " + ext.version() + "; converted at this start");
  }

  /** Leading number of a version such as {@code 2.14.2} or {@code 2.13.0-dev}; 0 when unreadable. */
  static int major(String version) {
    return part(version, 0);
  }

  /** Second number of a version; 0 when absent or unreadable. */
  static int minor(String version) {
    return part(version, 1);
  }

  private static int part(String version, int index) {
    if (version == null) return 0;
    String[] parts = version.split("\\.");
    if (parts.length <= index) return 0;
    String digits = parts[index].replaceFirst("^(\\d*).*$", "$1");
    return digits.isEmpty() || digits.length() > 9 ? 0 : Integer.parseInt(digits);
  }

  private static String reason(SQLException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    return e.getSQLState() == null ? m : m + " [SQLState " + e.getSQLState() + "]";
  }
}

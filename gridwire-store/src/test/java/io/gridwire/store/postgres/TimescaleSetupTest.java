package io.gridwire.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gridwire.store.postgres.TimescaleCatalog.Extension;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The TimescaleDB decision against a scripted catalog: every branch, without the extension. */
class TimescaleSetupTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(TimescaleSetup.class);

  private Level levelBefore;

  @BeforeEach
  void captureLogs() {
    levelBefore = logger.getLevel();
    logger.setLevel(Level.INFO); // the build may run with a quieter root level
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
    logger.setLevel(levelBefore);
  }

  @Test
  void auto_extensionNotAvailable_plainTablesLoggedOnceAtInfo() throws Exception {
    FakeCatalog db = new FakeCatalog();

    HistoryLayout layout = TimescaleSetup.apply(TimescaleMode.AUTO, db);

    assertThat(layout).isEqualTo(new HistoryLayout(false, "TimescaleDB is not available on this server"));
    assertThat(db.actions).isEmpty();
    assertThat(logs.list).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.INFO);
      assertThat(e.getFormattedMessage()).contains("not available").contains("plain PostgreSQL tables");
    });
  }

  @Test
  void auto_availableNotInstalled_createsExtensionThenConvertsHistory() throws Exception {
    FakeCatalog db = new FakeCatalog();
    db.available = true;
    db.versionOnCreate = "2.14.2";

    HistoryLayout layout = TimescaleSetup.apply(TimescaleMode.AUTO, db);

    assertThat(layout.hypertable()).isTrue();
    assertThat(layout.reason()).isEqualTo("TimescaleDB 2.14.2; converted at this start");
    assertThat(db.actions).containsExactly("create extension", "convert history");
    assertThat(db.hypertable).isTrue();
  }

  @Test
  void auto_installedByDba_convertsWithoutCreatingTheExtension() throws Exception {
    FakeCatalog db = new FakeCatalog();
    db.installed = new Extension("public", "2.11.0");

    HistoryLayout layout = TimescaleSetup.apply(TimescaleMode.AUTO, db);

    assertThat(layout.hypertable()).isTrue();
    assertThat(db.actions).containsExactly("convert history");
  }

  @Test
  void auto_secondStart_findsHypertableAndChangesNothing() throws Exception {
    FakeCatalog db = new FakeCatalog();
    db.available = true;
    db.versionOnCreate = "2.14.2";
    TimescaleSetup.apply(TimescaleMode.AUTO, db);
    db.actions.clear();

    HistoryLayout again = TimescaleSetup.apply(TimescaleMode.AUTO, db);

    assertThat(again).isEqualTo(new HistoryLayout(true, "TimescaleDB 2.14.2"));
    assertThat(db.actions).isEmpty();
  }

  @Test
  void auto_createExtensionRefused_warnsAndKeepsPlainTables() throws Exception {
    FakeCatalog db = new FakeCatalog();
    db.available = true;
    db.createFailure = new SQLException("ERROR: permission denied to create extension \"timescaledb\"\n  Hint: Must be "
        + "superuser to create this extension.", "42501");

    HistoryLayout layout = TimescaleSetup.apply(TimescaleMode.AUTO, db);

    assertThat(layout.hypertable()).isFalse();
    assertThat(layout.reason())
        .isEqualTo("TimescaleDB is available but the extension could not be created: ERROR: permission denied to "
            + "create extension \"timescaledb\" [SQLState 42501]");
    assertThat(db.actions).containsExactly("create extension");
    assertThat(logs.list).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).contains("permission denied").contains("storage.postgres.timescale");
    });
  }

  @Test
  void auto_conversionFails_warnsAndKeepsPlainTables() throws Exception {
    FakeCatalog db = new FakeCatalog();
    db.installed = new Extension("public", "2.14.2");
    db.convertFailure = new SQLException("ERROR: must be owner of table history", "42501");

    HistoryLayout layout = TimescaleSetup.apply(TimescaleMode.AUTO, db);

    assertThat(layout.hypertable()).isFalse();
    assertThat(layout.reason()).contains("converting history").contains("must be owner");
    assertThat(db.hypertable).isFalse();
    assertThat(logs.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.WARN);
  }

  @Test
  void auto_extensionOlderThan2_plainTablesWithoutConverting() throws Exception {
    FakeCatalog db = new FakeCatalog();
    db.installed = new Extension("public", "1.7.5");

    HistoryLayout layout = TimescaleSetup.apply(TimescaleMode.AUTO, db);

    assertThat(layout).isEqualTo(new HistoryLayout(false, "TimescaleDB 1.7.5 is older than 2.0"));
    assertThat(db.actions).isEmpty();
  }

  @Test
  void off_extensionAvailable_neverTouchesIt() throws Exception {
    FakeCatalog db = new FakeCatalog();
    db.available = true;

    HistoryLayout layout = TimescaleSetup.apply(TimescaleMode.OFF, db);

    assertThat(layout).isEqualTo(new HistoryLayout(false, "storage.postgres.timescale is off"));
    assertThat(db.actions).isEmpty();
  }

  @Test
  void off_historyAlreadyHypertable_reportedAsItIs() throws Exception {
    FakeCatalog db = new FakeCatalog();
    db.installed = new Extension("public", "2.14.2");
    db.hypertable = true;

    HistoryLayout layout = TimescaleSetup.apply(TimescaleMode.OFF, db);

    assertThat(layout.hypertable()).isTrue();
    assertThat(layout.reason()).contains("off does not undo it");
    assertThat(db.actions).isEmpty();
  }

  @Test
  void catalogQueryFails_propagates() {
    FakeCatalog db = new FakeCatalog();
    db.queryFailure = new SQLException("connection reset", "08006");

    assertThatThrownBy(() -> TimescaleSetup.apply(TimescaleMode.AUTO, db)).isSameAs(db.queryFailure);
  }

  @Test
  void version_partsOfDevAndShortVersions() {
    assertThat(TimescaleSetup.major("2.13.0-dev")).isEqualTo(2);
    assertThat(TimescaleSetup.minor("2.13.0-dev")).isEqualTo(13);
    assertThat(TimescaleSetup.minor("3")).isZero();
    assertThat(TimescaleSetup.major("x.y")).isZero();
    assertThat(TimescaleSetup.major(null)).isZero();
  }

  @Test
  void mode_parse_acceptsAutoAndOffOnly() {
    assertThat(TimescaleMode.parse("k", null)).isEqualTo(TimescaleMode.AUTO);
    assertThat(TimescaleMode.parse("k", " OFF ")).isEqualTo(TimescaleMode.OFF);
    assertThatThrownBy(() -> TimescaleMode.parse("storage.postgres.timescale", "on"))
        .hasMessage("storage.postgres.timescale must be auto or off: on");
  }

  /** A database whose TimescaleDB state the test scripts; records the actions taken on it. */
  private static final class FakeCatalog implements TimescaleCatalog {
    boolean available;
    Extension installed;
    String versionOnCreate;
    boolean hypertable;
    SQLException createFailure;
    SQLException convertFailure;
    SQLException queryFailure;
    final List<String> actions = new ArrayList<>();

    @Override
    public Extension installed() throws SQLException {
      if (queryFailure != null) throw queryFailure;
      return installed;
    }

    @Override
    public boolean available() {
      return available || installed != null;
    }

    @Override
    public Extension createExtension() throws SQLException {
      actions.add("create extension");
      if (createFailure != null) throw createFailure;
      installed = new Extension("public", versionOnCreate);
      return installed;
    }

    @Override
    public boolean historyIsHypertable(Extension ext) {
      return hypertable;
    }

    @Override
    public void convertHistory(Extension ext) throws SQLException {
      actions.add("convert history");
      if (convertFailure != null) throw convertFailure;
      hypertable = true;
    }
  }
}

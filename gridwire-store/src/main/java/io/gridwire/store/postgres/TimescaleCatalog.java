package io.gridwire.store.postgres;

import java.sql.SQLException;

/**
 * What {@link TimescaleSetup} asks of the database, one question or action per method, so the
 * decision can be tested without the extension. Blocking; one caller at a time.
 */
interface TimescaleCatalog {

  /**
   * The extension as installed in this database.
   *
   * @param schema schema holding its functions ({@code create_hypertable} and friends)
   * @param version {@code extversion}, e.g. {@code 2.14.2}
   */
  record Extension(String schema, String version) {}

  /** The extension installed in this database ({@code pg_extension}), or null. */
  Extension installed() throws SQLException;

  /** Whether the server could install it ({@code pg_available_extensions}). */
  boolean available() throws SQLException;

  /** Installs the extension; throws when not permitted or not loadable. */
  Extension createExtension() throws SQLException;

  /** Whether the raw history table already is a hypertable. */
  boolean historyIsHypertable(Extension ext) throws SQLException;

  /** Turns the raw history table into a hypertable, moving existing rows into chunks. */
  void convertHistory(Extension ext) throws SQLException;
}

package io.gridwire.app.config;

/** PostgreSQL connection, used when {@code storage.kind} is {@code postgres}. */
public record PostgresConfig(
    @Doc("JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/gridwire.") String url,
    @Doc("Database user.") String user,
    @Doc("Database password (prefer env GRIDWIRE_STORAGE_POSTGRES_PASSWORD).") String password,
    @Doc("Schema holding Gridwire's tables (created when missing).") String schema) {

  public static PostgresConfig defaults() {
    return new PostgresConfig("jdbc:postgresql://127.0.0.1:5432/gridwire", "gridwire", null, "gridwire");
  }

  @Override
  public String toString() {
    return "PostgresConfig[url=" + url + ", user=" + user + ", password=" + (password == null ? "unset" : "***")
        + ", schema=" + schema + "]";
  }
}

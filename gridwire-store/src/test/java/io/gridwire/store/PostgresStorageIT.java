package io.gridwire.store;

import io.gridwire.testkit.RealServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The storage contract against the machine's real PostgreSQL, one fresh schema per test. */
class PostgresStorageIT extends StorageContract {
  private final TestSchema schema = new TestSchema();

  @BeforeEach
  void requirePostgres() {
    RealServices.require("PostgreSQL", RealServices.POSTGRES);
  }

  @AfterEach
  void dropSchema() throws Exception {
    schema.drop();
  }

  @Override
  protected StoreSettings config() {
    return schema.config();
  }

  @Override
  protected void sql(String statement) throws Exception {
    schema.sql(statement);
  }
}

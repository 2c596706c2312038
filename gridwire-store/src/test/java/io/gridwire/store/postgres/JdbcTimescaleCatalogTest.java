package io.gridwire.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.store.postgres.TimescaleCatalog.Extension;
import org.junit.jupiter.api.Test;

class JdbcTimescaleCatalogTest {
  @Test
  void createHypertableSql_from213_usesDimensionApi() {
    assertThat(JdbcTimescaleCatalog.createHypertableSql("gridwire", new Extension("public", "2.13.0")))
        .isEqualTo("SELECT \"public\".create_hypertable('\"gridwire\".history'::regclass, "
            + "\"public\".by_range('ts', 86400000::bigint), create_default_indexes => false, "
            + "if_not_exists => true, migrate_data => true)");
  }

  @Test
  void createHypertableSql_before213_usesTimeColumnSignature() {
    assertThat(JdbcTimescaleCatalog.createHypertableSql("gridwire", new Extension("ts", "2.12.2")))
        .isEqualTo("SELECT \"ts\".create_hypertable('\"gridwire\".history'::regclass, "
            + "'ts', chunk_time_interval => 86400000::bigint, create_default_indexes => false, "
            + "if_not_exists => true, migrate_data => true)");
  }

  @Test
  void ident_quotesAndDoublesQuotes() {
    assertThat(JdbcTimescaleCatalog.ident("My\"Schema")).isEqualTo("\"My\"\"Schema\"");
  }
}

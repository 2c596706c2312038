package io.gridwire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.core.port.Retention;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {
  @Test
  void sqlite_defaults_documentedValues() {
    StoreSettings c = StoreSettings.sqlite(Path.of("data"));
    assertThat(c.kind()).isEqualTo("sqlite");
    assertThat(c.sqliteFile()).isEqualTo(Path.of("data", "gridwire.db"));
    assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.flushMaxValues()).isEqualTo(10_000);
    assertThat(c.maintenanceInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.deviceSyncInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.retention()).isEqualTo(Retention.defaults());
  }

  @Test
  void kind_unknown_rejectedWithKeyPath() {
    assertThatThrownBy(() -> new StoreSettings("mysql", null, null, null, null, null, null, 1, 16, null, null, null, false, null))
        .hasMessageContaining("store.kind").hasMessageContaining("mysql");
  }

  @Test
  void postgres_withoutUrl_rejectedWithKeyPath() {
    assertThatThrownBy(() -> StoreSettings.postgres(null, "u", null, "s")).hasMessageContaining("store.jdbc-url");
  }

  @Test
  void schema_notAnIdentifier_rejected() {
    assertThatThrownBy(() -> StoreSettings.postgres("jdbc:postgresql://h/db", "u", null, "x; drop"))
        .hasMessageContaining("store.schema");
  }

  @Test
  void flushInterval_outOfRange_rejectedWithKeyPath() {
    assertThatThrownBy(() -> StoreSettings.sqlite(Path.of("d")).withFlush(Duration.ofMillis(1), 10))
        .hasMessageContaining("store.flush-interval");
    assertThatThrownBy(() -> StoreSettings.sqlite(Path.of("d")).withFlush(Duration.ofSeconds(1), 0))
        .hasMessageContaining("store.flush-max-values");
  }

  @Test
  void toString_password_masked() {
    assertThat(StoreSettings.postgres("jdbc:postgresql://h/db", "u", "secret", "s").toString())
        .doesNotContain("secret").contains("password=***");
  }
}

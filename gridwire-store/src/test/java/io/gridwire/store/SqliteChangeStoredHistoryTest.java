package io.gridwire.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteChangeStoredHistoryTest extends ChangeStoredHistoryContract {
  @TempDir Path dir;

  @Override
  protected StoreSettings config() {
    return StoreSettings.sqlite(dir);
  }
}

package io.healguard.engine.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: a SQLite file under a temporary data directory. */
class SqliteStateStoreTest extends StateStoreContractTest {
  @TempDir Path data;

  @Override
  StateStore open() {
    return LocalStateStore.sqlite(data, SyncMode.FULL);
  }
}

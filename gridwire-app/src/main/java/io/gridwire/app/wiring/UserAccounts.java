package io.gridwire.app.wiring;

import io.gridwire.app.config.GridwireConfig;
import io.gridwire.store.Storage;
import io.gridwire.web.auth.PasswordHasher;
import io.gridwire.web.auth.UserAdmin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;

/** The configured user store without the rest of the gateway, for {@code gridwire users}. */
public final class UserAccounts implements AutoCloseable {
  private final Storage storage;
  private final UserAdmin admin;

  private UserAccounts(Storage storage, UserAdmin admin) {
    this.storage = storage;
    this.admin = admin;
  }

  public static UserAccounts open(GridwireConfig config) {
    Storage storage = Storage.open(config.storage().settings(java.nio.file.Path.of(config.node().dataDir())), Clock.systemUTC(), new SimpleMeterRegistry());
    return new UserAccounts(storage, userAdmin(storage, config, Clock.systemUTC()));
  }

  static UserAdmin userAdmin(Storage storage, GridwireConfig config, Clock clock) {
    return new UserAdmin(storage.users(), new PasswordHasher(config.auth().bcryptCost()), clock);
  }

  public UserAdmin admin() {
    return admin;
  }

  @Override
  public void close() {
    storage.close();
  }
}

package io.gridwire.app.wiring;

import io.gridwire.app.config.GridwireConfig;

/** What the adapters take that is no key of their own section. */
final class ConfigMapping {
  private ConfigMapping() {}

  /** The web server's settings that are no {@code http} key: the bcrypt cost of {@code auth}. */
  static io.gridwire.web.WebRuntime web(GridwireConfig c) {
    return io.gridwire.web.WebRuntime.DEFAULT.withBcryptCost(c.auth().bcryptCost());
  }
}

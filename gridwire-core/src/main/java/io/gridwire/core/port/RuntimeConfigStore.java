package io.gridwire.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Devices and register profiles added through the API (not from the configuration file), kept so
 * they come back after a restart. The store keeps their configuration as text; the connector that
 * owns them parses and validates it. Thread-safe; blocking.
 */
public interface RuntimeConfigStore {

  /**
   * A device added at runtime.
   *
   * @param id device id (unique across connectors)
   * @param connector the connector that polls it, e.g. {@code modbus}
   * @param node the fleet node that owns it (only that node starts it)
   * @param config its configuration as a JSON object with the configuration file's keys
   * @param updatedAt when it was last created or changed
   * @param updatedBy who did it (user e-mail)
   */
  record StoredDevice(String id, String connector, String node, String config, Instant updatedAt, String updatedBy) {
    public StoredDevice {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(connector, "connector");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(updatedAt, "updatedAt");
    }
  }

  /**
   * A user register profile added at runtime.
   *
   * @param name profile name (unique)
   * @param text the profile as submitted (YAML or JSON)
   * @param createdAt when it was added
   * @param createdBy who added it (user e-mail)
   */
  record StoredProfile(String name, String text, Instant createdAt, String createdBy) {
    public StoredProfile {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(createdAt, "createdAt");
    }
  }

  /** Inserts or replaces a device. */
  void saveDevice(StoredDevice device);

  /** Deletes a device; false when there was none with this id. */
  boolean deleteDevice(String id);

  /** The runtime devices a node owns, by id. */
  List<StoredDevice> devices(String node);

  /** Inserts or replaces a profile. */
  void saveProfile(StoredProfile profile);

  /** Every runtime profile, by name. */
  List<StoredProfile> profiles();
}

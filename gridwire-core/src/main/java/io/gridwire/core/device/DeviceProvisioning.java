package io.gridwire.core.device;

import io.gridwire.core.api.ApiException;

/**
 * Adds, changes and removes a connector's devices while the gateway runs ({@code POST/PUT/DELETE
 * /api/devices}), without touching any other connection. The connector validates the request like
 * its configuration file, persists it, and starts or stops the device. Thread-safe; blocking.
 */
public interface DeviceProvisioning {

  /** The connector whose devices this provisions. */
  Source source();

  /**
   * @param body the device's configuration as a JSON object with the configuration file's keys
   * @param user who asks (for the record)
   * @return the device as registered
   * @throws ApiException 400 naming the key of every invalid value, 409 when the id is taken
   */
  Device create(String body, String user);

  /**
   * Replaces a runtime device's configuration (the whole object; {@code id} may be omitted).
   *
   * @throws ApiException 404 unknown, 409 when it comes from the configuration file, 400 invalid
   */
  Device update(String id, String body, String user);

  /**
   * Stops and forgets a runtime device; its history and events stay.
   *
   * @throws ApiException 404 unknown, 409 when it comes from the configuration file
   */
  void remove(String id, String user);
}

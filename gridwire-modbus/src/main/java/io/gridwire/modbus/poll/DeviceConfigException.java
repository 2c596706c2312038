package io.gridwire.modbus.poll;

/**
 * One invalid key of a Modbus device's configuration: the key as the configuration file spells it
 * ({@code unit_id}) and what is wrong, so the file ({@code modbus.devices[2].unit_id}) and the API
 * ({@code unit_id}) report the same error under their own path.
 */
public final class DeviceConfigException extends IllegalArgumentException {
  private final String key;
  private final String problem;

  /**
   * @param deviceId the device's id, or null when it has none
   * @param key the key, in snake case, e.g. {@code unit_id}
   * @param problem what is wrong, e.g. {@code out of range 0..247: 300}
   */
  public DeviceConfigException(String deviceId, String key, String problem) {
    super("modbus.devices[" + (deviceId == null ? "" : deviceId) + "]." + key + " " + problem);
    this.key = key;
    this.problem = problem;
  }

  public String key() {
    return key;
  }

  public String problem() {
    return problem;
  }
}

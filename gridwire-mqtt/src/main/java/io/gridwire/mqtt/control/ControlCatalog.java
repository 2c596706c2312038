package io.gridwire.mqtt.control;

import io.gridwire.core.device.Device;
import java.util.List;

/**
 * Which Home Assistant controls a device has (the app knows: an OIG box's mode from the setting
 * whitelist, a genset's named commands from its profile). Must be quick and thread-safe.
 */
@FunctionalInterface
public interface ControlCatalog {
  List<ControlEntity> controls(Device device);

  ControlCatalog NONE = d -> List.of();
}

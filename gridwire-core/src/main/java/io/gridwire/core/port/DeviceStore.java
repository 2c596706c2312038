package io.gridwire.core.port;

import io.gridwire.core.device.Device;
import java.util.List;

/** Durable device registry. Thread-safe; blocking. */
public interface DeviceStore {
  void upsert(List<Device> devices);

  void delete(List<String> ids);

  List<Device> loadAll();
}

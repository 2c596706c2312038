package io.gridwire.testkit.store;

import io.gridwire.core.device.Device;
import io.gridwire.core.port.DeviceStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** {@link DeviceStore} in memory, for tests. Thread-safe. */
public final class InMemoryDeviceStore implements DeviceStore {
  private final ConcurrentHashMap<String, Device> devices = new ConcurrentHashMap<>();

  @Override
  public void upsert(List<Device> list) {
    for (Device d : list) devices.put(d.id(), d);
  }

  @Override
  public void delete(List<String> ids) {
    for (String id : ids) devices.remove(id);
  }

  @Override
  public List<Device> loadAll() {
    List<Device> out = new ArrayList<>(devices.values());
    out.sort(Comparator.comparing(Device::id));
    return out;
  }
}

package io.gridwire.core.port;

import io.gridwire.core.admission.PendingDevice;
import java.util.List;

/**
 * Durable pending and rejected device ids ({@link io.gridwire.core.admission.DeviceAdmission}).
 * Approved devices are not kept here: they are in the device registry. Thread-safe; blocking.
 */
public interface AdmissionStore {
  void save(PendingDevice device);

  void delete(String id);

  List<PendingDevice> loadAll();
}

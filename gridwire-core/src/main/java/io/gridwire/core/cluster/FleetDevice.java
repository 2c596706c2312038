package io.gridwire.core.cluster;

import io.gridwire.core.device.Device;
import java.util.Objects;

/**
 * A device as the fleet lists it: how its owning node last described it, and whether that node is
 * alive (its liveness key in the shared store has not expired).
 *
 * @param device the device as its node shared it (presence as that node last saw it)
 * @param node the id of the node that owns (polls or holds) the device
 * @param nodeAlive whether that node refreshed its liveness within the node TTL
 */
public record FleetDevice(Device device, String node, boolean nodeAlive) {
  public FleetDevice {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(node, "node");
  }

  /**
   * The device as listed: offline with a reason when its node is gone, whatever it last said.
   */
  public Device listed() {
    if (nodeAlive) return device;
    return device.withPresence(false, device.lastSeen(), "node " + node + " is not alive (no liveness refresh in the shared store)");
  }
}

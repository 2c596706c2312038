package io.gridwire.web.json;

import io.gridwire.core.device.Device;
import java.time.Instant;
import java.util.Map;

/**
 * A device as the API shows it (SPEC §2), snake_case on the wire.
 *
 * @param node the fleet node that owns the device (polls it or holds its connection); null on a
 *     gateway without a fleet
 */
public record DeviceJson(String id, String site, String kind, String source, String model, String serialNumber,
    String name, boolean online, Instant lastSeen, String error, Map<String, String> attributes, String node) {

  public static DeviceJson of(Device d) {
    return of(d, null);
  }

  public static DeviceJson of(Device d, String node) {
    return new DeviceJson(d.id(), d.site(), d.kind(), d.source().wireName(), d.model(), d.serialNumber(), d.name(),
        d.online(), d.lastSeen(), d.error(), d.attributes(), node);
  }
}

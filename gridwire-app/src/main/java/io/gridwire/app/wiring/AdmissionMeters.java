package io.gridwire.app.wiring;

import io.gridwire.core.admission.AdmissionCounts;
import io.gridwire.core.admission.DeviceAdmission;
import io.gridwire.core.admission.RefusalReason;
import io.gridwire.core.device.Source;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Device admission in Micrometer, read from {@link DeviceAdmission}'s own counts:
 *
 * <pre>
 *  gridwire.admission.admitted{source}          new devices admitted
 *  gridwire.admission.held{source}              new ids held pending
 *  gridwire.admission.refused{source,reason}    ids refused (invalid_id, not_listed, rejected, device_limit, rate_limit, id_conflict)
 *  gridwire.admission.pending{source}           gauge: ids waiting for an admin now
 * </pre>
 *
 * Sources are those with admission: oig, mqtt, ws. Removed from the registry on close.
 */
final class AdmissionMeters implements AutoCloseable {
  private static final Source[] SOURCES = {Source.OIG, Source.MQTT, Source.WS};
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();

  AdmissionMeters(DeviceAdmission admission, MeterRegistry registry) {
    this.registry = registry;
    for (Source s : SOURCES) {
      String src = s.wireName();
      meters.add(FunctionCounter.builder("gridwire.admission.admitted", admission, a -> a.counts(s).admitted())
          .tag("source", src).description("New devices admitted").register(registry));
      meters.add(FunctionCounter.builder("gridwire.admission.held", admission, a -> a.counts(s).heldPending())
          .tag("source", src).description("New device ids held pending an admin's approval").register(registry));
      meters.add(Gauge.builder("gridwire.admission.pending", admission, a -> a.counts(s).pending())
          .tag("source", src).description("Device ids waiting for an admin's approval").register(registry));
      for (RefusalReason r : RefusalReason.values()) {
        meters.add(FunctionCounter.builder("gridwire.admission.refused", admission, a -> refused(a.counts(s), r))
            .tags("source", src, "reason", r.wireName()).description("Device ids refused, by reason").register(registry));
      }
    }
  }

  private static double refused(AdmissionCounts c, RefusalReason r) {
    return c.refused().getOrDefault(r.wireName(), 0L);
  }

  @Override
  public void close() {
    for (Meter m : meters) registry.remove(m);
  }
}

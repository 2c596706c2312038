package io.gridwire.modbus.poll;

import io.gridwire.modbus.profile.Profile;
import java.util.List;

/** A profile as the API lists it. */
public record ProfileSummary(String name, String label, String kind, String origin, int metrics, List<BlockSummary> blocks) {
  public record BlockSummary(String name, int function, int start, int count, String group) {}

  public static ProfileSummary of(Profile p) {
    return new ProfileSummary(p.name(), p.label(), p.kind(), p.origin(), p.metricInfos().size(), p.blocks().stream()
        .map(b -> new BlockSummary(b.name(), b.function(), b.start(), b.count(), b.group().name().toLowerCase())).toList());
  }
}

package io.gridwire.core.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricCatalogSharingTest {
  private static final List<MetricInfo> PROFILE = List.of(new MetricInfo("gen_uab", "Generator UAB", "V", "voltage", "measurement"),
      new MetricInfo("gen_freq", "Generator frequency", "Hz", "frequency", "measurement"));

  @Test
  void devicesOfOneProfile_shareOneTable_andAnotherListGetsItsOwn() {
    MetricCatalog catalog = new MetricCatalog();
    catalog.declare("gen-1", PROFILE);
    catalog.declare("gen-2", PROFILE);
    catalog.declare("gen-3", List.copyOf(PROFILE)); // equal content: shared too

    assertThat(catalog.metrics("gen-2")).isSameAs(catalog.metrics("gen-1")).isSameAs(catalog.metrics("gen-3"));
    assertThat(catalog.metrics("gen-1")).containsOnlyKeys("gen_uab", "gen_freq");

    catalog.declare("meter-1", List.of(new MetricInfo("power", "Power", "kW", "power", "measurement")));
    assertThat(catalog.metrics("meter-1")).containsOnlyKeys("power");
    assertThat(catalog.metrics("gen-1")).containsOnlyKeys("gen_uab", "gen_freq");

    catalog.add("gen-1", new MetricInfo("extra", "Extra", null, null, null)); // a device's own addition
    assertThat(catalog.metrics("gen-1")).containsKey("extra");
    assertThat(catalog.metrics("gen-2")).doesNotContainKey("extra");

    List<MetricInfo> mutable = new ArrayList<>(PROFILE);
    catalog.declare("gen-4", (Iterable<MetricInfo>) mutable::iterator); // not a list: its own table
    assertThat(catalog.metrics("gen-4")).isNotSameAs(catalog.metrics("gen-2")).containsOnlyKeys("gen_uab", "gen_freq");
  }
}

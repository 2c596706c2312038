package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.mqtt.control.ControlEntity;
import io.gridwire.oig.setting.SettingItem;
import io.gridwire.oig.setting.SettingWhitelist;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** An OIG box's Home Assistant controls come from the setting whitelist: nothing invented. */
class HaControlCatalogTest {
  private final List<ControlEntity> box = new HaControlCatalog(() -> null)
      .controls(Device.of("2206237016", "home", "oig_box", Source.OIG));

  private Map<String, ControlEntity> by(String component) {
    return box.stream().filter(e -> e.component().equals(component))
        .collect(Collectors.toMap(ControlEntity::target, e -> e));
  }

  @Test
  void numbers_areTheWhitelistsNumericItems_withItsBoundsAndUnits() {
    Map<String, ControlEntity> numbers = by(ControlEntity.NUMBER);
    assertThat(numbers).containsKeys("tbl_box_prms/BAT_AC", "tbl_batt_prms/BAT_MIN", "tbl_batt_prms/BAT_GL_MIN",
        "tbl_batt_prms/BAT_AG_MIN", "tbl_boiler_prms/P_SET", "tbl_boiler_prms/PRRTY", "tbl_boiler_prms/ZONE1_S");
    for (ControlEntity n : numbers.values()) {
      SettingItem item = SettingWhitelist.standard().require(n.target());
      assertThat(n.bounds()).as(n.target()).isEqualTo(new ControlEntity.Bounds(item.min(), item.max(), item.step(), item.unit()));
      assertThat(item.labels()).isEmpty();
      assertThat(item.min() == 0 && item.max() == 1).as(n.target() + " is a flag, not a number").isFalse();
    }
    assertThat(numbers.get("tbl_batt_prms/BAT_MIN").bounds()).isEqualTo(new ControlEntity.Bounds(20, 100, 1, "%"));
    assertThat(numbers.get("tbl_batt_prms/BAT_MIN").stateMetric()).isEqualTo("batt_prms_bat_min");
    assertThat(numbers.get("tbl_boiler_prms/P_SET").bounds()).isEqualTo(new ControlEntity.Bounds(0, 10_000, 100, "W"));
    assertThat(numbers).doesNotContainKey("tbl_invertor_prm1/P_MAX_FEED_GRID").doesNotContainKey("tbl_box_prms/MODE");
  }

  @Test
  void switches_areTheBoilerFlags_selectIsTheMode() {
    assertThat(by(ControlEntity.SWITCH)).containsOnlyKeys("tbl_boiler_prms/ISON", "tbl_boiler_prms/MANUAL");
    assertThat(by(ControlEntity.SWITCH).get("tbl_boiler_prms/MANUAL").stateMetric()).isEqualTo("boiler_prms_manual");
    assertThat(by(ControlEntity.SELECT)).containsOnlyKeys("tbl_box_prms/MODE");
    assertThat(by(ControlEntity.SELECT).get("tbl_box_prms/MODE").options()).containsEntry("3", "Home UPS").hasSize(6);
    assertThat(box).extracting(ControlEntity::item).doesNotHaveDuplicates();
  }

  @Test
  void otherDevices_withoutModbus_haveNoControls() {
    assertThat(new HaControlCatalog(() -> null).controls(Device.of("gen-1", "north", "generator", Source.MODBUS))).isEmpty();
  }
}

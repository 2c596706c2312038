package io.gridwire.oig.setting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.core.command.CommandRefused;
import org.junit.jupiter.api.Test;

class SettingWhitelistTest {
  private final SettingWhitelist whitelist = SettingWhitelist.standard();

  @Test
  void mode_labelOrNumber_normalisedToNumber() {
    SettingItem mode = whitelist.require("tbl_box_prms/MODE");
    assertThat(mode.normalise("Home UPS")).isEqualTo("3");
    assertThat(mode.normalise("3")).isEqualTo("3");
    assertThat(mode.normalise("3.0")).isEqualTo("3");
  }

  @Test
  void mode_outOfRange_refusedNamingItemRangeAndSource() {
    assertThatThrownBy(() -> whitelist.require("tbl_box_prms/MODE").normalise("6"))
        .isInstanceOfSatisfying(CommandRefused.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("tbl_box_prms/MODE")
        .hasMessageContaining("0..5 (0 = Home 1, 1 = Home 2, 2 = Home 3, 3 = Home UPS, 4 = Home 5, 5 = Home 6)")
        .hasMessageContaining("settings_constraints.py");
  }

  @Test
  void batMin_belowTwenty_refused() {
    assertThatThrownBy(() -> whitelist.require("tbl_batt_prms/BAT_MIN").normalise("19"))
        .hasMessageContaining("allowed 20..100 %");
    assertThat(whitelist.require("tbl_batt_prms/BAT_MIN").normalise("20")).isEqualTo("20");
  }

  @Test
  void boilerPower_offStep_refused() {
    SettingItem p = whitelist.require("tbl_boiler_prms/P_SET");
    assertThat(p.normalise("2500")).isEqualTo("2500");
    assertThatThrownBy(() -> p.normalise("2550")).hasMessageContaining("0..10000 step 100 W");
  }

  @Test
  void zone_secondsOfDay_stepSixty() {
    SettingItem z = whitelist.require("tbl_boiler_prms/ZONE1_S");
    assertThat(z.normalise("3600")).isEqualTo("3600");
    assertThatThrownBy(() -> z.normalise("86400")).hasMessageContaining("0..86399 step 60 s");
  }

  @Test
  void flag_trueFalse_oneZero() {
    SettingItem f = whitelist.require("tbl_boiler_prms/ISON");
    assertThat(f.normalise("true")).isEqualTo("1");
    assertThat(f.normalise("0")).isEqualTo("0");
    assertThatThrownBy(() -> f.normalise("2")).hasMessageContaining("allowed 0 or 1");
  }

  @Test
  void value_notANumber_refused() {
    assertThatThrownBy(() -> whitelist.require("tbl_box_prms/BAT_AC").normalise("<Frame>"))
        .hasMessageContaining("is not a whole number");
  }

  @Test
  void require_unknownItem_refusedListingSettable() {
    assertThatThrownBy(() -> whitelist.require("tbl_box_prms/IP")).hasMessageContaining("is not a settable OIG item")
        .hasMessageContaining("tbl_box_prms/MODE");
  }

  @Test
  void require_gridExportLimit_notSettableWithoutDocumentedBounds() {
    assertThat(whitelist.find("tbl_invertor_prm1/P_MAX_FEED_GRID")).isEmpty();
  }
}

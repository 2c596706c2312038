package io.gridwire.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceIdRuleTest {

  @Test
  void problem_realIds_none() {
    for (String id : new String[] {"2206237016", "DL-0001", "gen-1", "ws-demo-1", "site.a:unit_7", "A".repeat(64)}) {
      assertThat(DeviceIdRule.problem(id)).as(id).isNull();
    }
  }

  @Test
  void problem_hostileIds_named() {
    assertThat(DeviceIdRule.problem("../../etc/passwd")).contains("'/'");
    assertThat(DeviceIdRule.problem("a..b")).contains("'..'");
    assertThat(DeviceIdRule.problem("x".repeat(1525))).contains("1525 characters");
    assertThat(DeviceIdRule.problem("22062>37016")).contains("'>'");
    assertThat(DeviceIdRule.problem("2206\uFFFD")).contains("U+FFFD");
    assertThat(DeviceIdRule.problem("box\u0000")).contains("U+0000");
    assertThat(DeviceIdRule.problem("a b")).contains("U+0020");
    assertThat(DeviceIdRule.problem("a\\b")).contains("'\\'");
    assertThat(DeviceIdRule.problem("-rf")).contains("start with a letter or digit");
    assertThat(DeviceIdRule.problem("")).contains("empty");
    assertThat(DeviceIdRule.problem(null)).contains("empty");
  }

  @Test
  void problem_idsShadowedByApiRoutes_reserved() {
    assertThat(DeviceIdRule.problem("pending")).contains("reserved", "/api/devices/pending");
    assertThat(DeviceIdRule.problem("admission")).contains("reserved", "/api/devices/admission");
    assertThat(DeviceIdRule.problem("pending-1")).isNull();
  }
}

package io.gridwire.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleTest {
  @Test
  void covers_adminAboveOperatorAboveViewer() {
    assertThat(Role.ADMIN.covers(Role.OPERATOR)).isTrue();
    assertThat(Role.ADMIN.covers(Role.ADMIN)).isTrue();
    assertThat(Role.OPERATOR.covers(Role.OPERATOR)).isTrue();
    assertThat(Role.OPERATOR.covers(Role.VIEWER)).isTrue();
    assertThat(Role.OPERATOR.covers(Role.ADMIN)).isFalse();
    assertThat(Role.VIEWER.covers(Role.OPERATOR)).isFalse();
    assertThat(Role.VIEWER.covers(Role.VIEWER)).isTrue();
  }

  @Test
  void fromWire_takesTheThreeNames_refusesOthersNamingThem() {
    assertThat(Role.fromWire("Operator")).isEqualTo(Role.OPERATOR);
    assertThat(Role.OPERATOR.wireName()).isEqualTo("operator");
    assertThatThrownBy(() -> Role.fromWire("root")).hasMessageContaining("admin, operator or viewer");
  }
}

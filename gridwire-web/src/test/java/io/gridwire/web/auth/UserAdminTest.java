package io.gridwire.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.core.user.Role;
import io.gridwire.core.user.User;
import io.gridwire.testkit.ManualClock;
import io.gridwire.testkit.store.InMemoryUserStore;
import org.junit.jupiter.api.Test;

class UserAdminTest {
  final InMemoryUserStore store = new InMemoryUserStore();
  final PasswordHasher hasher = new PasswordHasher(4);
  final UserAdmin admin = new UserAdmin(store, hasher, ManualClock.at("2025-01-01T00:00:00Z"));

  @Test
  void ensureFirstAdmin_noUsersNoConfig_generatesRandomPasswordOnce() {
    FirstAdmin first = admin.ensureFirstAdmin(null, null);
    assertThat(first).isInstanceOf(FirstAdmin.Generated.class);
    FirstAdmin.Generated g = (FirstAdmin.Generated) first;
    assertThat(g.email()).isEqualTo(UserAdmin.DEFAULT_ADMIN_EMAIL);
    assertThat(g.password()).hasSizeGreaterThanOrEqualTo(20);
    User u = store.findByEmail(g.email()).orElseThrow();
    assertThat(u.role()).isEqualTo(Role.ADMIN);
    assertThat(u.passwordHash()).doesNotContain(g.password()).startsWith("$2");
    assertThat(hasher.verify(g.password(), u.passwordHash())).isTrue();
    assertThat(admin.ensureFirstAdmin(null, null)).isInstanceOf(FirstAdmin.Existing.class);
  }

  @Test
  void ensureFirstAdmin_twoRuns_differentPasswords() {
    var other = new UserAdmin(new InMemoryUserStore(), hasher, ManualClock.at("2025-01-01T00:00:00Z"));
    var a = (FirstAdmin.Generated) admin.ensureFirstAdmin("", "");
    var b = (FirstAdmin.Generated) other.ensureFirstAdmin(null, null);
    assertThat(a.password()).isNotEqualTo(b.password());
  }

  @Test
  void ensureFirstAdmin_fromEnvironment_usesGivenCredentials() {
    FirstAdmin first = admin.ensureFirstAdmin("Ops@Site.example", "s3cret-enough");
    assertThat(first).isEqualTo(new FirstAdmin.FromConfiguration("ops@site.example", false));
    assertThat(hasher.verify("s3cret-enough", store.findByEmail("ops@site.example").orElseThrow().passwordHash())).isTrue();
  }

  @Test
  void ensureFirstAdmin_adminExists_createsNothing() {
    admin.addUser("boss@example.com", "password1", Role.ADMIN);
    assertThat(admin.ensureFirstAdmin("ops@example.com", "password2")).isInstanceOf(FirstAdmin.Existing.class);
    assertThat(admin.list()).hasSize(1);
  }

  @Test
  void ensureFirstAdmin_onlyViewerExistsAndEnvGiven_createsConfiguredAdmin() {
    admin.addUser("v@example.com", "password1", Role.VIEWER);
    assertThat(admin.ensureFirstAdmin("ops@example.com", "password2"))
        .isEqualTo(new FirstAdmin.FromConfiguration("ops@example.com", true));
    assertThat(store.findByEmail("ops@example.com").orElseThrow().role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void ensureFirstAdmin_onlyViewerExistsNoEnv_saysNoAdminAndWhatToDo() {
    admin.addUser("v@example.com", "password1", Role.VIEWER);
    FirstAdmin r = admin.ensureFirstAdmin(null, null);
    assertThat(r).isInstanceOf(FirstAdmin.NoAdmin.class);
    assertThat(((FirstAdmin.NoAdmin) r).advice()).contains("no admin", "users add --email <email> --role admin");
    assertThat(admin.list()).hasSize(1);
  }

  @Test
  void ensureFirstAdmin_envEmailIsExistingViewer_notPromotedSaysWhy() {
    admin.addUser("v@example.com", "password1", Role.VIEWER);
    FirstAdmin r = admin.ensureFirstAdmin("V@example.com", "password2");
    assertThat(((FirstAdmin.NoAdmin) r).advice()).contains("v@example.com is an existing non-admin user");
    User v = store.findByEmail("v@example.com").orElseThrow();
    assertThat(v.role()).isEqualTo(Role.VIEWER);
    assertThat(hasher.verify("password1", v.passwordHash())).isTrue();
  }

  @Test
  void addUser_badInput_rejectedWithReason() {
    assertThatThrownBy(() -> admin.addUser("not-an-email", "password1", Role.VIEWER)).hasMessageContaining("email");
    assertThatThrownBy(() -> admin.addUser("a@b.c", "short", Role.VIEWER)).hasMessageContaining("at least 8");
    admin.addUser("a@b.c", "password1", Role.VIEWER);
    assertThatThrownBy(() -> admin.addUser("A@B.C", "password1", Role.VIEWER)).hasMessageContaining("exists");
  }

  @Test
  void setPassword_changesHash_unknownUserRejected() {
    admin.addUser("a@b.c", "password1", Role.VIEWER);
    admin.setPassword("a@b.c", "password2");
    String hash = store.findByEmail("a@b.c").orElseThrow().passwordHash();
    assertThat(hasher.verify("password2", hash)).isTrue();
    assertThat(hasher.verify("password1", hash)).isFalse();
    assertThatThrownBy(() -> admin.setPassword("x@y.z", "password3")).hasMessageContaining("no such user");
  }
}

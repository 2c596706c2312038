package io.gridwire.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The Users page against the packaged gateway: an admin manages users; a viewer cannot. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsersIT {
  static final String VIEWER_EMAIL = "viewer@e2e.test";
  static final String VIEWER_PASSWORD = "viewer-e2e-password";
  static final String NEW_USER = "operator@e2e.test";
  static GatewayProcess gateway;
  static Browser browser;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    Path jar = Requirements.require();
    gateway = new GatewayProcess(jar, "users", """
        demo:
          synthetic: true
          synthetic_devices: 1
          synthetic_interval: 1s
        """);
    gateway.addUser(GatewayProcess.ADMIN_EMAIL, "admin", GatewayProcess.ADMIN_PASSWORD)
        .addUser(VIEWER_EMAIL, "viewer", VIEWER_PASSWORD).start();
    base = gateway.url("");
    browser = new Browser();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) browser.close();
    if (gateway != null) gateway.close();
  }

  WebElement row(String email) {
    return browser.driver.findElement(By.cssSelector("#users-table tr[data-email='" + email + "']"));
  }

  void confirm() {
    browser.waitFor(By.id("confirm-ok")).click();
  }

  @Test
  @Order(1)
  void admin_addsUserChangesRoleResetsPasswordRemovesIt() throws Exception {
    browser.signIn(base, GatewayProcess.ADMIN_EMAIL, GatewayProcess.ADMIN_PASSWORD);
    browser.waitFor(By.id("nav-users")).click();
    browser.waitFor(By.id("users-table"));
    assertThat(browser.text(By.id("users-table"))).contains(GatewayProcess.ADMIN_EMAIL, VIEWER_EMAIL);

    // A too-short password: the gateway's 400 is shown next to the password field.
    browser.driver.findElement(By.id("user-email")).sendKeys(NEW_USER);
    browser.driver.findElement(By.id("user-password")).sendKeys("short");
    browser.driver.findElement(By.id("user-add-submit")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("user-password-error")).contains("at least 8 characters"));
    assertThat(browser.text(By.id("users-table"))).doesNotContain(NEW_USER);

    browser.driver.findElement(By.id("user-password")).clear();
    browser.driver.findElement(By.id("user-password")).sendKeys("operator-password");
    browser.driver.findElement(By.id("user-add-submit")).click();
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> row(NEW_USER).isDisplayed());
    assertThat(browser.text(By.id("user-add-status"))).contains("Added " + NEW_USER + " (viewer)");
    assertThat(browser.text(By.id("user-password-error"))).isEmpty();

    // Role: asks first; cancelling keeps it, confirming changes it on the gateway.
    new Select(row(NEW_USER).findElement(By.cssSelector("select.user-role"))).selectByValue("admin");
    browser.waitFor(By.id("confirm-cancel")).click();
    assertThat(new Select(row(NEW_USER).findElement(By.cssSelector("select.user-role"))).getFirstSelectedOption().getText())
        .isEqualTo("viewer");
    new Select(row(NEW_USER).findElement(By.cssSelector("select.user-role"))).selectByValue("admin");
    confirm();
    await().atMost(Duration.ofSeconds(10)).until(() -> "admin".equals(roleOnGateway(NEW_USER)));
    browser.screenshot("users-admin-1400");

    // Reset password, confirmed; the new password signs in.
    row(NEW_USER).findElement(By.cssSelector("button.user-reset")).click();
    row(NEW_USER).findElement(By.cssSelector("input.user-password")).sendKeys("a-new-operator-password");
    row(NEW_USER).findElement(By.cssSelector(".reset-form button.primary")).click();
    confirm();
    await().atMost(Duration.ofSeconds(10)).until(() -> row(NEW_USER).getText().contains("Password changed"));
    assertThat(status("POST", "api/auth/login", "{\"email\":\"" + NEW_USER + "\",\"password\":\"a-new-operator-password\"}"))
        .isEqualTo(200);

    // Remove, confirmed.
    row(NEW_USER).findElement(By.cssSelector("button.user-remove")).click();
    assertThat(browser.waitFor(By.id("confirm-dialog")).getText()).contains("Remove " + NEW_USER, "Device tokens");
    confirm();
    await().atMost(Duration.ofSeconds(10)).until(() -> !browser.text(By.id("users-table")).contains(NEW_USER));
    assertThat(roleOnGateway(NEW_USER)).isNull();
  }

  @Test
  @Order(2)
  void admin_demotingTheOnlyAdmin_refusedWithTheReason() {
    new Select(row(GatewayProcess.ADMIN_EMAIL).findElement(By.cssSelector("select.user-role"))).selectByValue("viewer");
    confirm();
    await().atMost(Duration.ofSeconds(10)).until(() -> row(GatewayProcess.ADMIN_EMAIL).getText().contains("only admin"));
    assertThat(roleOnGateway(GatewayProcess.ADMIN_EMAIL)).isEqualTo("admin");
    assertThat(new Select(row(GatewayProcess.ADMIN_EMAIL).findElement(By.cssSelector("select.user-role")))
        .getFirstSelectedOption().getText()).isEqualTo("admin");
    assertThat(browser.errorBanners()).isEmpty();
  }

  @Test
  @Order(3)
  void admin_deviceTokenIssuedListedThenRevoked() {
    browser.open(base + "/#/sessions");
    browser.waitFor(By.id("token-device")).sendKeys("ws-users-it");
    browser.driver.findElement(By.id("token-submit")).click();
    String token = browser.waitFor(By.id("token-value")).getText().trim();
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(() -> browser.text(By.id("token-list")).contains("ws-users-it") && browser.text(By.id("token-list")).contains(GatewayProcess.ADMIN_EMAIL));
    assertThat(browser.text(By.id("token-list-body"))).doesNotContain(token);
    browser.driver.findElement(By.cssSelector("#token-list button.token-revoke")).click();
    confirm();
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("token-list-body")).contains("No device token issued"));
  }

  @Test
  @Order(4)
  void viewer_noUsersPage_andTheApiAnswers403() throws Exception {
    browser.driver.findElement(By.id("logout")).click();
    browser.waitFor(By.id("email"));
    browser.signIn(base, VIEWER_EMAIL, VIEWER_PASSWORD);
    assertThat(browser.driver.findElement(By.id("nav-users")).isDisplayed()).isFalse();
    browser.open(base + "/#/users");
    assertThat(browser.waitFor(By.id("users-forbidden")).getText()).contains("Only admins");
    assertThat(browser.driver.findElements(By.id("users-table"))).isEmpty();
    assertThat(status("GET", "api/users", null)).isEqualTo(403);
    assertThat(status("POST", "api/users", "{\"email\":\"x@e2e.test\",\"password\":\"long enough\",\"role\":\"admin\"}"))
        .isEqualTo(403);
    assertThat(status("DELETE", "api/users/" + GatewayProcess.ADMIN_EMAIL, null)).isEqualTo(403);
  }

  /** A request from the page with its session token (relative URL, as the dashboard does). */
  @SuppressWarnings("unchecked")
  int status(String method, String path, String body) {
    Map<String, Object> r = (Map<String, Object>) browser.jsAsync("""
        const [method, path, body, done] = arguments;
        fetch(path, {method, body: body || undefined, headers: {'Content-Type': 'application/json',
            Authorization: 'Bearer ' + sessionStorage.getItem('gridwire.token')}})
          .then(r => done({status: r.status}), e => done({status: -1}));""", method, path, body);
    return ((Number) r.get("status")).intValue();
  }

  /** The user's role as the gateway lists it to the admin, or null when absent. */
  String roleOnGateway(String email) {
    Object r = browser.jsAsync("""
        const [email, done] = arguments;
        fetch('api/users', {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('gridwire.token')}})
          .then(r => r.json()).then(us => done((us.find(u => u.email === email) || {}).role || null), () => done('error'));""",
        email);
    return (String) r;
  }
}

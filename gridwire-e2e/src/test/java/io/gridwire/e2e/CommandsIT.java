package io.gridwire.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * Named genset commands from the device page against a simulated HGM9520N: asked after a
 * confirmation, followed through the ledger to the state the status registers show, listed on
 * the Commands page with their evidence; an operator commands but does not manage users; a
 * viewer sees the ledger but no controls.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandsIT {
  static final String GENSET = "gen-cmd";
  static final String VIEWER_EMAIL = "viewer@e2e.test";
  static final String VIEWER_PASSWORD = "viewer-e2e-password";
  static final String OPERATOR_EMAIL = "operator@e2e.test";
  static final String OPERATOR_PASSWORD = "operator-e2e-password";
  static final String OIG_BOX = "2206237077";
  static SimulatorProcess genset;
  static SimulatorProcess box;
  static GatewayProcess gateway;
  static Browser browser;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    Path jar = Requirements.require();
    int port = FreePorts.next();
    int oigPort = FreePorts.next();
    genset = SimulatorProcess.start(jar, "commands-sim", port, "modbus", "--profile", "smartgen-hgm9520n",
        "--port", Integer.toString(port));
    gateway = new GatewayProcess(jar, "commands", """
        modbus:
          devices:
            - {id: %s, name: Genset C, site: plant-c, profile: smartgen-hgm9520n, host: 127.0.0.1, port: %d, interval: 1s}
        oig:
          enabled: true
          listen_host: 127.0.0.1
          listen_port: %d
          cloud_host: 127.0.0.1
          cloud_port: %d
          connect_timeout: 1s
          answer_timeout: 1s
        """.formatted(GENSET, port, oigPort, FreePorts.next()));
    gateway.addUser(GatewayProcess.ADMIN_EMAIL, "admin", GatewayProcess.ADMIN_PASSWORD)
        .addUser(VIEWER_EMAIL, "viewer", VIEWER_PASSWORD).addUser(OPERATOR_EMAIL, "operator", OPERATOR_PASSWORD).start();
    base = gateway.url("");
    box = SimulatorProcess.startClient(jar, "commands-oig-box", "oig-box", "--target", "127.0.0.1:" + oigPort,
        "--device-id", OIG_BOX, "--speed", "10");
    browser = new Browser();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) browser.close();
    if (gateway != null) gateway.close();
    if (genset != null) genset.close();
    if (box != null) box.close();
  }

  @Test
  @Order(1)
  void admin_namedCommand_confirmedThenAppliedWithEvidence() throws Exception {
    browser.signIn(base, GatewayProcess.ADMIN_EMAIL, GatewayProcess.ADMIN_PASSWORD);
    browser.open(base + "/#/device/" + GENSET);
    browser.waitFor(By.id("command-controls"));
    // The gateway checks interlocks against the status it has read: wait for the first poll.
    await("genset polled").atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> "online".equals(browser.text(By.id("device-status"))));

    browser.driver.findElement(By.cssSelector("#command-controls button[data-target='manual']")).click();
    browser.waitFor(By.id("confirm-cancel")).click();
    assertThat(browser.text(By.id("command-result"))).contains("Cancelled");

    browser.driver.findElement(By.cssSelector("#command-controls button[data-target='manual']")).click();
    assertThat(browser.waitFor(By.id("confirm-dialog")).getText()).contains("Manual mode", GENSET);
    browser.waitFor(By.id("confirm-ok")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("command-result")).contains("Manual mode: command"));
    await("the ledger shows the command applied").atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> browser.text(By.cssSelector("#device-commands table.commands")).contains("applied"));
    browser.js("document.getElementById('device-commands').scrollIntoView()");
    browser.screenshot("commands-device-1400");

    browser.open(base + "/#/commands");
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
        .until(() -> browser.text(By.id("commands-list")).contains(GENSET));
    assertThat(browser.text(By.id("commands-list"))).contains("manual", "applied", GatewayProcess.ADMIN_EMAIL);
    browser.driver.findElement(By.cssSelector("#commands-list details summary")).click();
    assertThat(browser.text(By.cssSelector("#commands-list ol.steps"))).contains("queued", "sent", "acknowledged", "applied");
    browser.screenshot("commands-ledger-1400");
    Thread.sleep(6000); // past the 5 s refresh: the opened evidence stays open
    assertThat(browser.driver.findElement(By.cssSelector("#commands-list ol.steps")).isDisplayed()).isTrue();
    assertThat(browser.errorBanners()).isEmpty();
  }

  @Test
  @Order(2)
  void admin_oigMode_confirmedThenTheBoxAppliesIt() {
    browser.open(base + "/#/device/" + OIG_BOX);
    await("the box is known").atMost(Duration.ofSeconds(40)).ignoreExceptions()
        .until(() -> browser.waitFor(By.id("oig-mode-form")).isDisplayed());
    new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("oig-mode"))).selectByValue("Home UPS");
    browser.driver.findElement(By.cssSelector("#oig-mode-form button")).click();
    assertThat(browser.waitFor(By.id("confirm-dialog")).getText()).contains("Home UPS");
    browser.waitFor(By.id("confirm-ok")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("command-result")).contains("Mode Home UPS: command"));
    await("the box reports the new mode").atMost(Duration.ofSeconds(90)).ignoreExceptions()
        .until(() -> browser.text(By.cssSelector("#device-commands table.commands")).contains("applied"));
    assertThat(browser.text(By.cssSelector("#device-commands table.commands"))).contains("tbl_box_prms/MODE");
  }

  @Test
  @Order(3)
  void operator_commandsFromTheDevicePage_butManagesNoUsers() {
    browser.driver.findElement(By.id("logout")).click();
    browser.waitFor(By.id("email"));
    browser.signIn(base, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    browser.open(base + "/#/device/" + GENSET);
    browser.waitFor(By.id("command-controls"));
    browser.driver.findElement(By.cssSelector("#command-controls button[data-target='auto']")).click();
    browser.waitFor(By.id("confirm-ok")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("command-result")).contains("Auto mode: command"));
    await("the ledger names the operator").atMost(Duration.ofSeconds(15)).ignoreExceptions()
        .until(() -> browser.text(By.cssSelector("#device-commands table.commands")).contains(OPERATOR_EMAIL));
    browser.open(base + "/#/device/" + OIG_BOX);
    assertThat(browser.waitFor(By.id("oig-mode-form")).isDisplayed()).isTrue();
    assertThat(browser.driver.findElement(By.id("nav-users")).isDisplayed()).isFalse();
    browser.open(base + "/#/users");
    assertThat(browser.text(By.id("users-forbidden"))).contains("Only admins manage users", "an operator");
    assertThat(browser.errorBanners()).isEmpty();
  }

  @Test
  @Order(4)
  void viewer_seesTheLedgerButNoControls() {
    browser.driver.findElement(By.id("logout")).click();
    browser.waitFor(By.id("email"));
    browser.signIn(base, VIEWER_EMAIL, VIEWER_PASSWORD);
    browser.open(base + "/#/device/" + GENSET);
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
        .until(() -> browser.text(By.cssSelector("#device-commands table.commands")).contains("applied"));
    assertThat(browser.driver.findElements(By.id("command-controls"))).isEmpty();
    browser.open(base + "/#/device/" + OIG_BOX);
    browser.waitFor(By.cssSelector("#device-commands table.commands"));
    assertThat(browser.driver.findElements(By.id("oig-mode-form"))).isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("button.command-cancel"))).isEmpty();
  }
}

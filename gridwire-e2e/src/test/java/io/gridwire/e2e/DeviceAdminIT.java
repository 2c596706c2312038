package io.gridwire.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Modbus devices at runtime from the Modbus page: a bad unit id is answered next to its field, a
 * device is added and polled, edited and removed; a device from gridwire.yaml offers no edit.
 */
class DeviceAdminIT {
  static final String FILE_DEVICE = "gen-file";
  static final String NEW_DEVICE = "gen-ui";
  static SimulatorProcess genset;
  static GatewayProcess gateway;
  static Browser browser;
  static String base;
  static int simPort;

  @BeforeAll
  static void start() throws Exception {
    Path jar = Requirements.require();
    simPort = FreePorts.next();
    genset = SimulatorProcess.start(jar, "device-admin-sim", simPort, "modbus", "--profile", "smartgen-hgm9520n",
        "--port", Integer.toString(simPort));
    gateway = new GatewayProcess(jar, "device-admin", """
        modbus:
          devices:
            - {id: %s, profile: smartgen-hgm9520n, host: 127.0.0.1, port: %d, unit_id: 1, interval: 1s}
        """.formatted(FILE_DEVICE, simPort));
    gateway.addUser(GatewayProcess.ADMIN_EMAIL, "admin", GatewayProcess.ADMIN_PASSWORD).start();
    base = gateway.url("");
    browser = new Browser();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) browser.close();
    if (gateway != null) gateway.close();
    if (genset != null) genset.close();
  }

  WebElement row(String id) {
    return browser.driver.findElement(By.cssSelector("#modbus-admin-table tr[data-id='" + id + "']"));
  }

  void type(String field, String value) {
    WebElement e = browser.driver.findElement(By.id("md-" + field));
    e.clear();
    e.sendKeys(value);
  }

  @Test
  void admin_addsEditsRemovesAModbusDevice_errorsNextToTheFields() throws Exception {
    browser.signIn(base, GatewayProcess.ADMIN_EMAIL, GatewayProcess.ADMIN_PASSWORD);
    browser.open(base + "/#/modbus");
    browser.waitFor(By.id("modbus-admin-table"));
    assertThat(row(FILE_DEVICE).getText()).contains("gridwire.yaml");
    assertThat(row(FILE_DEVICE).findElements(By.cssSelector("button.device-edit"))).isEmpty();

    type("id", NEW_DEVICE);
    type("name", "Genset UI");
    type("site", "plant-ui");
    new Select(browser.driver.findElement(By.id("md-profile"))).selectByValue("smartgen-hgm9520n");
    type("host", "127.0.0.1");
    type("port", Integer.toString(simPort));
    type("unit_id", "300");
    type("interval", "1s");
    browser.driver.findElement(By.id("md-submit")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("md-unit_id-error")).contains("300"));
    assertThat(browser.driver.findElements(By.cssSelector("#modbus-admin-table tr[data-id='" + NEW_DEVICE + "']"))).isEmpty();

    type("unit_id", "2");
    browser.driver.findElement(By.id("md-submit")).click();
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> row(NEW_DEVICE).getText().contains("API"));
    assertThat(browser.text(By.id("md-status"))).contains("Added " + NEW_DEVICE);
    assertThat(browser.text(By.id("md-unit_id-error"))).isEmpty();
    browser.screenshot("device-admin-1400");

    row(NEW_DEVICE).findElement(By.cssSelector("button.device-edit")).click();
    assertThat(browser.driver.findElement(By.id("md-host")).getAttribute("value")).isEqualTo("127.0.0.1");
    assertThat(browser.driver.findElement(By.id("md-unit_id")).getAttribute("value")).isEqualTo("2");
    type("unit_id", "3");
    browser.driver.findElement(By.id("md-submit")).click();
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> row(NEW_DEVICE).getText().contains("#3"));

    row(NEW_DEVICE).findElement(By.cssSelector("button.device-remove")).click();
    browser.waitFor(By.id("confirm-ok")).click();
    await().atMost(Duration.ofSeconds(15)).until(() -> browser.driver.findElements(
        By.cssSelector("#modbus-admin-table tr[data-id='" + NEW_DEVICE + "']")).isEmpty());
    assertThat(browser.errorBanners()).isEmpty();
  }
}

package io.gridwire.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every dashboard page on a phone (390 px) and a desktop (1400 px), with the system in light and
 * in dark mode: nothing overflows horizontally, the theme follows the system, and a screenshot of
 * each goes to target/screenshots/screens-PAGE-WIDTH-SCHEME.png.
 */
class ScreensIT {
  static final String MODBUS_ID = "gen-screens";
  static final String OIG_BOX = "2206237099";
  static GatewayProcess gateway;
  static SimulatorProcess genset;
  static SimulatorProcess box;
  static Browser browser;
  static String base;

  /** A page, the element that shows it is loaded, and its file name. */
  record Page(String hash, String ready, String name) {}

  static final List<Page> PAGES = List.of(
      new Page("#/devices", "#device-list a.vrow .kv-item", "overview"),
      new Page("#/device/" + MODBUS_ID, "#chart .uplot", "genset"),
      new Page("#/device/" + OIG_BOX, "#energy-flow .node", "oig-box"),
      new Page("#/alarms", "#alarm-list", "alarms"),
      new Page("#/oig", "#oig-sessions table", "oig"),
      new Page("#/modbus", "#modbus-stats table", "modbus"),
      new Page("#/sessions", "#token-form", "sessions"),
      new Page("#/commands", "#commands-list .empty, #commands-list table", "commands"),
      new Page("#/users", "#users-table", "users"));

  @BeforeAll
  static void start() throws Exception {
    Path jar = Requirements.require();
    int modbusPort = FreePorts.next();
    int oigPort = FreePorts.next();
    genset = SimulatorProcess.start(jar, "screens-sim", modbusPort, "modbus", "--profile", "smartgen-hgm9520n",
        "--port", Integer.toString(modbusPort));
    gateway = new GatewayProcess(jar, "screens", """
        demo:
          synthetic: true
          synthetic_devices: 3
          synthetic_interval: 1s
        modbus:
          devices:
            - {id: %s, name: Genset A, site: plant-a, profile: smartgen-hgm9520n, host: 127.0.0.1, port: %d, interval: 1s}
        oig:
          enabled: true
          listen_host: 127.0.0.1
          listen_port: %d
          cloud_host: 127.0.0.1
          cloud_port: %d
          connect_timeout: 1s
          answer_timeout: 1s
        """.formatted(MODBUS_ID, modbusPort, oigPort, FreePorts.next()))
        .addUser(GatewayProcess.ADMIN_EMAIL, "admin", GatewayProcess.ADMIN_PASSWORD).start();
    base = gateway.url("");
    box = SimulatorProcess.startClient(jar, "screens-oig-box", "oig-box", "--target", "127.0.0.1:" + oigPort,
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
  void everyPage_phoneAndDesktop_lightAndDark_noHorizontalOverflow() throws Exception {
    browser.screen(1400, 900, "light");
    browser.open(base + "/#/login");
    browser.waitFor(By.id("email"));
    browser.screen(390, 844, "light");
    assertThat(browser.horizontalOverflow()).as("sign-in at 390 px").isLessThanOrEqualTo(0);
    browser.screenshot("screens-sign-in-390-light");
    browser.screen(1400, 900, "light");
    browser.signIn(base, GatewayProcess.ADMIN_EMAIL, GatewayProcess.ADMIN_PASSWORD);
    await("the OIG box and the genset are listed").atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() ->
        browser.text(By.id("device-list")).contains(OIG_BOX) && browser.text(By.id("device-list")).contains(MODBUS_ID));
    for (String scheme : List.of("light", "dark")) {
      for (int width : new int[] {390, 1400}) {
        browser.screen(width, width < 500 ? 844 : 900, scheme);
        for (Page p : PAGES) {
          browser.open(base + "/?w=" + width + scheme + "#" + p.hash().substring(1));
          await(p.name() + " ready").atMost(Duration.ofSeconds(30)).ignoreExceptions()
              .until(() -> !browser.driver.findElements(By.cssSelector(p.ready())).isEmpty());
          String where = p.name() + " at " + width + " px, " + scheme;
          // Layout, live values and the chart's first draw settle: an overflow that lasts fails.
          long overflow = Long.MAX_VALUE;
          for (long until = System.nanoTime() + 3_000_000_000L; overflow > 0 && System.nanoTime() < until; ) {
            Thread.sleep(200);
            overflow = browser.horizontalOverflow();
          }
          if (overflow > 0) browser.screenshot("screens-overflow-" + p.name() + "-" + width + "-" + scheme);
          assertThat(overflow).as("horizontal overflow of " + where + " by " + (overflow > 0 ? browser.overflowingElements() : ""))
              .isLessThanOrEqualTo(0);
          assertThat(browser.js("return getComputedStyle(document.documentElement).colorScheme")).as("scheme of " + where)
              .isEqualTo(scheme);
          assertThat(browser.driver.findElement(By.id("logout")).isDisplayed()).as("sign-out reachable on " + where).isTrue();
          browser.screenshot("screens-" + p.name() + "-" + width + "-" + scheme);
        }
      }
    }
    assertThat(browser.errorBanners()).isEmpty();
  }

  @Test
  void themeToggle_overridesTheSystem_andIsKept() throws Exception {
    browser.screen(1400, 900, "light");
    browser.open(base + "/#/devices");
    if (browser.driver.getCurrentUrl().contains("#/login")) browser.signIn(base, GatewayProcess.ADMIN_EMAIL, GatewayProcess.ADMIN_PASSWORD);
    browser.js("localStorage.removeItem('gridwire.theme')");
    browser.open(base + "/?t=1#/devices");
    browser.waitFor(By.id("theme-toggle")).click(); // auto → dark
    assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo("dark");
    assertThat(browser.js("return getComputedStyle(document.documentElement).colorScheme")).isEqualTo("dark");
    browser.open(base + "/?t=2#/devices");
    browser.waitFor(By.id("theme-toggle"));
    assertThat(browser.text(By.id("theme-toggle"))).contains("Dark");
    browser.driver.findElement(By.id("theme-toggle")).click(); // dark → light
    browser.screen(1400, 900, "dark");
    assertThat(browser.js("return getComputedStyle(document.documentElement).colorScheme")).isEqualTo("light");
    browser.driver.findElement(By.id("theme-toggle")).click(); // light → auto: the (dark) system again
    assertThat(browser.js("return getComputedStyle(document.documentElement).colorScheme")).isEqualTo("dark");
    browser.js("localStorage.removeItem('gridwire.theme')");
  }
}

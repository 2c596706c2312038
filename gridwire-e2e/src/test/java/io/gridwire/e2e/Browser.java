package io.gridwire.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian chromium through its chromedriver, both given by explicit path (Selenium
 * Manager never runs and nothing is downloaded), with a fresh profile directory. Not thread-safe.
 */
public final class Browser implements AutoCloseable {
  public static final Path SCREENSHOTS = Path.of(System.getProperty("gridwire.e2e.screenshots", "target/screenshots"));
  public final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;

  public Browser() throws IOException {
    System.setProperty("webdriver.chrome.driver", Requirements.CHROMEDRIVER.toString());
    profile = Files.createTempDirectory("gridwire-e2e-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(Requirements.CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--enable-precise-memory-info", "--window-size=1400,900", "--user-data-dir=" + profile);
    service = new ChromeDriverService.Builder().usingDriverExecutable(Requirements.CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1400, 900));
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Signs in through the form and waits for the devices page. */
  public void signIn(String base, String email, String password) {
    open(base + "/#/login");
    WebElement e = waitFor(By.id("email"));
    e.clear();
    e.sendKeys(email);
    WebElement p = driver.findElement(By.id("password"));
    p.clear();
    p.sendKeys(password);
    driver.findElement(By.id("sign-in")).click();
    await("devices page after sign-in").atMost(Duration.ofSeconds(15))
        .until(() -> driver.getCurrentUrl().contains("#/devices"));
  }

  public WebElement waitFor(By by) {
    return await("element " + by).atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> driver.findElement(by), el -> el.isDisplayed());
  }

  public String text(By by) {
    return driver.findElement(by).getText();
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Runs an async script (its last argument is the callback). */
  public Object jsAsync(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  /** Error banners currently shown. */
  @SuppressWarnings("unchecked")
  List<String> errorBanners() {
    return (List<String>) js("return [...document.querySelectorAll('.banner.error .msg')].map(e => e.textContent)");
  }

  /** Saves a PNG under target/screenshots/NAME.png; returns the path. */
  public Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path tmp = driver.getScreenshotAs(OutputType.FILE).toPath();
    Path out = SCREENSHOTS.resolve(name + ".png");
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
    return out;
  }

  /**
   * Emulates a viewport {@code width} x {@code height} CSS pixels and the system colour scheme
   * ({@code prefers-color-scheme}: "light" or "dark").
   */
  public void screen(int width, int height, String scheme) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    driver.executeCdpCommand("Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  /** How many CSS pixels the page is wider than its viewport (0 when nothing overflows). */
  public long horizontalOverflow() {
    return ((Number) js("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth")).longValue();
  }

  /**
   * The elements that reach past the viewport's right edge, innermost first (tag, id, classes,
   * right edge and text start): what a failed {@link #horizontalOverflow()} check names.
   */
  public String overflowingElements() {
    return String.valueOf(js("""
        const out = [];
        for (const e of document.querySelectorAll('body *')) {
          const r = e.getBoundingClientRect();
          if (r.width > 0 && r.right > window.innerWidth + 0.5 && ![...e.children].some(c => c.getBoundingClientRect().right >= r.right))
            out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).trim().replace(/\\s+/g, '.') : '')
              + ' right=' + Math.round(r.right) + ' "' + (e.textContent || '').trim().slice(0, 40) + '"');
          if (out.length >= 8) break;
        }
        return out.join('; ');"""));
  }

  /** Chrome's own metrics (JSHeapUsedSize, Nodes, ...) through the DevTools protocol. */
  @SuppressWarnings("unchecked")
  public Map<String, Number> performanceMetrics() {
    driver.executeCdpCommand("Performance.enable", Map.of());
    Map<String, Object> r = driver.executeCdpCommand("Performance.getMetrics", Map.of());
    Map<String, Number> out = new java.util.LinkedHashMap<>();
    for (Map<String, Object> m : (List<Map<String, Object>>) r.get("metrics")) out.put((String) m.get("name"), (Number) m.get("value"));
    return out;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      service.stop();
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

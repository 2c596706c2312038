package io.gridwire.web.dashboard;

import io.gridwire.core.log.RateLimitedLog;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the dashboard's {@code index.html} at {@code /} and {@code /index.html}. Every URL in the
 * dashboard is relative, so behind a proxy that mounts it under a prefix it works as is; when the
 * proxy also announces the prefix ({@link PathPrefix}), the page gets a {@code <base href>} to it,
 * so that it loads even when the browser opened the prefix without its trailing slash (Home
 * Assistant's ingress). A refused header is counted ({@code gridwire_http_prefix_rejected_total})
 * and logged at most once a minute; the page is then served without a base.
 */
public final class IndexPage {
  private static final Logger log = LoggerFactory.getLogger(IndexPage.class);
  private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
  private final Path staticDir;
  private final String classpathPage;
  private final Counter rejected;
  private final RateLimitedLog warnings = new RateLimitedLog(log, Clock.systemUTC(), Duration.ofMinutes(1));

  /**
   * @param staticDir the folder the dashboard is served from (read on every request, for editing),
   *     or null for the copy on the classpath under {@code /public}
   * @param rejected counts refused prefix headers
   */
  public IndexPage(Path staticDir, Counter rejected) {
    this.staticDir = staticDir;
    this.classpathPage = staticDir == null ? readClasspath() : null;
    this.rejected = rejected;
  }

  /** Whether there is a page to serve at all (a gateway built without the dashboard has none). */
  public boolean present() {
    return staticDir != null ? Files.isRegularFile(staticDir.resolve("index.html")) : classpathPage != null;
  }

  public void handle(Context ctx) {
    String page = page();
    if (page == null) {
      ctx.status(404).json(java.util.Map.of("error", "not_found", "detail", "no dashboard in this build"));
      return;
    }
    PathPrefix.Parsed prefix = PathPrefix.fromHeaders(ctx.header(PathPrefix.INGRESS_HEADER),
        ctx.header(PathPrefix.FORWARDED_HEADER));
    if (prefix instanceof PathPrefix.Invalid bad) {
      rejected.increment();
      warnings.warn("prefix", "ignored a path prefix header from " + ctx.ip() + ": " + bad.reason()
          + "; the dashboard is served without it. Check the reverse proxy's X-Ingress-Path / X-Forwarded-Prefix setting.");
    }
    String body = prefix instanceof PathPrefix.Valid v ? withBase(page, v.root()) : page;
    ctx.header("Cache-Control", "no-cache");
    ctx.header("Vary", PathPrefix.INGRESS_HEADER + ", " + PathPrefix.FORWARDED_HEADER);
    ctx.contentType("text/html; charset=utf-8").result(body);
  }

  /** The page with {@code <base href="ROOT">} as the first element of its head. */
  static String withBase(String page, String root) {
    String base = "<base href=\"" + root + "\">";
    Matcher m = HEAD.matcher(page);
    if (!m.find()) return base + page;
    return page.substring(0, m.end()) + "\n  " + base + page.substring(m.end());
  }

  private String page() {
    if (staticDir == null) return classpathPage;
    try {
      Path file = staticDir.resolve("index.html");
      return Files.isRegularFile(file) ? Files.readString(file) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readClasspath() {
    try (InputStream in = IndexPage.class.getResourceAsStream("/public/index.html")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

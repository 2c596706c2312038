package io.gridwire.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.alarm.ActiveAlarm;
import io.gridwire.core.alarm.AlarmBook;
import io.gridwire.core.alarm.AlarmRoutes;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.core.port.AlarmStore;
import io.gridwire.core.port.HistoryQuery;
import io.gridwire.core.reading.Reading;
import io.gridwire.testkit.Fuzzer;
import io.gridwire.web.json.Json;
import io.gridwire.web.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Standing fuzz test of the REST API's query parameters over HTTP: mutated query strings (huge and
 * negative numbers, extreme and malformed ISO times, tiny and huge steps, percent-encoding garbage,
 * repeated names, control characters and non-UTF-8 bytes) against a started server over in-memory
 * stores. Every answer is a 200 or a 4xx {@code {"error", "detail"}}, arrives within the request
 * timeout, stays bounded, and no history query reaching the store spans more than
 * {@link HistoryRoutes#MAX_BUCKETS} buckets. Time per run: {@link Fuzzer#budget()}.
 */
class QueryParamFuzzTest {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_ANSWER = 4 * 1024 * 1024;
  private static final Instant T0 = Instant.parse("2025-06-01T11:00:00Z");

  /** The endpoints; a case's first byte picks one (modulo), the rest is its query string. */
  private static final List<String> PATHS = List.of("/api/metrics/history", "/api/devices", "/api/events",
      "/api/alarms", "/api/metrics");
  private static final List<List<String>> NAMES = List.of(
      List.of("device_id", "metric", "from", "to", "step", "limit"), List.of("site", "source", "online"),
      List.of("type", "from", "to", "limit", "device_id"), List.of("site", "device_id", "severity"),
      List.of("device_id", "site"));
  private static final List<byte[]> CORPUS = Fuzzer.tokens(
      "0device_id=gen-1&metric=gen_uab&from=2025-06-01T00:00:00Z&to=2025-06-01T12:00:00Z&step=60s",
      "0device_id=gen-1&metric=gen_uab&from=-7d&to=now&step=1h&limit=500",
      "0device_id=gen-1&metric=gen_uab&from=-1h",
      "0device_id=gen-1&metric=gen_uab&from=0001-01-01T00:00:00Z&to=%2B1000000000-12-31T23:59:59Z&step=1ms",
      "0device_id=gen-1&metric=gen_uab&to=-1000000000-01-01T00:00:10Z",
      "0device_id=gen-1&metric=gen_uab&from=0001-01-01T00:00:00Z&to=%2B999999999-01-01T00:00:00Z&step=999999999d",
      "1site=plant-a&source=modbus&online=true",
      "2type=device_online&from=-1d&to=now&limit=50&device_id=gen-1",
      "2from=-1000000000-01-01T00:00:00Z&to=%2B1000000000-12-31T23:59:59.999999999Z&limit=10000",
      "3site=plant-a&device_id=gen-1&severity=critical",
      "4device_id=gen-1&site=plant-a");
  private static final List<byte[]> TOKENS = Fuzzer.tokens(
      "99999-99-99", "0001-01-01T00:00:00Z", "%2B1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
      "%2B999999999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "0s", "1ms", "0ms", "999999999d",
      "365000d", "-999999999d", "-0", "-1", "2147483648", "-2147483649", "9223372036854775808", "1e999",
      "99999999999999999999", "&", "=", "&limit=", "&step=", "&from=", "&to=", "&device_id=gen-1", "&agg=avg",
      "&from=2030-01-01T00:00:00Z", "&to=2000-01-01T00:00:00Z", "%", "%0", "%zz", "%00", "%0a", "%0d%0a",
      "%ff%fe", "%c3%28", "%ed%a0%80", "%f4%90%80%80", "%25", "+", "%20", "\u0000", "\u0001", "\u001b",
      "\u007f", "T", "Z", ":", ".", "now", "true", "x".repeat(5000));

  private static final TestGateway gw = new TestGateway();
  private static String token;
  private static AlarmBook alarms;

  @BeforeAll
  static void start() {
    gw.registry.register(Device.of("gen-1", "plant-a", "generator", Source.MODBUS));
    gw.registry.seen("gen-1");
    gw.history.append(List.of(Reading.builder("gen-1", T0, T0).put("gen_uab", 400.5).build()));
    alarms = new AlarmBook(gw.events, new NoAlarms(), gw.clock, Duration.ZERO, id -> "plant-a");
    gw.routes.addAll(new AlarmRoutes(alarms).routes());
    gw.start();
    token = gw.login(TestGateway.VIEWER);
  }

  @AfterAll
  static void stop() {
    closeQuietly();
    alarms.close();
    gw.close();
  }

  @Test
  void get_mutatedQueryParameters_okOr4xxJsonBoundedAndHistoryBounded() {
    long cases = new Fuzzer(CORPUS, TOKENS).run(bytes -> {
      int before = gw.history.queries().size();
      Answer a = get(target(bytes));
      assertThat(a.status()).as(a.body()).isIn(200, 400, 401, 403, 404, 405, 413, 414, 431);
      assertThat(a.bodyBytes()).isLessThanOrEqualTo(MAX_ANSWER);
      if (a.status() != 200) {
        JsonNode n = json(a.body());
        assertThat(n.path("error").isTextual()).as(a.body()).isTrue();
        assertThat(n.has("detail")).as(a.body()).isTrue();
      }
      List<HistoryQuery> all = gw.history.queries();
      for (HistoryQuery q : all.subList(before, all.size())) {
        assertThat(q.to()).as(q.toString()).isAfter(q.from());
        assertThat(q.limit()).as(q.toString()).isBetween(1, 100_000);
        if (q.step() != null) {
          assertThat(Duration.between(q.from(), q.to()).dividedBy(q.step())).as(q.toString())
              .isLessThanOrEqualTo(HistoryRoutes.MAX_BUCKETS);
        }
      }
    });
    assertThat(cases).isGreaterThanOrEqualTo(2_000);
  }

  /**
   * The request target: an endpoint picked by the first byte, then the rest as query string. A
   * mangled parameter name becomes one of the endpoint's names in seven cases of eight (so the
   * values, not the name check, take the mutations). Bytes that may not appear raw in a request
   * line (space, controls, non-ASCII, {@code #}) are percent-encoded so they reach the query
   * parser; {@code %} garbage stays as is.
   */
  static String target(byte[] bytes) {
    if (bytes.length == 0) return PATHS.get(0);
    int endpoint = Math.floorMod(bytes[0] - '0', PATHS.size());
    List<String> names = NAMES.get(endpoint);
    StringBuilder sb = new StringBuilder(PATHS.get(endpoint)).append('?');
    String query = new String(bytes, 1, bytes.length - 1, StandardCharsets.ISO_8859_1);
    String sep = "";
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (!names.contains(name) && (name.hashCode() & 7) != 0) name = names.get(Math.floorMod(name.hashCode(), names.size()));
      sb.append(sep);
      sep = "&";
      encode(sb, name + (eq < 0 ? "" : pair.substring(eq)));
    }
    return sb.toString();
  }

  private static void encode(StringBuilder sb, String latin1) {
    for (int i = 0; i < latin1.length(); i++) {
      int c = latin1.charAt(i);
      if (c > 0x20 && c < 0x7f && c != '#' && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^'
          && c != '`' && c != '{' && c != '|' && c != '}') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      }
    }
  }

  record Answer(int status, String body, int bodyBytes) {}

  private static Socket socket;
  private static InputStream input;

  /**
   * One GET on a kept-alive connection (a new one when the server closed it), read within
   * {@link #REQUEST_TIMEOUT}: the head, then a Content-Length or chunked body.
   */
  static Answer get(String target) {
    try {
      if (socket == null || socket.isClosed()) {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", gw.server.port()), (int) REQUEST_TIMEOUT.toMillis());
        socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
        input = new java.io.BufferedInputStream(socket.getInputStream());
      }
      String req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n";
      socket.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
      long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
      InputStream in = input;
      String head = head(in, deadline);
      String lower = head.toLowerCase(java.util.Locale.ROOT);
      byte[] body;
      java.util.regex.Matcher len = java.util.regex.Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(lower);
      if (lower.contains("transfer-encoding: chunked")) {
        body = unchunk(in, deadline);
      } else if (len.find()) {
        long n = Long.parseLong(len.group(1));
        if (n > MAX_ANSWER) throw new AssertionError("answer of " + n + " bytes");
        body = in.readNBytes((int) n);
      } else {
        body = readAll(in, deadline);
      }
      if (lower.contains("connection: close") || body == null) socket.close();
      return new Answer(Integer.parseInt(head.split(" ", 3)[1]), new String(body, StandardCharsets.UTF_8), body.length);
    } catch (IOException e) {
      closeQuietly();
      throw new UncheckedIOException("GET " + target.substring(0, Math.min(200, target.length())), e);
    } catch (RuntimeException | AssertionError e) {
      closeQuietly();
      throw e;
    }
  }

  private static void closeQuietly() {
    try {
      if (socket != null) socket.close();
    } catch (IOException ignored) {
      // the next request opens a new connection
    }
  }

  private static String head(InputStream in, long deadline) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 4 || !sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed in the answer head: " + sb);
      if (sb.length() > 65_536 || System.nanoTime() > deadline) throw new AssertionError("answer head too long or late");
      sb.append((char) b);
    }
    return sb.toString();
  }

  private static byte[] readAll(InputStream in, long deadline) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    for (int n; (n = in.read(buf)) >= 0; ) {
      out.write(buf, 0, n);
      if (out.size() > MAX_ANSWER) throw new AssertionError("answer over " + MAX_ANSWER + " bytes");
      if (System.nanoTime() > deadline) throw new AssertionError("answer not complete within " + REQUEST_TIMEOUT);
    }
    socket.close();
    return out.toByteArray();
  }

  private static byte[] unchunk(InputStream in, long deadline) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      StringBuilder line = new StringBuilder();
      for (int b; (b = in.read()) != '\n'; ) {
        if (b < 0) throw new IOException("connection closed in a chunked answer");
        if (b != '\r') line.append((char) b);
      }
      int size = Integer.parseInt(line.toString().split(";")[0].trim(), 16);
      if (size == 0) {
        in.readNBytes(2);
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      in.readNBytes(2);
      if (out.size() > MAX_ANSWER) throw new AssertionError("answer over " + MAX_ANSWER + " bytes");
      if (System.nanoTime() > deadline) throw new AssertionError("answer not complete within " + REQUEST_TIMEOUT);
    }
  }

  private static JsonNode json(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("error answer is not JSON: " + body, e);
    }
  }

  /** No stored alarms: the fuzz test only needs the routes' parameter handling. */
  private static final class NoAlarms implements AlarmStore {
    @Override public void upsert(ActiveAlarm alarm) {}

    @Override public void delete(String deviceId, String alarmId) {}

    @Override public List<ActiveAlarm> loadAll() {
      return List.of();
    }
  }
}

package io.gridwire.uplink.influx;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Which InfluxDB API points are written to. */
public sealed interface InfluxTarget {

  /** The write URL under {@code base} (its path prefix kept). */
  URI writeUri(URI base);

  /** The {@code Authorization} header value, or null for none. Never logged. */
  String authorization();

  /**
   * InfluxDB 1.x: {@code POST /write?db=&rp=&precision=ns}, optional basic auth.
   *
   * @param database database name; required
   * @param retentionPolicy retention policy, or null for the database default
   * @param username user, or null without authentication
   * @param password password (with {@code username})
   */
  record V1(String database, String retentionPolicy, String username, String password) implements InfluxTarget {
    public V1 {
      if (database == null || database.isBlank()) throw new IllegalArgumentException("influx.database is required");
    }

    @Override
    public URI writeUri(URI base) {
      String q = "db=" + enc(database) + (retentionPolicy == null ? "" : "&rp=" + enc(retentionPolicy)) + "&precision=ns";
      return URI.create(strip(base) + "/write?" + q);
    }

    @Override
    public String authorization() {
      if (username == null) return null;
      String up = username + ":" + (password == null ? "" : password);
      return "Basic " + Base64.getEncoder().encodeToString(up.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "V1[database=" + database + ", rp=" + retentionPolicy + ", username=" + username + ", password=***]";
    }
  }

  /**
   * InfluxDB 2.x: {@code POST /api/v2/write?org=&bucket=&precision=ns} with {@code Authorization:
   * Token …}.
   *
   * @param org organisation name or id; required
   * @param bucket bucket name; required
   * @param token API token with write permission; required
   */
  record V2(String org, String bucket, String token) implements InfluxTarget {
    public V2 {
      if (org == null || org.isBlank()) throw new IllegalArgumentException("influx.org is required");
      if (bucket == null || bucket.isBlank()) throw new IllegalArgumentException("influx.bucket is required");
      if (token == null || token.isBlank()) throw new IllegalArgumentException("influx.token is required");
    }

    @Override
    public URI writeUri(URI base) {
      return URI.create(strip(base) + "/api/v2/write?org=" + enc(org) + "&bucket=" + enc(bucket) + "&precision=ns");
    }

    @Override
    public String authorization() {
      return "Token " + token;
    }

    @Override
    public String toString() {
      return "V2[org=" + org + ", bucket=" + bucket + ", token=***]";
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String strip(URI base) {
    String s = base.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}

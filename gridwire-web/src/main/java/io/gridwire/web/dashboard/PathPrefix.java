package io.gridwire.web.dashboard;

import java.util.regex.Pattern;

/**
 * The path under which a reverse proxy serves the dashboard, as the proxy announces it: Home
 * Assistant's ingress sends {@code X-Ingress-Path: /api/hassio_ingress/<token>}, other proxies
 * (nginx, Traefik) {@code X-Forwarded-Prefix: /gridwire}. Only a plain absolute path is accepted:
 * segments of letters, digits and {@code . _ ~ -}, none of them only dots, at most
 * {@value #MAX_LENGTH} characters, so the value can go into the page without escaping and can
 * never point at another host.
 */
public final class PathPrefix {
  /** The headers read, in order of precedence. */
  public static final String INGRESS_HEADER = "X-Ingress-Path";
  public static final String FORWARDED_HEADER = "X-Forwarded-Prefix";
  static final int MAX_LENGTH = 256;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");
  private static final Pattern DOTS = Pattern.compile("\\.+");

  private PathPrefix() {}

  /** The outcome of reading one header value. */
  public sealed interface Parsed permits Absent, Valid, Invalid {}

  /** No header, or an empty one, or just {@code /}: the dashboard is at the root. */
  public record Absent() implements Parsed {}

  /** @param path the prefix without a trailing slash, e.g. {@code /api/hassio_ingress/abc} */
  public record Valid(String path) implements Parsed {
    /** The dashboard's root URL path, with the trailing slash a {@code <base href>} needs. */
    public String root() {
      return path + "/";
    }
  }

  /** @param reason why the value was refused, for the log */
  public record Invalid(String reason) implements Parsed {}

  /** Parses a header value (null when the header is missing). */
  public static Parsed parse(String value) {
    if (value == null) return new Absent();
    String v = value.strip();
    if (v.isEmpty() || v.equals("/")) return new Absent();
    if (v.length() > MAX_LENGTH) return new Invalid("longer than " + MAX_LENGTH + " characters");
    if (!v.startsWith("/")) return new Invalid("not an absolute path");
    if (v.endsWith("/")) v = v.substring(0, v.length() - 1);
    for (String segment : v.substring(1).split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) return new Invalid("a path segment is empty or has characters other than A-Z a-z 0-9 . _ ~ -");
      if (DOTS.matcher(segment).matches()) return new Invalid("a path segment is only dots");
    }
    return new Valid(v);
  }

  /** The first of the two headers present, parsed. */
  public static Parsed fromHeaders(String ingressPath, String forwardedPrefix) {
    return ingressPath != null ? parse(ingressPath) : parse(forwardedPrefix);
  }
}

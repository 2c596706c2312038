package io.gridwire.oig.codec;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares element-name strings: a Box sends the same few hundred names forever, so each is
 * allocated once. Bounded, so hostile input cannot grow it without limit. Thread-safe.
 */
final class Names {
  private static final int MAX = 4096;
  private static final ConcurrentHashMap<Key, String> CACHE = new ConcurrentHashMap<>();

  private Names() {}

  static String intern(byte[] raw, int off, int len) {
    Key probe = new Key(raw, off, len);
    String s = CACHE.get(probe);
    if (s != null) return s;
    s = new String(raw, off, len, StandardCharsets.US_ASCII);
    if (CACHE.size() < MAX) CACHE.putIfAbsent(new Key(s.getBytes(StandardCharsets.US_ASCII), 0, len), s);
    return s;
  }

  /** A byte-range key; the probe borrows the caller's array, stored keys own theirs. */
  private static final class Key {
    private final byte[] bytes;
    private final int off;
    private final int len;
    private final int hash;

    Key(byte[] bytes, int off, int len) {
      this.bytes = bytes;
      this.off = off;
      this.len = len;
      int h = 1;
      for (int i = off; i < off + len; i++) h = 31 * h + bytes[i];
      this.hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key k) || k.len != len || k.hash != hash) return false;
      for (int i = 0; i < len; i++) if (bytes[off + i] != k.bytes[k.off + i]) return false;
      return true;
    }
  }
}

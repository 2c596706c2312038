package io.gridwire.web.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON array of metrics entries ({@link ReadingJson}) for {@code GET /api/metrics} and the
 * WebSocket snapshot. Each device's entry is serialised once and reused while the latest reading
 * and the catalog of that device are the same objects (both are immutable and replaced on change),
 * so 10,000 mostly unchanged devices cost a copy, not a re-serialisation. Thread-safe; memory is
 * one entry per device (entries of vanished devices are dropped on each full listing).
 */
public final class LatestJson {
  private record Entry(Reading reading, Map<String, MetricInfo> catalog, byte[] json) {}

  private final MetricCatalog catalog;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  public LatestJson(MetricCatalog catalog) {
    this.catalog = catalog;
  }

  /** The entries of {@code readings}, in the given order, as a JSON array. */
  public byte[] array(List<Reading> readings) {
    byte[][] parts = new byte[readings.size()][];
    int size = 2 + Math.max(0, readings.size() - 1);
    Writer writer = new Writer();
    try {
      for (int i = 0; i < parts.length; i++) {
        parts[i] = entry(readings.get(i), writer);
        size += parts[i].length;
      }
    } finally {
      writer.close();
    }
    byte[] out = new byte[size];
    int pos = 0;
    out[pos++] = '[';
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) out[pos++] = ',';
      System.arraycopy(parts[i], 0, out, pos, parts[i].length);
      pos += parts[i].length;
    }
    out[pos] = ']';
    return out;
  }

  /** Forgets cached entries of devices not in {@code current} (call with a full listing). */
  public void retain(Collection<Reading> current) {
    if (cache.size() <= current.size()) return;
    Set<String> ids = new HashSet<>();
    for (Reading r : current) ids.add(r.deviceId());
    cache.keySet().retainAll(ids);
  }

  private byte[] entry(Reading r, Writer writer) {
    Map<String, MetricInfo> info = catalog.metrics(r.deviceId());
    Entry e = cache.get(r.deviceId());
    if (e != null && e.reading() == r && e.catalog() == info) return e.json();
    byte[] json = writer.write(r, info);
    cache.put(r.deviceId(), new Entry(r, info, json));
    return json;
  }

  /** One generator for all entries serialised by one call (creating 10,000 generators is costly). */
  private static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    private JsonGenerator g;

    byte[] write(Reading r, Map<String, MetricInfo> info) {
      try {
        if (g == null) {
          g = Json.MAPPER.getFactory().createGenerator(bytes);
          g.setRootValueSeparator(null);
        }
        ReadingJson.write(g, r, info);
        g.flush();
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      byte[] out = bytes.toByteArray();
      bytes.reset();
      return out;
    }

    void close() {
      if (g == null) return;
      try {
        g.close();
      } catch (IOException ignored) {
        // in-memory target
      }
    }
  }
}

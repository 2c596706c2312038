package io.gridwire.mqtt.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gridwire.core.reading.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * The state payload of a device: {@code {"timestamp":"2025-10-27T12:00:00Z","battery_voltage":24.5,
 * "relay_1":true,"coolant_temp":null}}. Whole numbers are written without a fraction; no-data is
 * JSON {@code null} (Home Assistant shows {@code unknown}, never a fake zero). Pure; thread-safe.
 */
public final class StateCodec {
  private static final JsonFactory JSON = new JsonFactory();

  private StateCodec() {}

  public static byte[] encode(Instant timestamp, Map<String, Value> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + values.size() * 24);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("timestamp", timestamp.toString());
      for (Map.Entry<String, Value> e : values.entrySet()) {
        g.writeFieldName(e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static void write(JsonGenerator g, Value v) throws IOException {
    switch (v) {
      case Value.Num n -> {
        double d = n.value();
        if (Double.isNaN(d) || Double.isInfinite(d)) g.writeNull();
        else if (d == Math.rint(d) && Math.abs(d) < 1e15) g.writeNumber((long) d);
        else g.writeNumber(d);
      }
      case Value.Bool b -> g.writeBoolean(b.value());
      case Value.Text t -> g.writeString(t.value());
      case Value.NoData ignored -> g.writeNull();
    }
  }
}

package io.gridwire.web.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.io.IOException;
import java.util.Map;

/**
 * Writes the metrics entry of one device, shared by {@code GET /api/metrics} and the WebSocket
 * stream:
 *
 * <pre>
 * {"device_id": "gen-1", "timestamp": "...Z", "received_at": "...Z",
 *  "values": {"gen_uab": 400.1, "coolant_temp": null},
 *  "no_data": {"coolant_temp": "sentinel"},
 *  "units": {"gen_uab": "V", "coolant_temp": "°C"}}
 * </pre>
 *
 * Written straight to the generator (no intermediate maps): 10,000 devices stay fast.
 */
public final class ReadingJson {
  private ReadingJson() {}

  public static void write(JsonGenerator g, Reading r, Map<String, MetricInfo> catalog) throws IOException {
    g.writeStartObject();
    g.writeStringField("device_id", r.deviceId());
    g.writeStringField("timestamp", r.timestamp().toString());
    g.writeStringField("received_at", r.receivedAt().toString());
    g.writeObjectFieldStart("values");
    boolean anyNoData = false;
    for (Map.Entry<String, Value> e : r.values().entrySet()) {
      g.writeFieldName(e.getKey());
      switch (e.getValue()) {
        case Value.Num n -> g.writeNumber(n.value());
        case Value.Bool b -> g.writeBoolean(b.value());
        case Value.Text t -> g.writeString(t.value());
        case Value.NoData ignored -> {
          g.writeNull();
          anyNoData = true;
        }
      }
    }
    g.writeEndObject();
    g.writeObjectFieldStart("no_data");
    if (anyNoData) {
      for (Map.Entry<String, Value> e : r.values().entrySet()) {
        if (e.getValue() instanceof Value.NoData nd) g.writeStringField(e.getKey(), nd.reason().wireName());
      }
    }
    g.writeEndObject();
    g.writeObjectFieldStart("units");
    if (!catalog.isEmpty()) {
      for (String metric : r.values().keySet()) {
        MetricInfo info = catalog.get(metric);
        if (info != null && info.unit() != null) g.writeStringField(metric, info.unit());
      }
    }
    g.writeEndObject();
    g.writeEndObject();
  }
}

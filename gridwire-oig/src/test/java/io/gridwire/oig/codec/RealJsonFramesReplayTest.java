package io.gridwire.oig.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.Value;
import io.gridwire.oig.field.OigFieldTable;
import io.gridwire.oig.field.ReadingMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Replays the ~360 real frames of the capture exports ({@code oig-frames/raw_json/*.json}, read in
 * place) through the codec: every CRC verified, every frame re-encoded byte for byte, and the
 * codec's fields compared with the exporter's own {@code parsed} dict where it has one.
 *
 * <p>Deliberate differences between the codec and the exporter's {@code parsed} dict, handled
 * below and nowhere else:
 *
 * <ul>
 *   <li>Number formatting: the codec keeps each value's wire text ({@code <Temp>26.60</Temp>} stays
 *       {@code "26.60"}, so a forwarded or re-encoded frame keeps its CRC); the exporter turned it
 *       into a JSON number ({@code 26.6}). Numbers are compared by value, exactly (BigDecimal).
 *   <li>Header elements: the exporter leaves out {@code TblName}, {@code ID_Device} (given as
 *       {@code _table}/{@code _device_id}), {@code ID_Set}, {@code DT}, {@code Reason}, {@code ver}
 *       and {@code CRC}; the codec keeps every element in wire order.
 *   <li>Readings: {@link ReadingMapper} holds numbers as doubles, and folds {@code ID_SubD} into the
 *       metric name ({@code _b<n>}) instead of publishing it as a value.
 * </ul>
 */
class RealJsonFramesReplayTest {
  private static final Set<String> EXPORT_LEAVES_OUT = Set.of("TblName", "ID_Device", "ID_Set", "DT", "Reason", "ver");
  private static final Set<FrameKind> BOX_KINDS = EnumSet.of(FrameKind.TABLE, FrameKind.POLL, FrameKind.BOX_END, FrameKind.SETTING_ACK);
  private static final Set<FrameKind> CLOUD_KINDS = EnumSet.of(FrameKind.ACK_GET_ACTUAL, FrameKind.ACK, FrameKind.END,
      FrameKind.NACK, FrameKind.SETTING, FrameKind.WEATHER);
  private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");

  @Test
  void parse_everyExportedFrame_crcVerifiedReEncodedExactlyAndKindByDirection() throws Exception {
    List<RealFrames.JsonFrame> frames = RealFrames.jsonFrames();
    assertThat(frames).hasSizeGreaterThanOrEqualTo(360);
    for (RealFrames.JsonFrame j : frames) {
      byte[] raw = j.raw().getBytes(StandardCharsets.UTF_8);
      assertThat(j.raw()).as(j.source()).endsWith("</Frame>\r\n");
      if (j.length() != null) assertThat(raw).as(j.source() + " byte length").hasSize(j.length());
      Decoded d = OigFrameParser.parse(raw);
      assertThat(d).as(j.source() + " CRC").isInstanceOf(Decoded.Ok.class);
      OigFrame f = ((Decoded.Ok) d).frame();
      assertThat(OigCrc.of(inner(j.raw()))).as(j.source()).isEqualTo(f.crc());
      assertThat(OigFrameBuilder.encode(f)).as(j.source() + " re-encoded").isEqualTo(raw);
      boolean fromCloud = "cloud_to_proxy".equals(j.direction());
      assertThat(f.kind()).as(j.source() + " kind").isIn(fromCloud ? CLOUD_KINDS : BOX_KINDS);
      if (!fromCloud && j.tableName() != null && !"unknown".equals(j.tableName())) {
        assertThat(j.tableName()).as(j.source() + " table").isEqualTo(f.table() != null && f.result() == null ? f.table() : f.result());
      }
    }
  }

  @Test
  void parse_framesWithParsedDict_codecFieldsEqualExportersFields() throws Exception {
    int compared = 0;
    for (RealFrames.JsonFrame j : RealFrames.jsonFrames()) {
      if (j.parsed() == null) continue;
      OigFrame f = ((Decoded.Ok) OigFrameParser.parse(j.raw())).frame();
      Map<String, Object> p = j.parsed();
      if (p.containsKey("_table")) assertThat(f.table()).as(j.source()).isEqualTo(p.get("_table"));
      if (p.containsKey("_device_id")) assertThat(f.deviceId()).as(j.source()).isEqualTo(p.get("_device_id"));
      List<String> codecNames = new ArrayList<>();
      for (OigFrame.Element e : f.elements()) if (!EXPORT_LEAVES_OUT.contains(e.name())) codecNames.add(e.name());
      assertThat(p.keySet().stream().filter(k -> !k.startsWith("_")).toList()).as(j.source() + " fields in order")
          .containsExactlyElementsOf(codecNames);
      for (String name : codecNames) {
        Object expected = p.get(name);
        String text = f.get(name);
        if (expected instanceof Number n) {
          assertThat(new BigDecimal(text)).as(j.source() + " " + name + "=" + text).isEqualByComparingTo(new BigDecimal(n.toString()));
        } else {
          assertThat(text).as(j.source() + " " + name).isEqualTo(expected);
        }
      }
      compared++;
    }
    assertThat(compared).as("frames with a parsed dict").isGreaterThanOrEqualTo(200);
  }

  @Test
  void map_tableFramesWithParsedDict_readingValuesEqualExportersNumbersAndText() throws Exception {
    ReadingMapper mapper = new ReadingMapper(OigFieldTable.standard(), PRAGUE);
    int compared = 0;
    for (RealFrames.JsonFrame j : RealFrames.jsonFrames()) {
      if (j.parsed() == null) continue;
      OigFrame f = ((Decoded.Ok) OigFrameParser.parse(j.raw())).frame();
      if (f.kind() != FrameKind.TABLE) continue;
      var mapped = mapper.map(f, Instant.EPOCH).orElseThrow();
      assertThat(mapped.reading().timestamp()).as(j.source() + " DT").isNotEqualTo(Instant.EPOCH);
      for (var e : j.parsed().entrySet()) {
        if (e.getKey().startsWith("_") || e.getKey().equals("ID_SubD")) continue;
        String metric = OigFieldTable.metricName(f.table(), e.getKey(), mapped.bank());
        Value expected = e.getValue() instanceof Number n ? Value.of(new BigDecimal(n.toString()).doubleValue())
            : ((String) e.getValue()).isEmpty() ? Value.ABSENT : Value.of((String) e.getValue());
        assertThat(mapped.reading().values()).as(j.source()).containsEntry(metric, expected);
      }
      compared++;
    }
    assertThat(compared).as("table frames with a parsed dict").isGreaterThanOrEqualTo(200);
  }

  @Test
  void decoder_allExportedFramesInOneStream_extractsEachInOrder() throws Exception {
    List<String> frames = RealFrames.jsonFrames().stream().map(RealFrames.JsonFrame::raw).toList();
    byte[] stream = String.join("", frames).getBytes(StandardCharsets.UTF_8);
    FrameDecoder decoder = new FrameDecoder();
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int off = 0; off < stream.length; off += 613) {
      decoder.feed(stream, off, Math.min(613, stream.length - off), p -> {
        switch (p) {
          case Piece.Frame fr -> {
            if (!current.isEmpty()) out.add(current.toString());
            current.setLength(0);
            current.append(new String(fr.raw(), StandardCharsets.UTF_8));
          }
          case Piece.Terminator t -> current.append(new String(t.bytes(), StandardCharsets.UTF_8));
          default -> throw new AssertionError("unexpected " + p);
        }
      });
    }
    out.add(current.toString());
    assertThat(out).containsExactlyElementsOf(frames);
  }

  /** The CRC input: the bytes between {@code <Frame>} and {@code </Frame>} without the CRC element. */
  private static byte[] inner(String raw) {
    String body = raw.substring("<Frame>".length(), raw.indexOf("</Frame>"));
    return body.replaceFirst("<CRC>\\d{5}</CRC>$", "").getBytes(StandardCharsets.UTF_8);
  }
}

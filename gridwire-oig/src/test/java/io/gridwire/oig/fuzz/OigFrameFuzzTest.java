package io.gridwire.oig.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.NumberText;
import io.gridwire.core.reading.Value;
import io.gridwire.oig.codec.OigCrc;
import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.FrameDecoder;
import io.gridwire.oig.codec.OigFrameParser;
import io.gridwire.oig.codec.Piece;
import io.gridwire.oig.field.OigFieldTable;
import io.gridwire.oig.field.ReadingMapper;
import io.gridwire.oig.sim.BoxFrames;
import io.gridwire.testkit.Fuzzer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Standing fuzz test of the OIG frame parser, the stream splitter and the reading mapper, on
 * mutated Box frames (most re-signed with a valid CRC so the mutation reaches the mapper). Time
 * per run: {@link Fuzzer#budget()}.
 */
class OigFrameFuzzTest {
  private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
  private static final int MAX_FRAME = 4096;
  private static final List<byte[]> TOKENS = Fuzzer.tokens("1e999", "-1e999", "NaN", "Inf", "-Infinity", "9".repeat(400), "<", ">",
      "</", "<Frame>", "</Frame>", "<CRC>", "\r\n", "1.5e3", ".", "-", "+", "\u00ff\u00fe", "<ID_Device>", "<TblName>tbl_batt</TblName>");
  private final ReadingMapper mapper = new ReadingMapper(OigFieldTable.standard(), PRAGUE);

  private static List<byte[]> corpus() {
    BoxFrames box = new BoxFrames("2206237016", PRAGUE, 7);
    Instant at = Instant.parse("2026-02-17T08:05:08Z");
    List<byte[]> frames = new ArrayList<>();
    for (String t : BoxFrames.BATCH) frames.add(box.batchTable(t, at));
    frames.add(box.actual(at));
    frames.add(box.isNewSet());
    frames.add(box.table("tbl_batt", at, "BAT_P", "-2319", "BAT_V", "52.14", "BAT_X", "abc", "BAT_E", ""));
    return frames.stream().map(OigFrameFuzzTest::inner).toList();
  }

  /** The bytes between {@code <Frame>} and {@code <CRC>}. */
  private static byte[] inner(byte[] frame) {
    String s = new String(frame, StandardCharsets.ISO_8859_1);
    return s.substring("<Frame>".length(), s.indexOf("<CRC>")).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Three inputs in four get a valid CRC over the mutated body; the rest go as they are. */
  private static byte[] frame(byte[] body) {
    if (body.length % 4 == 0) return body;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("<Frame>".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    out.writeBytes(("<CRC>" + OigCrc.of(body) + "</CRC></Frame>\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  @Test
  void parseAndMap_mutatedFrames_declaredOutcomesAndNumbersNeverText() {
    long cases = new Fuzzer(corpus(), TOKENS).run(body -> {
      Decoded d = OigFrameParser.parse(frame(body));
      assertThat(d).isNotNull();
      if (!(d instanceof Decoded.Ok ok)) return;
      mapper.map(ok.frame(), Instant.EPOCH).ifPresent(m -> m.reading().values().forEach((name, v) -> {
        if (v instanceof Value.Num n) assertThat(n.value()).as(name).isFinite();
        if (v instanceof Value.Text t) assertThat(NumberText.parse(t.value())).as(name + " = text " + t.value()).isNull();
      }));
    });
    assertThat(cases).isGreaterThan(0);
  }

  @Test
  void frameDecoder_mutatedStream_bufferBoundedAndFramesWithinMax() {
    new Fuzzer(corpus(), TOKENS).run(body -> {
      byte[] f = frame(body);
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      for (int k = 0; k < 3; k++) stream.writeBytes(f); // several frames, split at arbitrary points
      byte[] all = stream.toByteArray();
      FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
      int chunk = 1 + body.length % 97;
      for (int off = 0; off < all.length; off += chunk) {
        decoder.feed(all, off, Math.min(chunk, all.length - off), p -> {
          if (p instanceof Piece.Frame fr) assertThat(fr.raw().length).isLessThanOrEqualTo(MAX_FRAME);
        });
        assertThat(decoder.buffered()).isLessThanOrEqualTo(MAX_FRAME);
      }
    });
  }
}

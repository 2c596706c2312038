package io.gridwire.oig.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  private static final String ACK = "<Frame><Result>ACK</Result><CRC>54590</CRC></Frame>\r\n";
  private static final String END = "<Frame><Result>END</Result><CRC>34500</CRC></Frame>\r\n";
  private final FrameDecoder decoder = new FrameDecoder(256);
  private final List<Piece> out = new ArrayList<>();

  private void feed(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    decoder.feed(b, 0, b.length, out::add);
  }

  private List<String> frames() {
    List<String> s = new ArrayList<>();
    for (Piece p : out) if (p instanceof Piece.Frame f) s.add(new String(f.raw(), StandardCharsets.US_ASCII));
    return s;
  }

  @Test
  void feed_partialFrame_waitsForMoreBytes() {
    feed(ACK.substring(0, 20));
    assertThat(out).isEmpty();
    feed(ACK.substring(20));
    assertThat(frames()).containsExactly(ACK);
  }

  @Test
  void feed_twoFramesInOneSegment_emitsBoth() {
    feed(ACK + END);
    assertThat(frames()).containsExactly(ACK, END);
    assertThat(decoder.buffered()).isZero();
  }

  @Test
  void feed_garbageBeforeFrame_dropsAndResyncs() {
    feed("\u0000\u00ffnoise<Fr");
    feed("ame><Result>ACK</Result><CRC>54590</CRC></Frame>\r\n");
    assertThat(out.getFirst()).isEqualTo(new Piece.Garbage(7)); // "\0?noise"
    assertThat(frames()).containsExactly(ACK);
  }

  @Test
  void feed_truncatedFrameThenNewFrame_dropsTruncated() {
    feed("<Frame><Result>AC" + END);
    assertThat(out.getFirst()).isEqualTo(new Piece.Garbage(17));
    assertThat(frames()).containsExactly(END);
  }

  @Test
  void feed_terminatorInLaterRead_frameEmittedAtOnceAndTerminatorReported() {
    feed(ACK.substring(0, ACK.length() - 2));
    assertThat(frames()).hasSize(1);
    feed("\r\n");
    assertThat(out.getLast()).isInstanceOf(Piece.Terminator.class);
    assertThat(((Piece.Terminator) out.getLast()).bytes()).containsExactly('\r', '\n');
  }

  @Test
  void feed_crThenLfSplit_bothKept() {
    feed(ACK.substring(0, ACK.length() - 1));
    feed("\n" + END);
    assertThat(frames()).containsExactly(ACK.substring(0, ACK.length() - 1), END);
    assertThat(out.get(1)).isInstanceOf(Piece.Terminator.class);
  }

  @Test
  void feed_lfOnlyTerminator_accepted() {
    feed("<Frame><Result>ACK</Result><CRC>54590</CRC></Frame>\n" + END);
    assertThat(frames()).hasSize(2);
  }

  @Test
  void feed_frameOverBoundWithoutEnd_reportedAtOnceThenSkippedAndResyncs() {
    feed("<Frame><X>" + "a".repeat(2000));
    assertThat(out).as("reported before its end arrives").singleElement().isInstanceOfSatisfying(Piece.Oversize.class, o -> {
      assertThat(o.closed()).isFalse();
      assertThat(o.count()).isGreaterThan(256);
    });
    assertThat(decoder.buffered()).isLessThan(300);
    for (int i = 0; i < 100; i++) feed("a".repeat(2000));
    assertThat(decoder.buffered()).isLessThan(300);
    feed("a".repeat(2000) + "</X><CRC>00000</CRC></Frame>\r\n" + ACK);
    assertThat(out).filteredOn(p -> p instanceof Piece.Oversize).as("reported once").hasSize(1);
    assertThat(frames()).containsExactly(ACK);
  }

  @Test
  void feed_wholeFrameOverBound_reportedClosed() {
    feed("<Frame><X>" + "a".repeat(300) + "</X><CRC>00000</CRC></Frame>\r\n" + ACK);
    assertThat(out).filteredOn(p -> p instanceof Piece.Oversize).singleElement()
        .satisfies(p -> assertThat(((Piece.Oversize) p).closed()).isTrue());
    assertThat(frames()).containsExactly(ACK);
  }

  @Test
  void feed_byteByByte_sameFramesAsWhole() {
    String stream = "junk" + ACK + END + ACK;
    for (char c : stream.toCharArray()) feed(String.valueOf(c));
    // each CR and each LF arrives after its frame was emitted: both are reported as terminators,
    // none as garbage (the LF after a lone CR was taken for garbage, and a proxy dropped it)
    assertThat(frames()).containsExactly(ACK.strip(), END.strip(), ACK.strip());
    assertThat(out).filteredOn(p -> p instanceof Piece.Terminator).map(p -> new String(((Piece.Terminator) p).bytes(),
        java.nio.charset.StandardCharsets.US_ASCII)).containsExactly("\r", "\n", "\r", "\n", "\r", "\n");
    assertThat(out.stream().filter(p -> p instanceof Piece.Garbage).mapToInt(p -> ((Piece.Garbage) p).count()).sum())
        .as("only \"junk\" dropped").isEqualTo(4);
  }

  @Test
  void feed_loneCrThenAnotherCr_secondIsNotTakenForTheLineEnd() {
    feed(ACK.strip());
    feed("\r");
    feed("\r" + END);
    assertThat(frames()).containsExactly(ACK.strip(), END);
    assertThat(out).filteredOn(p -> p instanceof Piece.Terminator).hasSize(1);
  }
}

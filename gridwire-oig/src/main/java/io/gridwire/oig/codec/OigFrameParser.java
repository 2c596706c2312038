package io.gridwire.oig.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one frame's bytes into an {@link OigFrame} and checks its CRC (protocols/oig.md §2–3).
 * A hand-written scanner over the flat grammar, not an XML parser:
 *
 * <pre>
 *  frame    = "&lt;Frame&gt;" element* "&lt;CRC&gt;" 5DIGIT "&lt;/CRC&gt;" "&lt;/Frame&gt;" [CR] [LF]
 *  element  = "&lt;" NAME "&gt;" *(any byte but "&lt;") "&lt;/" NAME "&gt;"     NAME = 1*(ALPHA / DIGIT / "_")
 * </pre>
 *
 * Pure and thread-safe.
 */
public final class OigFrameParser {
  static final byte[] OPEN = "<Frame>".getBytes(StandardCharsets.US_ASCII);
  static final byte[] CLOSE = "</Frame>".getBytes(StandardCharsets.US_ASCII);
  private static final String CRC = "CRC";

  private OigFrameParser() {}

  public static Decoded parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  public static Decoded parse(byte[] raw) {
    return parse(raw, 0, raw.length);
  }

  /** Parses {@code raw[off, off+len)}, which holds one frame and optionally its CR/LF. */
  public static Decoded parse(byte[] raw, int off, int len) {
    int end = off + len;
    while (end > off && (raw[end - 1] == '\r' || raw[end - 1] == '\n')) end--;
    if (!startsWith(raw, off, end, OPEN)) return new Decoded.Malformed("does not start with <Frame>");
    int innerEnd = end - CLOSE.length;
    if (innerEnd < off + OPEN.length || !startsWith(raw, innerEnd, end, CLOSE)) {
      return new Decoded.Malformed("does not end with </Frame>");
    }
    int innerStart = off + OPEN.length;
    List<OigFrame.Element> elements = new ArrayList<>(24);
    int pos = innerStart;
    int crcStart = -1;
    String crc = null;
    while (pos < innerEnd) {
      if (crc != null) return new Decoded.Malformed("element after <CRC> at byte " + (pos - off));
      if (raw[pos] != '<') return new Decoded.Malformed("expected '<' at byte " + (pos - off));
      int nameStart = pos + 1;
      int nameEnd = nameStart;
      while (nameEnd < innerEnd && isNameByte(raw[nameEnd])) nameEnd++;
      if (nameEnd == nameStart || nameEnd >= innerEnd || raw[nameEnd] != '>') {
        return new Decoded.Malformed("bad element name at byte " + (pos - off));
      }
      int valueStart = nameEnd + 1;
      int valueEnd = valueStart;
      while (valueEnd < innerEnd && raw[valueEnd] != '<') valueEnd++;
      int nameLen = nameEnd - nameStart;
      int closeEnd = valueEnd + 3 + nameLen;
      if (closeEnd > innerEnd || raw[valueEnd + 1] != '/' || raw[closeEnd - 1] != '>'
          || !sameBytes(raw, nameStart, valueEnd + 2, nameLen)) {
        return new Decoded.Malformed("unclosed element at byte " + (pos - off));
      }
      String name = Names.intern(raw, nameStart, nameLen);
      String value = new String(raw, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8);
      if (name.equals(CRC)) {
        crcStart = pos;
        crc = value;
      } else {
        elements.add(new OigFrame.Element(name, value));
      }
      pos = closeEnd;
    }
    if (crc == null) return new Decoded.Malformed("no <CRC> element");
    OigFrame frame = new OigFrame(elements, crc);
    String expected = OigCrc.of(raw, innerStart, crcStart - innerStart);
    return expected.equals(crc) ? new Decoded.Ok(frame) : new Decoded.BadCrc(frame, expected);
  }

  private static boolean isNameByte(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
  }

  static boolean startsWith(byte[] raw, int off, int end, byte[] prefix) {
    if (end - off < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if (raw[off + i] != prefix[i]) return false;
    return true;
  }

  private static boolean sameBytes(byte[] raw, int a, int b, int len) {
    for (int i = 0; i < len; i++) if (raw[a + i] != raw[b + i]) return false;
    return true;
  }
}

package io.gridwire.oig.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a frame in exactly the element order given, computes its CRC and appends CR LF
 * (protocols/oig.md §2–3). Not thread-safe; cheap to create.
 *
 * <pre>{@code
 * byte[] ack = OigFrameBuilder.create().add("Result", "ACK").add("ToDo", "GetActual").toBytes();
 * // <Frame><Result>ACK</Result><ToDo>GetActual</ToDo><CRC>00167</CRC></Frame>\r\n
 * }</pre>
 */
public final class OigFrameBuilder {
  private final StringBuilder inner = new StringBuilder(128);
  private final List<OigFrame.Element> elements = new ArrayList<>();

  private OigFrameBuilder() {}

  public static OigFrameBuilder create() {
    return new OigFrameBuilder();
  }

  /** Re-encodes a frame's elements in their order with a fresh CRC. */
  public static byte[] encode(OigFrame frame) {
    OigFrameBuilder b = create();
    for (OigFrame.Element e : frame.elements()) b.add(e.name(), e.value());
    return b.toBytes();
  }

  /**
   * Appends one element.
   *
   * @throws IllegalArgumentException if the name is not {@code [A-Za-z0-9_]+}, is {@code CRC}, or
   *     the value contains {@code <}
   */
  public OigFrameBuilder add(String name, String value) {
    if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '_')) {
      throw new IllegalArgumentException("bad element name: '" + name + "'");
    }
    if (name.equals("CRC")) throw new IllegalArgumentException("CRC is computed, not added");
    if (value.indexOf('<') >= 0) throw new IllegalArgumentException("value of " + name + " contains '<'");
    inner.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
    elements.add(new OigFrame.Element(name, value));
    return this;
  }

  /** The CRC of the elements added so far, five digits. */
  public String crc() {
    return OigCrc.of(inner.toString().getBytes(StandardCharsets.UTF_8));
  }

  public OigFrame toFrame() {
    return new OigFrame(elements, crc());
  }

  /** The frame text without the CR LF terminator. */
  public String toText() {
    return "<Frame>" + inner + "<CRC>" + crc() + "</CRC></Frame>";
  }

  /** The wire bytes, CR LF included. */
  public byte[] toBytes() {
    return (toText() + "\r\n").getBytes(StandardCharsets.UTF_8);
  }
}

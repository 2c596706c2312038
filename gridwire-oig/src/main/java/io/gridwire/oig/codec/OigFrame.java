package io.gridwire.oig.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One decoded OIG frame: its elements in wire order, without the trailing {@code <CRC>} element.
 * A name may repeat (the long {@code IsNewSet} poll carries {@code ID_Device} twice), so lookups
 * return the first occurrence and {@link #all} returns every one. Immutable; equal when elements
 * and CRC text are equal.
 *
 * <pre>
 *  &lt;Frame&gt;&lt;TblName&gt;tbl_actual&lt;/TblName&gt;&lt;ID_Set&gt;…&lt;/ID_Set&gt; … &lt;ver&gt;12345&lt;/ver&gt;&lt;CRC&gt;00167&lt;/CRC&gt;&lt;/Frame&gt;\r\n
 *         └──────────── elements (CRC input) ─────────────────────┘└─ crc ─┘
 * </pre>
 *
 * The elements a proxy asks for on every frame ({@code TblName}, {@code Result},
 * {@code ID_Device}) and the frame's {@link FrameKind} are found in one pass when the frame is
 * made: asked for by name they cost a scan of the elements each, several times per frame.
 */
public final class OigFrame {

  /** One {@code <Name>value</Name>} element; value may be empty, never null. */
  public record Element(String name, String value) {
    public Element {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  private final List<Element> elements;
  private final String crc;
  private final String table;
  private final String result;
  private final String deviceId;
  private final FrameKind kind;

  /**
   * @param elements name/value pairs in wire order (copied, unmodifiable)
   * @param crc the five-digit CRC text as received (or generated), never null
   */
  public OigFrame(List<Element> elements, String crc) {
    this.elements = List.copyOf(elements);
    this.crc = Objects.requireNonNull(crc, "crc");
    String tbl = null;
    String res = null;
    String dev = null;
    for (Element e : this.elements) {
      switch (e.name()) {
        case "TblName" -> tbl = tbl == null ? e.value() : tbl;
        case "Result" -> res = res == null ? e.value() : res;
        case "ID_Device" -> dev = dev == null ? e.value() : dev;
        default -> { }
      }
    }
    this.table = tbl;
    this.result = res;
    this.deviceId = dev;
    this.kind = FrameKind.of(this);
  }

  /** Name/value pairs in wire order, unmodifiable. */
  public List<Element> elements() {
    return elements;
  }

  /** The five-digit CRC text as received (or generated). */
  public String crc() {
    return crc;
  }

  /** The first value of {@code name}, if present. */
  public Optional<String> first(String name) {
    return Optional.ofNullable(get(name));
  }

  /** The first value of {@code name}, or null. */
  public String get(String name) {
    for (Element e : elements) if (e.name().equals(name)) return e.value();
    return null;
  }

  /** Every value of {@code name}, in wire order. */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>(2);
    for (Element e : elements) if (e.name().equals(name)) out.add(e.value());
    return out;
  }

  /** {@code TblName}, or null (polls, answers). */
  public String table() {
    return table;
  }

  /** {@code Result}, or null (data tables, cloud Setting frames). */
  public String result() {
    return result;
  }

  /** {@code ID_Device}, or null (cloud ACK/END/NACK). */
  public String deviceId() {
    return deviceId;
  }

  public FrameKind kind() {
    return kind;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OigFrame f && elements.equals(f.elements) && crc.equals(f.crc);
  }

  @Override
  public int hashCode() {
    return 31 * elements.hashCode() + crc.hashCode();
  }

  @Override
  public String toString() {
    return "OigFrame[elements=" + elements + ", crc=" + crc + "]";
  }
}

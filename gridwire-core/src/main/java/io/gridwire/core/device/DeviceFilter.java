package io.gridwire.core.device;

/**
 * Filter for device lists; a null component matches everything.
 *
 * @param site site code
 * @param source connector
 * @param online presence
 */
public record DeviceFilter(String site, Source source, Boolean online) {
  public static final DeviceFilter ALL = new DeviceFilter(null, null, null);

  public boolean matches(Device d) {
    return (site == null || site.equals(d.site()))
        && (source == null || source == d.source())
        && (online == null || online == d.online());
  }
}

package io.gridwire.modbus.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every register profile the gateway knows: the built-ins from the classpath, then the user's
 * {@code *.yaml}/{@code *.yml} files from a folder (a user profile with a built-in's name
 * replaces it), and profiles added while the gateway runs ({@link #add}). Thread-safe.
 */
public final class ProfileLibrary {
  /** Names of the built-in profiles, served from {@code io/gridwire/modbus/profile/NAME.yaml}. */
  public static final List<String> BUILT_IN = List.of("smartgen-hgm9520n", "smartgen-hgm9560");
  private static final Logger log = LoggerFactory.getLogger(ProfileLibrary.class);

  /** The {@link Profile#origin()} of profiles added through the API. */
  public static final String API_ORIGIN = "api";
  private final Map<String, Profile> profiles;

  private ProfileLibrary(Map<String, Profile> profiles) {
    this.profiles = new java.util.concurrent.ConcurrentSkipListMap<>(profiles);
  }

  /**
   * Adds a profile (or replaces one of the same name); devices started afterwards may use it.
   * Devices already polling keep the profile they started with.
   *
   * @return the profile it replaced, if any
   */
  public Optional<Profile> add(Profile profile) {
    return Optional.ofNullable(profiles.put(profile.name(), profile));
  }

  /** Where a profile comes from: {@code built-in}, {@code file} or {@code api}. */
  public static String originKind(Profile p) {
    if (p.origin().startsWith("classpath:")) return "built-in";
    return API_ORIGIN.equals(p.origin()) ? "api" : "file";
  }

  /** The built-in profiles only. */
  public static ProfileLibrary builtIns() {
    return load(null);
  }

  /**
   * Built-ins plus every profile file in {@code userFolder}.
   *
   * @param userFolder folder of user profiles, or null for none; a missing folder is an error
   * @throws ProfileException naming the file, block and field of the first bad profile
   */
  public static ProfileLibrary load(Path userFolder) {
    ProfileParser parser = new ProfileParser();
    Map<String, Profile> all = new TreeMap<>();
    for (String name : BUILT_IN) {
      String resource = "/io/gridwire/modbus/profile/" + name + ".yaml";
      try (InputStream in = ProfileLibrary.class.getResourceAsStream(resource)) {
        if (in == null) throw new ProfileException("built-in profile missing from the classpath: " + resource);
        all.put(name, parser.parse("classpath:" + resource, in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (userFolder != null) {
      for (Path file : profileFiles(userFolder)) {
        Profile p;
        try (InputStream in = Files.newInputStream(file)) {
          p = parser.parse(file.toString(), in);
        } catch (IOException e) {
          throw new ProfileException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (all.containsKey(p.name())) log.info("profile {} from {} replaces {}", p.name(), file, all.get(p.name()).origin());
        all.put(p.name(), p);
      }
    }
    return new ProfileLibrary(all);
  }

  private static List<Path> profileFiles(Path folder) {
    if (!Files.isDirectory(folder)) throw new ProfileException(folder + ": profile folder does not exist");
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> files = new ArrayList<>();
      s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().forEach(files::add);
      return files;
    } catch (IOException e) {
      throw new ProfileException(folder + ": cannot list: " + e.getMessage(), e);
    }
  }

  public Optional<Profile> find(String name) {
    return Optional.ofNullable(profiles.get(name));
  }

  /** The profile, or an exception listing the known names. */
  public Profile get(String name) {
    Profile p = profiles.get(name);
    if (p == null) throw new ProfileException("unknown profile '" + name + "' (known: " + profiles.keySet() + ")");
    return p;
  }

  public List<String> names() {
    return List.copyOf(profiles.keySet());
  }
}

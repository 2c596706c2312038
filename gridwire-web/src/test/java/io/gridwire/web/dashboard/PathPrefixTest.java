package io.gridwire.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathPrefixTest {

  @Test
  void parse_haIngressPath_validWithTrailingSlashRoot() {
    PathPrefix.Parsed p = PathPrefix.parse("/api/hassio_ingress/Xy9_-abc123");
    assertThat(p).isEqualTo(new PathPrefix.Valid("/api/hassio_ingress/Xy9_-abc123"));
    assertThat(((PathPrefix.Valid) p).root()).isEqualTo("/api/hassio_ingress/Xy9_-abc123/");
  }

  @Test
  void parse_trailingSlash_dropped() {
    assertThat(PathPrefix.parse(" /gridwire/ ")).isEqualTo(new PathPrefix.Valid("/gridwire"));
  }

  @Test
  void parse_missingEmptyOrRoot_absent() {
    assertThat(PathPrefix.parse(null)).isInstanceOf(PathPrefix.Absent.class);
    assertThat(PathPrefix.parse("")).isInstanceOf(PathPrefix.Absent.class);
    assertThat(PathPrefix.parse("/")).isInstanceOf(PathPrefix.Absent.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gridwire", "//evil.example.com", "/a//b", "/a/../b", "/..", "/a b", "/a\"><script>",
      "/a?x=1", "/a#b", "https://evil.example.com/x", "/a%2e%2e"})
  void parse_notAPlainPath_invalid(String value) {
    assertThat(PathPrefix.parse(value)).as(value).isInstanceOf(PathPrefix.Invalid.class);
  }

  @Test
  void parse_tooLong_invalid() {
    assertThat(PathPrefix.parse("/" + "a".repeat(PathPrefix.MAX_LENGTH))).isInstanceOf(PathPrefix.Invalid.class);
  }

  @Test
  void fromHeaders_both_ingressWins() {
    assertThat(PathPrefix.fromHeaders("/api/hassio_ingress/t", "/gridwire")).isEqualTo(new PathPrefix.Valid("/api/hassio_ingress/t"));
    assertThat(PathPrefix.fromHeaders(null, "/gridwire")).isEqualTo(new PathPrefix.Valid("/gridwire"));
  }

  @Test
  void withBase_headWithAttributesOrMissing_baseFirstInHead() {
    assertThat(IndexPage.withBase("<html><head lang=\"en\"><title>x</title></head></html>", "/p/"))
        .isEqualTo("<html><head lang=\"en\">\n  <base href=\"/p/\"><title>x</title></head></html>");
    assertThat(IndexPage.withBase("<p>no head</p>", "/p/")).isEqualTo("<base href=\"/p/\"><p>no head</p>");
  }
}

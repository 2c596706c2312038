package io.gridwire.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsAccessTest {
  final TestGateway gw = new TestGateway().start();

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void metrics_noToken_401() {
    assertThat(gw.get("/metrics", null).statusCode()).isEqualTo(401);
  }

  @Test
  void metrics_wrongToken_401() {
    assertThat(gw.get("/metrics", "scrape-token-for-tests-0123456780").statusCode()).isEqualTo(401);
  }

  @Test
  void metrics_scrapeToken_200() {
    assertThat(gw.get("/metrics", TestGateway.SCRAPE_TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void metrics_viewerOrAdminSession_200() {
    assertThat(gw.get("/metrics", gw.login(TestGateway.VIEWER)).statusCode()).isEqualTo(200);
    assertThat(gw.get("/metrics", gw.login(TestGateway.ADMIN)).statusCode()).isEqualTo(200);
  }

  @Test
  void scrapeToken_onApi_notASession401() {
    assertThat(gw.get("/api/devices", TestGateway.SCRAPE_TOKEN).statusCode()).isEqualTo(401);
  }

  @Test
  void api_anonymous_401ForExistingAndMissingPaths() {
    for (String path : new String[] {"/api/devices", "/api/oig/boxes", "/api/modbus/devices", "/api/nothing/here"}) {
      assertThat(gw.get(path, null).statusCode()).as(path).isEqualTo(401);
    }
    assertThat(gw.get("/api/nothing/here", gw.login(TestGateway.VIEWER)).statusCode()).isEqualTo(404);
  }
}

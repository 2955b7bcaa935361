package io.autoanime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.support.FakeSonarr;
import io.autoanime.support.Sql;
import io.autoanime.support.TestDatabases;
import io.autoanime.support.TestLibrary;
import io.autoanime.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/** The service and a fake Sonarr for the browser tests; the library is synced once unless asked not to. */
final class UiService implements AutoCloseable {
  final Vertx sonarrVertx;
  final FakeSonarr sonarr;
  final TestService service;

  private UiService(Vertx sonarrVertx, FakeSonarr sonarr, TestService service) {
    this.sonarrVertx = sonarrVertx;
    this.sonarr = sonarr;
    this.service = service;
  }

  /** The standard library plus whatever {@code library} adds, synced. */
  static UiService synced(Consumer<FakeSonarr> library, Consumer<JsonObject> settings) {
    UiService ui = unsynced(library, settings);
    assertThat(ui.service.fullSync().getString("status")).isEqualTo("succeeded");
    return ui;
  }

  static UiService unsynced(Consumer<FakeSonarr> library, Consumer<JsonObject> settings) {
    Vertx sonarrVertx = Vertx.vertx();
    FakeSonarr sonarr = TestLibrary.loadStandard(new FakeSonarr(sonarrVertx).start());
    library.accept(sonarr);
    JsonObject config = TestService.settingsFor(sonarr);
    settings.accept(config);
    return new UiService(sonarrVertx, sonarr, TestService.start(TestDatabases.fresh(), config));
  }

  /** The UI at a page, e.g. {@code page("/library")}. */
  String page(String path) {
    return service.url() + "/#" + path;
  }

  long seriesId(long sonarrId) {
    return Sql.count(service.database(), "SELECT id FROM series WHERE sonarr_id = " + sonarrId);
  }

  @Override
  public void close() {
    service.close();
    sonarr.stop();
    TestService.await(sonarrVertx.close());
  }
}

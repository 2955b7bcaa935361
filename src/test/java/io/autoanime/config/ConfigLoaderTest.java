package io.autoanime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file and the environment, merged as a start-up reads them. */
class ConfigLoaderTest {
  private final Vertx vertx = Vertx.vertx();
  @TempDir
  Path folder;

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void a_variable_wins_over_the_file() throws Exception {
    Path file = configFile(new JsonObject().put("AUTOANIME_API_KEY", "from-the-file").put("PORT", 4000));

    AppConfig config = load(Map.of("AUTOANIME_CONFIG", file.toString(), "AUTOANIME_API_KEY", "from-the-environment"));

    assertThat(config.apiKey()).contains("from-the-environment");
    assertThat(config.port()).isEqualTo(4000);
  }

  @Test
  void a_variable_set_to_nothing_leaves_the_files_value_as_a_compose_file_passes_one_not_given() throws Exception {
    Path file = configFile(new JsonObject().put("AUTOANIME_API_KEY", "from-the-file")
        .put("SONARR_URL", "http://sonarr:8989").put("SONARR_API_KEY", "sonarr-key"));

    AppConfig config = load(Map.of("AUTOANIME_CONFIG", file.toString(),
        "AUTOANIME_API_KEY", "", "SONARR_URL", "  ", "SONARR_API_KEY", ""));

    assertThat(config.apiKey()).contains("from-the-file");
    assertThat(config.sonarrUrl()).contains("http://sonarr:8989");
    assertThat(config.sonarrApiKey()).contains("sonarr-key");
  }

  @Test
  void variables_the_service_does_not_read_are_left_out() {
    assertThat(ConfigLoader.settingsSetIn(Map.of("PATH", "/usr/bin", "PORT", "3002", "SONARR_URL", "")))
        .isEqualTo(new JsonObject().put("PORT", "3002"));
  }

  @Test
  void a_config_file_that_is_not_there_stops_the_start_with_its_path() {
    String missing = folder.resolve("missing.json").toString();

    assertThatThrownBy(() -> load(Map.of("AUTOANIME_CONFIG", missing)))
        .isInstanceOf(ConfigException.class).hasMessageContaining(missing);
  }

  @Test
  void a_config_file_with_an_unquoted_secret_stops_the_start_with_the_place_of_the_error_not_the_secret() throws Exception {
    Path file = folder.resolve("config.json");
    Files.writeString(file, "{\"SONARR_URL\": \"http://sonarr:8989\",\n \"SONARR_API_KEY\": Secretkey99}");

    assertThatThrownBy(() -> load(Map.of("AUTOANIME_CONFIG", file.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("line 2, column")
        .hasMessageContaining("double quotes")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Secretkey99", "Secret"));
  }

  @Test
  void a_config_file_cut_short_or_not_an_object_stops_the_start_saying_so() throws Exception {
    Path cut = folder.resolve("cut.json");
    Files.writeString(cut, "{\"SONARR_API_KEY\": \"Secretkey99");
    Path array = folder.resolve("array.json");
    Files.writeString(array, "[\"Secretkey99\"]");

    assertThatThrownBy(() -> load(Map.of("AUTOANIME_CONFIG", cut.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ends before the JSON is complete")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Secretkey99"));
    assertThatThrownBy(() -> load(Map.of("AUTOANIME_CONFIG", array.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("one JSON object")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Secretkey99"));
  }

  private AppConfig load(Map<String, String> environment) throws Exception {
    try {
      return ConfigLoader.load(vertx, environment).await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.CompletionException e) {
      throw (Exception) e.getCause();
    }
  }

  private Path configFile(JsonObject settings) throws Exception {
    Path file = folder.resolve("config.json");
    Files.writeString(file, settings.encode());
    return file;
  }
}

package io.autoanime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void defaults_follow_the_contract() {
    AppConfig config = AppConfig.fromJson(new JsonObject());

    assertThat(config.port()).isEqualTo(3001);
    assertThat(config.databaseUrl()).isEmpty();
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.syncOnStartup()).isTrue();
    assertThat(config.syncIntervalMinutes()).isEqualTo(360);
    assertThat(config.sonarrConfigured()).isFalse();
    assertThat(config.apiKey()).isEmpty();
  }

  @Test
  void environment_strings_are_parsed_and_a_url_base_is_kept() {
    AppConfig config = AppConfig.fromJson(new JsonObject()
        .put("PORT", "8080").put("SYNC_ON_STARTUP", "false").put("SYNC_INTERVAL_MINUTES", "0")
        .put("SONARR_URL", "http://sonarr:8989/sonarr/").put("SONARR_API_KEY", "abc")
        .put("DATABASE_URL", "postgresql://anime:s%40cret@db.local:6543/autoanime"));

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.syncOnStartup()).isFalse();
    assertThat(config.syncIntervalMinutes()).isZero();
    assertThat(config.sonarrUrl()).contains("http://sonarr:8989/sonarr");
    DatabaseUrl db = config.databaseUrl().orElseThrow();
    assertThat(db.host()).isEqualTo("db.local");
    assertThat(db.port()).isEqualTo(6543);
    assertThat(db.database()).isEqualTo("autoanime");
    assertThat(db.user()).isEqualTo("anime");
    assertThat(db.password()).isEqualTo("s@cret");
  }

  @Test
  void bad_values_are_rejected_with_a_message_naming_the_setting() {
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject().put("PORT", "eighty")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PORT");
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject().put("PORT", 70000)))
        .hasMessageContaining("PORT");
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject().put("SYNC_INTERVAL_MINUTES", "-5")))
        .hasMessageContaining("SYNC_INTERVAL_MINUTES");
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject().put("SYNC_ON_STARTUP", "maybe")))
        .hasMessageContaining("SYNC_ON_STARTUP");
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject().put("SONARR_URL", "sonarr:8989").put("SONARR_API_KEY", "k")))
        .hasMessageContaining("SONARR_URL");
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject().put("SONARR_URL", "http://sonarr:8989")))
        .hasMessageContaining("SONARR_API_KEY");
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject().put("DATABASE_URL", "mysql://x@y/z")))
        .hasMessageContaining("DATABASE_URL");
  }

  @Test
  void secrets_never_appear_in_the_description_or_in_errors() {
    AppConfig config = AppConfig.fromJson(new JsonObject()
        .put("SONARR_URL", "http://sonarr:8989").put("SONARR_API_KEY", "sonarr-secret-key")
        .put("AUTOANIME_API_KEY", "our-secret-key")
        .put("DATABASE_URL", "postgresql://anime:db-secret-password@db:5432/autoanime"));

    assertThat(config.toString()).doesNotContain("sonarr-secret-key", "our-secret-key", "db-secret-password")
        .contains("http://sonarr:8989", "db:5432");
    assertThat(AppConfig.fromJson(new JsonObject().put("SONARR_URL", "http://admin:url-secret@sonarr:8989")
        .put("SONARR_API_KEY", "k")).toString()).doesNotContain("url-secret").contains("sonarr:8989");
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject()
        .put("DATABASE_URL", "postgresql://anime:db-secret-password@/nohost")))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("db-secret-password"));
  }

  @Test
  void a_slash_in_the_password_of_the_sonarr_url_is_not_shown_in_the_start_up_error() {
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject()
        .put("SONARR_URL", "http://admin:Xy9/Qw@sonarr:8989").put("SONARR_API_KEY", "k")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SONARR_URL").hasMessageContaining("http://***@sonarr:8989")
        .hasMessageContaining("%2F")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Xy9", "Qw"));
  }

  @Test
  void an_at_sign_in_the_password_of_the_qbittorrent_url_is_not_shown_in_the_start_up_error() {
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject()
        .put("QBITTORRENT_URL", "http://admin:Xy9@Qw@qbittorrent:8080")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("QBITTORRENT_URL").hasMessageContaining("http://***@qbittorrent:8080")
        .hasMessageContaining("%40")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Xy9", "Qw"));
  }

  @Test
  void a_slash_in_the_password_of_the_qbittorrent_url_is_not_shown_in_the_start_up_error() {
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject()
        .put("QBITTORRENT_URL", "http://admin:pa/ss@qbittorrent:8080")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pa/ss", "admin"));
  }
}

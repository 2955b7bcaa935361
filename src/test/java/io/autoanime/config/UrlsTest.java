package io.autoanime.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "http://sonarr:8989/sonarr                | http://sonarr:8989/sonarr",
      "http://admin:secret@sonarr:8989          | http://***@sonarr:8989",
      "http://admin:pa/ss@sonarr:8989           | http://***@sonarr:8989",
      "http://admin:pa@ss@sonarr:8989           | http://***@sonarr:8989",
      "http://admin:pa#ss@sonarr:8989/base      | http://***@sonarr:8989/base",
      "http://admin:pa?ss@sonarr:8989           | http://***@sonarr:8989",
      "https://admin:a/b?c#d@e@qbittorrent/qbt  | https://***@qbittorrent/qbt",
      "admin:secret@sonarr:8989                 | ***@sonarr:8989",
      "http://sonarr:8989/path@x                | http://***@x",
  })
  void everything_up_to_the_last_at_sign_is_hidden(String url, String shown) {
    assertThat(Urls.withoutCredentials(url)).isEqualTo(shown);
  }
}

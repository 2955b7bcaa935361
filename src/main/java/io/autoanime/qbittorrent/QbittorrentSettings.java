package io.autoanime.qbittorrent;

import io.autoanime.config.Urls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where qBittorrent's WebUI is and how to log in.
 *
 * @param url the WebUI address, with its URL base if it has one ({@code http://qbittorrent:8080},
 *     {@code https://host/qbittorrent}); trailing slashes are dropped
 * @param username the WebUI user; empty when qBittorrent lets this address in without a login
 *     ("Bypass authentication for clients on localhost" or a whitelisted subnet): then no login is tried
 * @param password the WebUI password (never shown: see {@link #toString})
 * @param category the qBittorrent category of every torrent this service adds, so that Sonarr's own
 *     completed-download handling leaves them alone
 */
public record QbittorrentSettings(String url, Optional<String> username, Optional<String> password, String category) {

  public QbittorrentSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(category, "category");
    url = url.strip().replaceAll("/+$", "");
    if (!isHttpUrl(url)) {
      throw new IllegalArgumentException("the qBittorrent URL must be an http(s) URL such as http://qbittorrent:8080 (got '"
          + Urls.withoutCredentials(url) + "')" + Urls.percentEncodingAdvice(url));
    }
    username = username.filter(name -> !name.isBlank());
    if (category.isBlank()) {
      throw new IllegalArgumentException("the qBittorrent category must not be blank");
    }
  }

  /** The user name, or "(none)": for messages. */
  String userForMessages() {
    return username.orElse("(none)");
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "QbittorrentSettings[url=" + Urls.withoutCredentials(url)
        + ", username=" + username.orElse("(none)")
        + ", password=" + (password.isPresent() ? "***" : "(none)")
        + ", category=" + category + "]";
  }
}

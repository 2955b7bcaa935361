package io.autoanime.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A parsed {@code postgresql://user:pass@host:5432/db} URL. {@link #toString()} hides the password. */
public record DatabaseUrl(String host, int port, String database, String user, String password, boolean ssl) {

  public static DatabaseUrl parse(String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new ConfigException("DATABASE_URL is not a valid URL (expected postgresql://user:pass@host:5432/db)");
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new ConfigException("DATABASE_URL must start with postgresql:// (got scheme '" + scheme + "')");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new ConfigException("DATABASE_URL has no host (expected postgresql://user:pass@host:5432/db)");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (path.isBlank()) {
      throw new ConfigException("DATABASE_URL has no database name (expected postgresql://user:pass@host:5432/db)");
    }
    String user = "postgres";
    String password = "";
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    boolean ssl = uri.getQuery() != null && uri.getQuery().matches("(^|.*&)sslmode=(require|verify-ca|verify-full)(&.*|$)");
    return new DatabaseUrl(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, path, user, password, ssl);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + (ssl ? "?sslmode=require" : "");
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "postgresql://" + user + ":***@" + host + ":" + port + "/" + database;
  }
}

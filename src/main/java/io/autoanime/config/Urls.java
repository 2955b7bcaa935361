package io.autoanime.config;

/** URLs as they may be shown in logs and errors: without a user name or password in them. */
public final class Urls {
  private Urls() {}

  public static String withoutCredentials(String url) {
    return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1***@");
  }
}

package io.autoanime.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** URLs as they may be shown in logs and errors: without a user name or password in them. */
public final class Urls {
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://");

  private Urls() {}

  /**
   * Replaces everything between {@code scheme://} (or the start, when there is no scheme) and the
   * last {@code @} with {@code ***}. A password typed without percent-encoding may hold {@code /},
   * {@code ?}, {@code #} and {@code @} itself, so any {@code @} of the text may be the one that ends
   * the credentials: taking the last one never shows a part of them. A URL with an {@code @} in its
   * path or query shows less than it could, which is the safe side.
   */
  public static String withoutCredentials(String url) {
    if (url == null) {
      return null;
    }
    Matcher scheme = SCHEME.matcher(url);
    int start = scheme.find() ? scheme.end() : 0;
    int lastAt = url.lastIndexOf('@');
    if (lastAt < start) {
      return url;
    }
    return url.substring(0, start) + "***" + url.substring(lastAt);
  }

  /**
   * Advice to add to a message refusing a URL that holds credentials: an unencoded {@code @},
   * {@code /}, {@code ?} or {@code :} in a user name or password breaks the URL apart. Empty when
   * the URL has no {@code @}.
   */
  public static String percentEncodingAdvice(String url) {
    return url != null && url.indexOf('@') >= 0
        ? "; percent-encode special characters of the user name and password (@ as %40, / as %2F, ? as %3F, # as %23, : as %3A, % as %25)"
        : "";
  }
}

package io.autoanime.feeds;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An absolute http(s) URL taken apart into the pieces the feed code needs. Parsed by hand rather
 * than with {@link java.net.URI}, which gives no host for names with an underscore (Docker service
 * names such as {@code prowlarr_app}) and refuses the unencoded {@code [ ] |} and non-ASCII search
 * terms users paste from their browser; those are percent-encoded instead.
 *
 * @param userInfo the raw {@code user:password} before the {@code @}, or null
 * @param port the explicit port, or -1
 * @param rest the raw path, query and fragment (possibly empty)
 */
record FeedUrl(String scheme, String userInfo, String host, int port, String rest) {
  static final int MAX_LENGTH = 4096;

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
  private static final Pattern HOST_AND_PORT =
      Pattern.compile("^(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._~%-]+)(?::(\\d{1,5}))?$");
  /** Characters that may stand as they are in a path, query or fragment. */
  private static final String ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
      + "-._~!$&'()*+,;=:@/?";

  /** Parses and normalises; the message of the exception never repeats the URL (it may hold a key). */
  static FeedUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the feed URL is missing");
    }
    String text = url.strip();
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("the feed URL is longer than " + MAX_LENGTH + " characters");
    }
    if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("the feed URL contains control characters");
    }
    Matcher scheme = SCHEME.matcher(text);
    if (!scheme.find()) {
      throw new IllegalArgumentException("the feed URL must be an absolute http or https URL, such as https://nyaa.si/?page=rss");
    }
    String schemeName = scheme.group(1).toLowerCase(Locale.ROOT);
    if (!schemeName.equals("http") && !schemeName.equals("https")) {
      throw new IllegalArgumentException("the feed URL must start with http:// or https://");
    }
    int authorityStart = scheme.end();
    int authorityEnd = authorityStart;
    while (authorityEnd < text.length() && "/?#".indexOf(text.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    String authority = text.substring(authorityStart, authorityEnd);
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? null : authority.substring(0, at);
    Matcher hostAndPort = HOST_AND_PORT.matcher(authority.substring(at + 1));
    if (!hostAndPort.matches()) {
      throw new IllegalArgumentException("the feed URL has no valid host");
    }
    int port = -1;
    if (hostAndPort.group(2) != null) {
      port = Integer.parseInt(hostAndPort.group(2));
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("the feed URL has a port out of range (1-65535)");
      }
    }
    if (userInfo != null && userInfo.chars().anyMatch(c -> c == ' ' || c > 0x7e)) {
      userInfo = encode(userInfo, "");
    }
    return new FeedUrl(schemeName, userInfo == null || userInfo.isEmpty() ? null : userInfo,
        hostAndPort.group(1), port, encode(text.substring(authorityEnd), "#"));
  }

  boolean https() {
    return scheme.equals("https");
  }

  int effectivePort() {
    return port > 0 ? port : https() ? 443 : 80;
  }

  /** The host as a socket address takes it: an IPv6 literal without its brackets. */
  String connectHost() {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  boolean sameOrigin(FeedUrl other) {
    return scheme.equals(other.scheme) && host.equalsIgnoreCase(other.host) && effectivePort() == other.effectivePort();
  }

  /** Path and query as sent in the request line: never empty, no fragment. */
  String requestUri() {
    int hash = rest.indexOf('#');
    String withoutFragment = hash < 0 ? rest : rest.substring(0, hash);
    return withoutFragment.isEmpty() || withoutFragment.charAt(0) != '/' ? "/" + withoutFragment : withoutFragment;
  }

  String path() {
    String uri = requestUri();
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  FeedUrl withUserInfo(String newUserInfo) {
    return new FeedUrl(scheme, newUserInfo, host, port, rest);
  }

  FeedUrl withRest(String newRest) {
    return new FeedUrl(scheme, userInfo, host, port, newRest);
  }

  /** Percent-escapes decoded as UTF-8; unlike {@code URLDecoder}, a {@code +} stays a plus (user info is no form). */
  static String percentDecode(String text) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return scheme + "://" + (userInfo == null ? "" : userInfo + "@") + host + (port > 0 ? ":" + port : "") + rest;
  }

  /**
   * Percent-encodes what may not stand in a URL (spaces, brackets, non-ASCII as UTF-8, a lone
   * {@code %}); {@code once} lists characters kept only at their first occurrence (the fragment's
   * {@code #}).
   */
  private static String encode(String text, String once) {
    StringBuilder out = new StringBuilder(text.length());
    boolean seen = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int width = Character.charCount(c);
      if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
        out.append('%');
      } else if (once.indexOf(c) >= 0 && !seen) {
        seen = true;
        out.appendCodePoint(c);
      } else if (c < 0x80 && c != '%' && ALLOWED.indexOf(c) >= 0 && once.indexOf(c) < 0) {
        out.append((char) c);
      } else {
        for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
              .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
      }
      i += width;
    }
    return out.toString();
  }

  private static boolean isHex(String text, int index) {
    return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
  }
}

package io.autoanime.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What makes one release better than another for the same episode: a resolution, groups in order
 * of preference, and words a title must or must not contain (compared case-insensitively). The
 * service-wide defaults come from the settings; a download rule may override each field.
 */
public record ReleasePreferences(
    Optional<String> resolution, List<String> preferredGroups, List<String> mustContain, List<String> mustNotContain) {

  private static final Pattern RESOLUTION = Pattern.compile("[1-9][0-9]{2,3}p");

  public ReleasePreferences {
    preferredGroups = List.copyOf(preferredGroups);
    mustContain = List.copyOf(mustContain);
    mustNotContain = List.copyOf(mustNotContain);
  }

  public static ReleasePreferences none() {
    return new ReleasePreferences(Optional.empty(), List.of(), List.of(), List.of());
  }

  /** A resolution as the release parser writes it ({@code 1080p}); null when the text is not one. */
  public static String normalisedResolution(String text) {
    if (text == null) {
      return null;
    }
    String value = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (value.equals("4k")) {
      return "2160p";
    }
    if (value.matches("[1-9][0-9]{2,3}")) {
      value = value + "p";
    }
    return RESOLUTION.matcher(value).matches() ? value : null;
  }

  /** These preferences with each field of {@code override} that is set taking its place. */
  public ReleasePreferences overriddenBy(ReleasePreferences override) {
    return new ReleasePreferences(
        override.resolution.or(() -> resolution),
        override.preferredGroups.isEmpty() ? preferredGroups : override.preferredGroups,
        override.mustContain.isEmpty() ? mustContain : override.mustContain,
        override.mustNotContain.isEmpty() ? mustNotContain : override.mustNotContain);
  }
}

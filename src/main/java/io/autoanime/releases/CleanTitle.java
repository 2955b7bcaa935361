package io.autoanime.releases;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The form in which two names of a show are compared: Sonarr's {@code cleanTitle} rules (lower case,
 * no punctuation or spacing, no "a/an/the/and/or/of" between words, no accents, "3%" as
 * "3percent") with NFKC first, so full-width forms equal ASCII ones, "&" read as "and" and "×" as
 * "x". Unlike Sonarr a leading "the/a/an" is dropped too (release groups often leave it out).
 * Digits and every letter of every script are kept: "86" stays "86", "Steins;Gate 0" is not
 * "Steins;Gate", a Japanese or Chinese name stays itself. Idempotent.
 */
public final class CleanTitle {
  private static final Set<String> LEADING_ARTICLES = Set.of("the", "a", "an");
  private static final Set<String> JOINING_WORDS = Set.of("a", "an", "the", "and", "or", "of");
  private static final Pattern PERCENT_AFTER_DIGIT = Pattern.compile("(?<=\\p{Nd})%");
  /** The combining accents of Latin, Greek and Cyrillic; kana voicing marks are not among them. */
  private static final Pattern ACCENTS = Pattern.compile("[\\u0300-\\u036f]");
  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}\\p{M}]+");

  private CleanTitle() {}

  public static String of(String title) {
    if (title == null) {
      return "";
    }
    String text = Normalizer.normalize(title, Normalizer.Form.NFKC)
        .replace('×', 'x')
        .replace("&", " and ")
        .toLowerCase(Locale.ROOT);
    text = PERCENT_AFTER_DIGIT.matcher(text).replaceAll("percent");
    text = ACCENTS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    text = Normalizer.normalize(text, Normalizer.Form.NFKC);

    List<String> words = new ArrayList<>();
    for (String word : NOT_A_WORD.split(text)) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    StringBuilder clean = new StringBuilder();
    int last = words.size() - 1;
    for (int i = 0; i <= last; i++) {
      String word = words.get(i);
      boolean dropped = last > 0
          && (i == 0 ? LEADING_ARTICLES.contains(word) : i < last && JOINING_WORDS.contains(word));
      if (!dropped) {
        clean.append(word);
      }
    }
    return clean.toString();
  }
}

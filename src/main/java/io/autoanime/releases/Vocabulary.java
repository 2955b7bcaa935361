package io.autoanime.releases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of release titles that describe the file rather than name the show: codecs, sources,
 * audio, languages and subtitles, containers. A strong word ("x264", "1080p", "BDRip") never
 * belongs to a name and ends one; a weak word ("TV", "RAW", "END") is metadata only where metadata
 * is expected (in brackets, after the episode number).
 */
final class Vocabulary {
  enum Strength { WEAK, STRONG }

  private static final Map<String, Strength> TERMS = new HashMap<>();

  static {
    strong("x264 x265 h264 h265 h.264 h.265 hevc hevc2 avc av1 vp9 xvid divx hi10p hi10 hi444pp hi444 ma10p"
        + " 10bit 10-bit 8bit 8-bit 12bit 10b hdr hdr10 hdr10+ sdr dolby");
    strong("aac aac2.0 aac5.1 flac ac3 eac3 e-ac3 ddp ddp5.1 ddp2.0 dd5.1 dd2.0 dts dts-hd dtshd dtshd-ma"
        + " dts-hdma dts-ma truehd opus mp3 vorbis lpcm pcm");
    strong("bdrip bd-rip bluray blu-ray bdmv bdremux remux web-dl webdl webrip web-rip hdtv hdtvrip tvrip dvd"
        + " dvdrip dvd-rip dvdr masterrip hdrip bdrip10 webdl-rip");
    strong("mkv mp4 avi m2ts vostfr multi-subs multisubs multisub multi-sub hardsub softsub hsub gersub");
    weak("bd web tv cr nf amzn adn hidive baha bilibili b-global abema bs11 bs4 tbs ytv nbn tva at-x atx mx nhk"
        + " funimation vrv uncut uncensored raw");
    weak("2.0 5.1 7.1 dual audio dual-audio dualaudio multi-audio dub dubbed sub subs subbed multi multiple"
        + " subtitle subtitles english eng en jpn jp jap japanese rus russian ger german fre french ita italian"
        + " esp spa spanish latino castellano pt-br ptbr ukr dvo vosta vost vf vff vo chs cht gb big5 sc tc"
        + " srt ass ssa");
    weak("end fin hq mq lq hd fhd uhd sd 4k repack proper");
  }

  private static final Pattern COUNTED_TRACKS = Pattern.compile("(?i)(aac|flac|ac3|eac3|opus|dts|srt|ass|pgs|sup)x\\d");
  private static final Pattern FRAME_RATE = Pattern.compile("(?i)@?\\d{2,3}fps");
  private static final Pattern CHANNELS = Pattern.compile("(?i)(ddp?|aac|e?ac3|flac|opus|dts)?[1-7]\\.[01]");
  private static final Pattern BIT_DEPTH = Pattern.compile("(?i)(8|10|12)[- ]?bits?");
  /** Chinese and Japanese words about subtitles and languages: 简繁内封字幕, 繁體內嵌, 粤日双语. */
  private static final Pattern SUBTITLE_WORD = Pattern.compile(
      ".*(字幕|内封|內封|内嵌|內嵌|外挂|外掛|双语|雙語|中文|日文|英文|国语|國語|粤语|粵語|日语|日語).*"
          + "|[简繁簡日英中双雙内內封嵌体體字幕]{2,}");
  /** "桜都字幕组", "极影字幕社": group names, not subtitle notes. */
  private static final Pattern GROUP_NAME = Pattern.compile(".*(字幕组|字幕組|字幕社|字幕团|字幕團|字幕屋|字幕部)");
  /** Tags of two words, kept whole: "Dual Audio", "Multiple Subtitle", "English Dub". */
  private static final Pattern PHRASE = Pattern.compile(
      "(?i)(?<!\\p{L})(?:dual[ ._-]audio|multi(?:ple)?[ ._-]sub(?:title)?s?|multi[ ._-]audio|english[ ._-]dub|eng[ ._-]sub"
          + "|sub[ ._-]ita|audio[ ._-]latino)(?!\\p{L})");
  private static final Pattern TOKEN_SEPARATORS = Pattern.compile("[\\s_+,&|/:@]+|(?<=\\D)(?<![Hh])\\.|\\.(?=\\D)");

  private Vocabulary() {}

  /** How strongly one word says "metadata"; null for a word that may belong to a name. */
  static Strength strength(String token) {
    if (token.isEmpty()) {
      return null;
    }
    if (Resolutions.isResolutionWord(token)) {
      return Strength.STRONG;
    }
    if (PHRASE.matcher(token).matches()) {
      return Strength.WEAK;
    }
    Strength known = TERMS.get(token.toLowerCase(Locale.ROOT));
    if (known != null) {
      return known;
    }
    if (COUNTED_TRACKS.matcher(token).matches() || BIT_DEPTH.matcher(token).matches()
        || (SUBTITLE_WORD.matcher(token).matches() && !GROUP_NAME.matcher(token).matches())) {
      return Strength.STRONG;
    }
    if (FRAME_RATE.matcher(token).matches() || CHANNELS.matcher(token).matches()) {
      return Strength.WEAK;
    }
    if (token.indexOf('-') > 0) {
      return compound(token);
    }
    return null;
  }

  static boolean isMetadata(String token) {
    return strength(token) != null;
  }

  /** "HEVC-10bit", "720p-AAC", "ESP-ENG": known when each part is. */
  private static Strength compound(String token) {
    Strength strongest = Strength.WEAK;
    for (String part : token.split("-")) {
      Strength strength = part.isEmpty() ? null : strength(part);
      if (strength == null) {
        return null;
      }
      if (strength == Strength.STRONG) {
        strongest = Strength.STRONG;
      }
    }
    return strongest;
  }

  /** The words of a bracket's content: "1080p.x265" is two words, "5.1" and "H.264" one. */
  static List<String> tokens(String content) {
    List<String> tokens = new ArrayList<>();
    Matcher phrase = PHRASE.matcher(content);
    int from = 0;
    while (phrase.find()) {
      split(content.substring(from, phrase.start()), tokens);
      tokens.add(phrase.group());
      from = phrase.end();
    }
    split(content.substring(from), tokens);
    return tokens;
  }

  private static void split(String text, List<String> tokens) {
    for (String token : TOKEN_SEPARATORS.split(text)) {
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
  }

  private static void strong(String words) {
    for (String word : words.split(" ")) {
      TERMS.put(word, Strength.STRONG);
    }
  }

  private static void weak(String words) {
    for (String word : words.split(" ")) {
      TERMS.putIfAbsent(word, Strength.WEAK);
    }
  }
}

package io.autoanime.releases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the parser and of CleanTitle over generated titles (jqwik). */
class ReleaseTitleParserProperties {
  private static final List<String> WORDS = List.of("Sousou", "no", "Frieren", "Kimi", "Koto", "Hoshi", "Yoru",
      "Sora", "Tenshi", "Mahou", "Shoujo", "Kaze", "Umi", "Tabi", "Owari", "Hana", "wa", "ga", "to", "Dragon",
      "Knight", "Girls", "Academy", "Monster", "Blue", "Lock", "Witch", "Sword", "Online", "Stone", "Chainsaw", "Man");
  private static final List<String> NAME_NUMBERS = List.of("100", "86", "91", "0", "22/7", "1412", "2.43", "24-ku", "Lv999");
  private static final List<String> GROUPS = List.of("SubsPlease", "Erai-raws", "喵萌奶茶屋&LoliHouse", "ASW", "Judas",
      "桜都字幕组", "Anime Time", "XIII's Fansub");
  private static final List<String> CHINESE_NAMES = List.of("葬送的芙莉莲", "鹿乃子乃子乃子", "间谍过家家", "我推的孩子");
  private static final List<String> PIECES = List.of("[", "]", "(", ")", "【", "】", "{", "}", " - ", "-", "~", " ",
      "_", ".", "/", "|", "01", "12.5", "v2", "S02E05", "1x03", "1080p", "1920x1080", "第二季", "第05话", "全24话", "OVA",
      "SP01", "NCOP", "Season 2", "2nd Season", "Batch", "合集", "x264", "AAC", "ABCD1234", "2019", "86", "III", "∬",
      "Movie", "劇場版", "Title", "Name", "中文", "#", "Ep", "E01-E12", "01-12", "01~12", "Vol.01", ".mkv", "★",
      "4月新番", "TV-2", "S2", "-S2", "0", "00", "9999", "(2019)", "[1080]", "\n", "　", "Special", "END");

  @Property(tries = 1000)
  void cleaning_twice_changes_nothing(@ForAll String title) {
    assertThat(CleanTitle.of(CleanTitle.of(title))).isEqualTo(CleanTitle.of(title));
  }

  @Property(tries = 500)
  void any_text_parses_without_a_fault_and_the_parse_holds_together(@ForAll("releaseLike") String title) {
    ParsedRelease parsed = ReleaseTitleParser.parseOrThrow(title);

    assertThat(parsed.titles()).allSatisfy(name -> assertThat(CleanTitle.of(name)).isNotEmpty());
    assertThat(parsed.episodeNumbers()).isSortedAccordingTo(BigDecimal::compareTo).doesNotHaveDuplicates();
    switch (parsed.type()) {
      case NONE -> assertThat(parsed.episodeNumbers()).isEmpty();
      case MOVIE -> assertThat(parsed.episodeNumbers()).isEmpty();
      case SPECIAL -> assertThat(parsed.seasonNumber()).isZero();
      case EPISODE -> assertThat(parsed.seasonNumber()).as("season 0 is for specials").isNotEqualTo(Integer.valueOf(0));
    }
    if (parsed.episodeNumbers().size() > 1) {
      assertThat(parsed.batch()).isTrue();
    }
    assertThat(ParsedRelease.fromJson(parsed.toJson())).isEqualTo(parsed);
  }

  @Property(tries = 300)
  void arbitrary_text_never_throws(@ForAll String title) {
    ReleaseTitleParser.parseOrThrow(title.isBlank() ? "x" + title : title);
  }

  @Property(tries = 200)
  void a_fansub_episode_is_read_back(@ForAll("groups") String group, @ForAll("names") String name,
      @ForAll @IntRange(min = 1, max = 1500) int episode, @ForAll("heights") int height) {
    String title = "[" + group + "] " + name + " - " + String.format("%02d", episode) + " (" + height + "p) [ABCD1234].mkv";

    ParsedRelease parsed = ReleaseTitleParser.parseOrThrow(title);

    assertThat(parsed.group()).isEqualTo(group);
    assertThat(parsed.titles()).containsExactly(name);
    assertThat(parsed.episodeNumbers()).containsExactly(BigDecimal.valueOf(episode));
    assertThat(parsed.absolute()).isTrue();
    assertThat(parsed.seasonNumber()).isNull();
    assertThat(parsed.resolution()).isEqualTo(height + "p");
    assertThat(parsed.crc()).isEqualTo("ABCD1234");
    assertThat(parsed.type()).isEqualTo(ReleaseType.EPISODE);
    assertThat(parsed.batch()).isFalse();
  }

  @Property(tries = 200)
  void a_chinese_bracketed_release_gives_both_names(@ForAll("groups") String group, @ForAll("chineseNames") String chinese,
      @ForAll("names") String romaji, @ForAll @IntRange(min = 1, max = 99) int episode, @ForAll @IntRange(min = 2, max = 5) int season) {
    String title = "[" + group + "][" + chinese + " 第" + "一二三四五".charAt(season - 1) + "季 / " + romaji + "]["
        + String.format("%02d", episode) + "][1080P][简繁内封字幕]";

    ParsedRelease parsed = ReleaseTitleParser.parseOrThrow(title);

    assertThat(parsed.titles()).containsExactly(romaji, chinese);
    assertThat(parsed.seasonNumber()).isEqualTo(season);
    assertThat(parsed.episodeNumbers()).containsExactly(BigDecimal.valueOf(episode));
    assertThat(parsed.tags()).contains("简繁内封字幕");
  }

  @Provide
  Arbitrary<String> releaseLike() {
    return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(25).map(pieces -> String.join("", pieces))
        .filter(title -> !title.isBlank());
  }

  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> words = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(5).map(w -> String.join(" ", w));
    Arbitrary<String> number = Arbitraries.of(NAME_NUMBERS);
    Arbitrary<Integer> where = Arbitraries.integers().between(0, 2);
    return Combinators.combine(words, number, where).as((w, n, at) -> switch (at) {
      case 0 -> w;
      case 1 -> n + " " + w;
      default -> w + " " + n;
    });
  }

  @Provide
  Arbitrary<String> groups() {
    return Arbitraries.of(GROUPS);
  }

  @Provide
  Arbitrary<String> chineseNames() {
    return Arbitraries.of(CHINESE_NAMES);
  }

  @Provide
  Arbitrary<Integer> heights() {
    return Arbitraries.of(480, 720, 1080, 2160);
  }
}

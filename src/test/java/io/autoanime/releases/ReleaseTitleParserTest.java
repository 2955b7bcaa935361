package io.autoanime.releases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One behaviour of the release-title parser per test; the corpus test covers the real-world mix. */
class ReleaseTitleParserTest {

  private static ParsedRelease parse(String title) {
    return ReleaseTitleParser.parseOrThrow(title);
  }

  private static List<BigDecimal> episodes(int... numbers) {
    return IntStream.of(numbers).mapToObj(BigDecimal::valueOf).toList();
  }

  @Nested
  class Group {
    @Test
    void the_leading_bracket_is_the_group() {
      assertThat(parse("[SubsPlease] Sousou no Frieren - 05 (1080p) [ABCD1234].mkv").group()).isEqualTo("SubsPlease");
    }

    @Test
    void a_joint_group_stays_one_string() {
      assertThat(parse("[喵萌奶茶屋&LoliHouse] 葬送的芙莉莲 / Sousou no Frieren - 38 [WebRip 1080p]").group())
          .isEqualTo("喵萌奶茶屋&LoliHouse");
    }

    @Test
    void a_scene_name_ends_with_its_group() {
      ParsedRelease scene = parse("Frieren.Beyond.Journeys.End.S01E05.1080p.CR.WEB-DL.AAC2.0.H.264-VARYG");
      assertThat(scene.group()).isEqualTo("VARYG");
      assertThat(scene.titles()).containsExactly("Frieren Beyond Journeys End");
    }

    @Test
    void without_a_leading_group_a_bracket_after_the_episode_is_the_group() {
      assertThat(parse("Bleach - 031 - The Resolution to Kill [Lunar].avi").group()).isEqualTo("Lunar");
    }

    @Test
    void a_leading_bracket_of_metadata_is_not_a_group() {
      ParsedRelease parsed = parse("[1080p][HEVC] Anime Title - 01");
      assertThat(parsed.group()).isNull();
      assertThat(parsed.titles()).containsExactly("Anime Title");
    }
  }

  @Nested
  class Titles {
    @Test
    void every_name_is_kept_romaji_first() {
      assertThat(parse("[LoliHouse] 葬送的芙莉莲 第二季 / Sousou no Frieren 2nd Season - 07 [WebRip 1080p]").titles())
          .containsExactly("Sousou no Frieren", "葬送的芙莉莲");
      assertThat(parse("【极影字幕社】★4月新番 天国大魔境 Tengoku Daimakyou 第05话 GB 720P MP4").titles())
          .containsExactly("Tengoku Daimakyou", "天国大魔境");
    }

    @Test
    void names_in_brackets_are_read() {
      ParsedRelease parsed = parse("[桜都字幕組][達爾文遊戲/Darwin's Game][01-11END][BIG5][1080P]");
      assertThat(parsed.titles()).containsExactly("Darwin's Game", "達爾文遊戲");
      assertThat(parsed.episodeNumbers()).isEqualTo(episodes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    }

    @Test
    void a_slash_inside_a_name_does_not_split_it() {
      assertThat(parse("[VCB-Studio] Fate/stay night [BDRip 1080p]").titles()).containsExactly("Fate/stay night");
      assertThat(parse("[SubGroup] Ranma 1/2 - 03 [WEB-DL 1080p]").titles()).containsExactly("Ranma 1/2");
    }

    @Test
    void a_name_with_a_season_marker_is_kept_after_the_bare_one() {
      ParsedRelease parsed = parse("[SubsPlease] Mob Psycho 100 S3 - 01 (1080p) [5A493522]");
      assertThat(parsed.titles()).containsExactly("Mob Psycho 100", "Mob Psycho 100 S3");
      assertThat(parsed.seasonNumber()).isEqualTo(3);
    }

    @Test
    void a_year_in_parentheses_stays_in_the_name() {
      assertThat(parse("[SubsPlease] Fruits Basket (2019) - 25 (1080p).mkv").titles()).containsExactly("Fruits Basket (2019)");
    }
  }

  @Nested
  class NumbersInNames {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[ASW] 86 - Eighty Six - 05 [1080p HEVC x265 10Bit][AAC].mkv | 86 - Eighty Six | 5",
        "[SubsPlease] Mob Psycho 100 III - 12 (1080p).mkv | Mob Psycho 100 | 12",
        "[Prout] Steins;Gate 0 - Episode 5 VOSTFR (BDRip 1920x1080 x264 FLAC) | Steins;Gate 0 | 5",
        "[ANi]  和山田談場 Lv999 的戀愛 - 11 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4] | 和山田談場 Lv999 的戀愛 | 11",
        "[Group] 22/7 - 01 [1080p] | 22/7 | 1",
        "[SubsPlease] Kaiju No. 8 - 05 (1080p).mkv | Kaiju No. 8 | 5",
        "[SubsPlease] Tokyo 24-ku - 07 (1080p).mkv | Tokyo 24-ku | 7",
        "[SubsPlease] 2.5-jigen no Ririsa - 10 (1080p).mkv | 2.5-jigen no Ririsa | 10",
        "[Erai-raws] 2.43 - Seiin Koukou Danshi Volley-bu - 06 [1080p] | 2.43 - Seiin Koukou Danshi Volley-bu | 6",
        "[HorribleSubs] Magic Kaito 1412 - 01 [1080p] | Magic Kaito 1412 | 1",
        "[Doremi].Yes.Pretty.Cure.5.Go.Go!.31.[1280x720].[C65D4B1F].mkv | Yes Pretty Cure 5 Go Go! | 31",
        "Mob Psycho 100 S03E12 1080p WEB H264-SENPAI | Mob Psycho 100 | 12",
    })
    void a_number_that_belongs_to_the_name_stays_in_it(String title, String name, int episode) {
      ParsedRelease parsed = parse(title);
      assertThat(parsed.titles().get(0)).isEqualTo(name);
      assertThat(parsed.episodeNumbers()).isEqualTo(episodes(episode));
      assertThat(parsed.absoluteEpisodeNumbers()).isEmpty();
    }

    @Test
    void a_year_is_not_an_episode() {
      ParsedRelease boogiepop = parse("[PuyaSubs!] Boogiepop wa Warawanai - 2019 - 08 [720p][E3083655].mkv");
      assertThat(boogiepop.episodeNumbers()).isEqualTo(episodes(8));
      assertThat(boogiepop.titles()).containsExactly("Boogiepop wa Warawanai 2019");

      ParsedRelease film = parse("The Boy and the Heron 2023 1080p BluRay");
      assertThat(film.episodeNumbers()).isEmpty();
      assertThat(film.type()).isEqualTo(ReleaseType.MOVIE);
      assertThat(film.titles()).containsExactly("The Boy and the Heron");
    }
  }

  @Nested
  class Seasons {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[HorribleSubs] Love Live! S2 - 07 [720p] | 2",
        "[SubsPlease] Spy x Family Season 2 - 06 (1080p).mkv | 2",
        "[Group] Dandadan 2nd Season - 01 [1080p] | 2",
        "[桜都字幕組] One Room 第三季 / One Room Third Season [07][1080p][繁體內嵌] | 3",
        "[Group] 某作品 第二季 - 08 [1080p] | 2",
        "[桜都字幕組] 我內心的糟糕念頭 第2季 / Boku no Kokoro no Yabai Yatsu 2nd Season [07][1080p] | 2",
        "[桜都字幕組][花牌情緣第三季/歌牌情緣第三期/Chihayafuru S3][01-24][BIG5][1080P] | 3",
        "[Group] Anime Title S02E05 [WEB-DL 1080p] | 2",
        "[K-F] One Piece 10x14 214 | 10",
        "[Ohys-Raws] Toaru Majutsu no Index III - 19 (BS11 1920x1080 x264 AAC).mp4 | 3",
        "[桜都字幕组] 五等分的新娘∬ / Go-Toubun no Hanayome 2 [06][1080p][简繁日内封] | 2",
        "[DameDesuYo] ReZero kara Hajimeru Isekai Seikatsu (Season 2) - 33 (1280x720 10bit EAC3) | 2",
        "[LoliHouse] 心理测量者 3 / PSYCHO-PASS 3 [01-08修正合集][WebRip 1080p HEVC-10bit AAC] | 3",
    })
    void the_stated_season_is_read(String title, int season) {
      assertThat(parse(title).seasonNumber()).isEqualTo(season);
    }

    @Test
    void no_season_stated_is_null() {
      assertThat(parse("[SubsPlease] One Piece - 1071 (1080p).mkv").seasonNumber()).isNull();
      assertThat(parse("[HorribleSubs] Log Horizon 2 - 05 [720p].mkv").seasonNumber()).isNull();
    }

    @Test
    void a_season_with_a_number_past_two_cours_is_counted_from_the_first_episode() {
      ParsedRelease continued = parse("[黒ネズミたち] 葬送的芙莉莲 第二季 / Sousou no Frieren 2nd Season - 35 (B-Global 1920x1080 HEVC AAC MKV)");
      assertThat(continued.seasonNumber()).isEqualTo(2);
      assertThat(continued.absolute()).isTrue();

      ParsedRelease within = parse("[黒ネズミたち] 葬送的芙莉莲 第二季 / Sousou no Frieren 2nd Season - 07 (CR 1920x1080 AVC AAC MKV)");
      assertThat(within.seasonNumber()).isEqualTo(2);
      assertThat(within.absolute()).isFalse();
    }
  }

  @Nested
  class Episodes {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[SubsPlease] Dandadan - 05 (1080p) | 5",
        "[AniDUB]_Yakusoku_no_Neverland_[06]_[1080p] | 6",
        "【极影字幕社】★4月新番 天国大魔境 Tengoku Daimakyou 第05话 GB 720P MP4 | 5",
        "[Group] 某作品 第05集 [1080p] | 5",
        "[Group] Anime Title S02E05 [WEB-DL 1080p] | 5",
        "[Exiled-Destiny] Angel Beats Ep01 (D2201EC5).mkv | 1",
        "[Shark-Raws] Crayon Shin-chan #957 (NBN 1280x720 x264 AAC).mp4 | 957",
        "[K-F] One Piece 214 | 214",
        "[HorribleSubs] Fairy Tail - 145 [720p] | 145",
    })
    void a_single_episode_is_read(String title, int episode) {
      ParsedRelease parsed = parse(title);
      assertThat(parsed.episodeNumbers()).isEqualTo(episodes(episode));
      assertThat(parsed.batch()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[Group] Anime Title [01-12] [BDRip 1080p]",
        "[Erai-raws] Series Title! - 01~12 [1080p][Multiple Subtitle]",
        "[Erai-raws] Series Title! - 01 ~ 12 [1080p][Multiple Subtitle]",
        "[LoliHouse] 猎龙飞船 / Drifting Dragons [01-12 合集][WebRip 1080p HEVC-10bit AC3]",
        "Series.Title.Ep01-12.Complete.English.AC3.DL.1080p.BluRay.x264",
        "[Group] Anime Title [E01-E12] [BDRip 1080p]",
    })
    void a_range_is_expanded_and_is_a_batch(String title) {
      ParsedRelease parsed = parse(title);
      assertThat(parsed.episodeNumbers()).isEqualTo(IntStream.rangeClosed(1, 12).mapToObj(BigDecimal::valueOf).toList());
      assertThat(parsed.batch()).isTrue();
    }

    @Test
    void a_recap_keeps_its_decimal_and_is_a_special() {
      ParsedRelease recap = parse("[HorribleSubs] Goblin Slayer - 10.5 [1080p].mkv");
      assertThat(recap.episodeNumbers()).containsExactly(new BigDecimal("10.5"));
      assertThat(recap.type()).isEqualTo(ReleaseType.SPECIAL);
      assertThat(recap.seasonNumber()).isZero();
    }

    @Test
    void both_numberings_are_kept() {
      ParsedRelease parsed = parse("[Dae-P9] Anime Series - 05 - S01E05 - Marrying by Contesting (BD 1080p HEVC FLAC AAC)");
      assertThat(parsed.seasonNumber()).isEqualTo(1);
      assertThat(parsed.episodeNumbers()).isEqualTo(episodes(5));
      assertThat(parsed.absoluteEpisodeNumbers()).isEqualTo(episodes(5));
      assertThat(parsed.absolute()).isFalse();
      assertThat(parsed.titles()).containsExactly("Anime Series");
    }

    @Test
    void a_resolution_is_never_an_episode() {
      assertThat(parse("[Group] Anime Title [1080p]").episodeNumbers()).isEmpty();
      assertThat(parse("[Group] Anime Title [1080]").episodeNumbers()).isEmpty();
      assertThat(parse("Anime Title 720p x264").episodeNumbers()).isEmpty();
      assertThat(parse("[Group] Anime Title (1920x1080 HEVC)").episodeNumbers()).isEmpty();
      ParsedRelease withEpisode = parse("[Group] Anime Title - 05 [1080]");
      assertThat(withEpisode.episodeNumbers()).isEqualTo(episodes(5));
      assertThat(withEpisode.resolution()).isEqualTo("1080p");
    }

    @Test
    void a_number_in_parentheses_after_the_episode_is_ignored() {
      assertThat(parse("[Hatsuyuki] Dragon Ball Kai (2014) - 017 (115) [1280x720][B2CFBC0F]").episodeNumbers())
          .isEqualTo(episodes(17));
    }
  }

  @Nested
  class Versions {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[DeadFish] Onee-chan ga Kita - 09v2 [720p][AAC] | 2",
        "[SubsPlease] Anime Title - 01 v2 (1080p) [B1F227CF] | 2",
        "[ANi]  單人房、日照一般、附天使。 - 07 [1080P][Baha][WEB-DL][AAC AVC][CHT][V2][MP4] | 2",
        "Anime Title - S01E01v2 - (BD 1080p HEVC FLAC) [Dual Audio] [Group] | 2",
        "[Group] Anime Title NCEDv3 [1080p] | 3",
        "[SweetSub&LoliHouse] 大欺诈师 / GREAT PRETENDER [01-23 修正合集v2][WebRip 1080p HEVC-10bit AAC] | 2",
    })
    void a_version_marker_is_read(String title, int version) {
      assertThat(parse(title).version()).isEqualTo(version);
    }

    @Test
    void codec_and_tool_numbers_are_not_versions() {
      assertThat(parse("DAYS - 05 (1280x720 HEVC2 AAC).mkv").version()).isNull();
      assertThat(parse("[Group] Anime Title - 05 [1080p][Ver1.1a]").version()).isNull();
      assertThat(parse("[SubsPlease] Anime Title - 05 (1080p)").version()).isNull();
    }
  }

  @Nested
  class Resolutions {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[Doki] Anime Title - 07 (1280x720 Hi10P AAC) | 720p",
        "[ANi] Anime Title - 07 [1080P][Baha] | 1080p",
        "[Group] Anime Title - 07 [1080] | 1080p",
        "[Group] Anime Title - 07 [FHD] | 1080p",
        "[Group] Anime Title - 07 [4K HDR] | 2160p",
        "[Group] Anime Title - 07 [1904x1072] | 1080p",
        "[Group] Anime Title - 07 (1280x692 x264) | 720p",
        "[LoliHouse] Anime Title - MOVIE [WebRip 804p HEVC-10bit AAC] | 804p",
        "[Group] Anime Title - 07 [1080p10 HEVC] | 1080p",
        "[Group] Anime Title - 07 (Dual Audio 10bit BD1080p x265) | 1080p",
    })
    void resolutions_are_normalised(String title, String resolution) {
      assertThat(parse(title).resolution()).isEqualTo(resolution);
    }

    @Test
    void no_resolution_is_null() {
      assertThat(parse("[Commie] Yowamushi Pedal - 32 [0BA19D5B]").resolution()).isNull();
    }
  }

  @Nested
  class Batches {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[HorribleSubs] Haikyuu!! [1080p] (Batch)",
        "[VCB-Studio] Violet Evergarden Complete Batch [BDRip 1080p]",
        "[Group] 葬送的芙莉莲合集 [BDRip 1080p]",
        "[Group] 葬送的芙莉莲全集 [BDRip 1080p]",
        "[FFF] Ore Monogatari!! - Vol.01 [BD][720p-AAC]",
        "[Judas] Sousou no Frieren (Season 1) [1080p][HEVC x265 10bit][Multi-Subs]",
        "[Group] 迷宫饭 全24话 [1080p]",
    })
    void packs_are_batches(String title) {
      ParsedRelease parsed = parse(title);
      assertThat(parsed.batch()).isTrue();
      assertThat(parsed.type()).isEqualTo(ReleaseType.EPISODE);
      assertThat(parsed.titles()).isNotEmpty().noneMatch(t -> t.matches("(?i).*(batch|complete|vol|合集|全集|全24话).*"));
    }

    @Test
    void a_single_episode_marked_end_is_not_a_batch() {
      assertThat(parse("[jibaketa合成] 葬送的芙莉莲 第二季 / Sousou no Frieren 2nd Season - 10 END [WEB 1080p]").batch()).isFalse();
    }
  }

  @Nested
  class Types {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[Group] 劇場版 呪術廻戦 0 [1080p] | 呪術廻戦 0",
        "[Group] Gekijouban Naruto 3 [1080p] | Naruto 3",
        "[Group] Anime Title Movie [1080p] | Anime Title",
        "[LoliHouse] Adam by Eve: A Live in Animation - MOVIE [WebRip 804p HEVC-10bit AAC] | Adam by Eve: A Live in Animation",
        "[Judas] Kimetsu no Yaiba Movie - Mugen Ressha-hen [BD 1080p][HEVC x265 10bit] | Kimetsu no Yaiba",
        "[SubsPlease] Sousou no Frieren (540p).mkv | Sousou no Frieren",
    })
    void films_are_movies_without_episodes(String title, String name) {
      ParsedRelease parsed = parse(title);
      assertThat(parsed.type()).isEqualTo(ReleaseType.MOVIE);
      assertThat(parsed.titles().get(0)).isEqualTo(name);
      assertThat(parsed.episodeNumbers()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[Group] Anime Title OVA01 [BDRip 1080p] | 1",
        "[Group] Anime Title OAD 02 [BDRip 1080p] | 2",
        "[动漫国字幕组&LoliHouse] 无能力者娜娜 / Munou na Nana - SP01 [WebRip 1080p HEVC-10bit AAC] | 1",
        "[Official] Anime Title PV2 [1080p] | 2",
        "[DeadFish] Kenzen Robo Daimidaler - 01 - OVA [BD][720p][AAC] | 1",
        "[桜都字幕組] 弩級戰隊HXEROS / Dokyuu Hentai HxEros [OAD01][1080p][繁體內嵌] | 1",
    })
    void numbered_specials_are_season_zero(String title, int episode) {
      ParsedRelease parsed = parse(title);
      assertThat(parsed.type()).isEqualTo(ReleaseType.SPECIAL);
      assertThat(parsed.seasonNumber()).isZero();
      assertThat(parsed.episodeNumbers()).isEqualTo(episodes(episode));
      assertThat(parsed.absolute()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[VCB-Studio] Anime Title NCOP [BDRip 1080p] | Anime Title",
        "[Group] 某作品番外篇 [1080p] | 某作品",
        "[ANi]  D4DJ Double Mix - 特別篇 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4] | D4DJ Double Mix",
        "[Underwater] Another OVA - The Other -Karma- (BD 1080p) [3A561D0E].mkv | Another",
    })
    void unnumbered_specials_have_no_episodes(String title, String name) {
      ParsedRelease parsed = parse(title);
      assertThat(parsed.type()).isEqualTo(ReleaseType.SPECIAL);
      assertThat(parsed.titles()).containsExactly(name);
      assertThat(parsed.episodeNumbers()).isEmpty();
      assertThat(parsed.batch()).isFalse();
    }

    @Test
    void an_episode_title_with_special_in_it_is_still_an_episode() {
      ParsedRelease parsed = parse("Fairy Tail - 050 - Special Request Watch Out for the Guy You Like!");
      assertThat(parsed.type()).isEqualTo(ReleaseType.EPISODE);
      assertThat(parsed.episodeNumbers()).isEqualTo(episodes(50));
      assertThat(parse("[Group] Special A [1080p]").type()).isEqualTo(ReleaseType.EPISODE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1080p][HEVC][AAC][MKV]",
        "[A1B2C3D4][1.2 GiB][2023-01-12]",
        "[Group] Sousou no Frieren Original Soundtrack [FLAC]",
        "[Group] Chainsaw Man Vol.01-11 [Manga] Ch.97",
        "Sousou no Frieren Vol. 1.epub",
    })
    void what_is_not_an_anime_release_is_none(String title) {
      ParsedRelease parsed = parse(title);
      assertThat(parsed.type()).isEqualTo(ReleaseType.NONE);
      assertThat(parsed.episodeNumbers()).isEmpty();
      assertThat(parsed.batch()).isFalse();
    }

    @Test
    void a_huge_title_is_read_from_its_start() {
      String huge = "[Group] Anime Title - 05 [1080p] " + " - 01".repeat(20_000);
      ParsedRelease parsed = ReleaseTitleParser.parseOrThrow(huge);
      assertThat(parsed.titles()).containsExactly("Anime Title");
      assertThat(parsed.episodeNumbers()).isEqualTo(episodes(5));
    }

    @Test
    void null_or_blank_is_none_and_never_throws() {
      assertThat(ReleaseTitleParser.parse(null)).isEqualTo(ParsedRelease.none());
      assertThat(ReleaseTitleParser.parse("  \n ")).isEqualTo(ParsedRelease.none());
      assertThat(ReleaseTitleParser.parse("[[[((( - - ~~ 【】").type()).isEqualTo(ReleaseType.NONE);
    }
  }

  @Nested
  class Leftovers {
    @Test
    void crc_and_tags_are_kept_as_written() {
      ParsedRelease parsed = parse("[Kaleido-subs] Animation - 12 (S01E12) - (WEB 1080p HEVC x265 10-bit E-AC3 2.0) [1ADD8F6D]");
      assertThat(parsed.crc()).isEqualTo("1ADD8F6D");
      assertThat(parsed.tags()).containsExactly("WEB", "HEVC", "x265", "10-bit", "E-AC3", "2.0");
    }

    @Test
    void language_and_subtitle_tags_are_kept() {
      ParsedRelease parsed = parse("[LoliHouse] 葬送的芙莉莲 / Sousou no Frieren - 03 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕][MKV]");
      assertThat(parsed.tags()).containsExactly("WebRip", "HEVC-10bit", "AAC", "简繁内封字幕", "MKV");
      assertThat(parsed.crc()).isNull();
      assertThat(parse("[Golumpa] Tsurune - 12 [English Dub] [HIDIVE 1080p x264 AAC] [MKV] [C9985E6A]").tags())
          .contains("English Dub", "HIDIVE");
    }
  }
}

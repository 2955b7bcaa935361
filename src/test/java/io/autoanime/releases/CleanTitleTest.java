package io.autoanime.releases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CleanTitleTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Re:Zero kara Hajimeru Isekai Seikatsu | rezerokarahajimeruisekaiseikatsu",
      "Kaguya-sama wa Kokurasetai: Ultra Romantic | kaguyasamawakokurasetaiultraromantic",
      "Series (2009) | series2009",
      "Series.2010 | series2010",
      "Series_and_Title_Sonarr | seriestitlesonarr",
      "The Apothecary Diaries | apothecarydiaries",
      "A Certain Magical Index | certainmagicalindex",
      "Pokémon | pokemon",
      "3% | 3percent",
      "86 | 86",
      "Steins;Gate 0 | steinsgate0",
      "葬送的芙莉莲 | 葬送的芙莉莲",
      "【我推的孩子】 | 我推的孩子",
      "The | the",
  })
  void titles_are_cleaned_as_sonarr_does(String title, String clean) {
    assertThat(CleanTitle.of(title)).isEqualTo(clean);
  }

  @Test
  void spellings_of_one_name_compare_equal() {
    assertThat(CleanTitle.of("ＳＰＹ×ＦＡＭＩＬＹ")).isEqualTo(CleanTitle.of("Spy x Family"));
    assertThat(CleanTitle.of("Love Live！Superstar!!")).isEqualTo(CleanTitle.of("Love Live! Superstar"));
    assertThat(CleanTitle.of("Law & Order")).isEqualTo(CleanTitle.of("Law and Order"));
    assertThat(CleanTitle.of("Date A Live")).isEqualTo(CleanTitle.of("Date a Live"));
    assertThat(CleanTitle.of("ｶﾞﾝﾀﾞﾑ")).isEqualTo(CleanTitle.of("ガンダム"));
    assertThat(CleanTitle.of("Boku no Hero Academia")).isEqualTo(CleanTitle.of("boku_no_hero_academia"));
    assertThat(CleanTitle.of("Ranma ½")).isEqualTo(CleanTitle.of("Ranma 1/2"));
  }

  @Test
  void different_shows_stay_different() {
    assertThat(CleanTitle.of("Steins;Gate 0")).isNotEqualTo(CleanTitle.of("Steins;Gate"));
    assertThat(CleanTitle.of("Log Horizon 2")).isNotEqualTo(CleanTitle.of("Log Horizon"));
    assertThat(CleanTitle.of("Fruits Basket (2019)")).isNotEqualTo(CleanTitle.of("Fruits Basket"));
    assertThat(CleanTitle.of("ガンダム")).isNotEqualTo(CleanTitle.of("カンタム"));
    assertThat(CleanTitle.of("葬送的芙莉莲")).isNotEqualTo(CleanTitle.of("葬送的芙莉蓮"));
  }

  @Test
  void chinese_and_japanese_names_survive() {
    assertThat(CleanTitle.of("鹿乃子乃子乃子虎视眈眈")).isEqualTo("鹿乃子乃子乃子虎视眈眈");
    assertThat(CleanTitle.of("單人房、日照一般、附天使。")).isEqualTo("單人房日照一般附天使");
    assertThat(CleanTitle.of("ぼっち・ざ・ろっく！")).isEqualTo("ぼっちざろっく");
    assertThat(CleanTitle.of("ダンジョン飯")).isEqualTo("ダンジョン飯");
  }

  @Test
  void cleaning_twice_changes_nothing() {
    for (String title : new String[] {"The Apothecary Diaries", "ＳＰＹ×ＦＡＭＩＬＹ", "3%", "İstanbul & the Sea", "The And"}) {
      assertThat(CleanTitle.of(CleanTitle.of(title))).isEqualTo(CleanTitle.of(title));
    }
  }

  @Test
  void null_is_empty() {
    assertThat(CleanTitle.of(null)).isEmpty();
  }
}

package io.autoanime.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RulePatternTest {
  @Test
  void an_ep_placeholder_reads_the_number_where_it_stands_and_the_rest_matches_literally() {
    RulePattern pattern = RulePattern.compile("[喵萌奶茶屋] 葬送的芙莉莲 第:ep:话");

    assertThat(pattern.episodeIn("[喵萌奶茶屋&LoliHouse] x")).isEmpty();
    assertThat(pattern.episodeIn("[喵萌奶茶屋] 葬送的芙莉莲 第05话 [1080p][简日双语]")).contains(new BigDecimal("05"));
    assertThat(pattern.episodeIn("[喵萌奶茶屋]  葬送的芙莉莲   第12.5话")).contains(new BigDecimal("12.5"));
    assertThat(pattern.episodeIn("[喵萌奶茶屋] 葬送的芙莉莲 第五话")).as("no digits, no episode").isEmpty();
  }

  @Test
  void literal_parts_are_not_regular_expressions_and_ignore_case() {
    RulePattern pattern = RulePattern.compile("[Sub] Show (TV) - :ep: [1080p]");

    assertThat(pattern.episodeIn("[sub] show (tv) - 07 [1080P]")).contains(new BigDecimal("07"));
    assertThat(pattern.episodeIn("[Sub] Show TV - 07 [1080p]")).as("parentheses are literal").isEmpty();
  }

  @Test
  void a_regular_expression_with_a_named_group_ep_is_used_as_written() {
    RulePattern pattern = RulePattern.compile("^\\[Erai-raws\\] Kaiju No\\. 8 - (?<ep>\\d+)");

    assertThat(pattern.episodeIn("[Erai-raws] Kaiju No. 8 - 11 [1080p]")).contains(new BigDecimal("11"));
    assertThat(pattern.episodeIn("x [Erai-raws] Kaiju No. 8 - 11")).isEmpty();
  }

  @Test
  void unusable_patterns_are_refused_with_a_reason() {
    assertThatThrownBy(() -> RulePattern.compile("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> RulePattern.compile("Show - 05")).hasMessageContaining(":ep:");
    assertThatThrownBy(() -> RulePattern.compile(":ep: and :ep:")).hasMessageContaining("only once");
    assertThatThrownBy(() -> RulePattern.compile("(?<ep>\\d+")).hasMessageContaining("not a valid regular expression");
    assertThatThrownBy(() -> RulePattern.compile(":ep:" + "x".repeat(600))).hasMessageContaining("at most");
  }
}

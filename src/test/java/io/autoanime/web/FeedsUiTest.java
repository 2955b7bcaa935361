package io.autoanime.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.autoanime.web.Locators.role;
import static io.autoanime.web.Locators.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import io.autoanime.support.BrowserSession;
import io.autoanime.support.Eventually;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The feeds page, a feed's releases with how each was read and where it was placed, and a series'
 * rules with their preview, over a fake feed server. One service and one browser; each test has
 * feeds of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedsUiTest {
  static final String QUEEN_TITLE = "The Most Heretical Last Boss Queen: From Villainess to Savior";
  static final String LASTAME_05 = "[Erai-raws] LasTame - 05 [1080p][Multiple Subtitle]";
  static final String FRIEREN_03 = "[SubsPlease] Sousou no Frieren - 03 (1080p)";
  static final String BATCH = "[Group] Unknown Show - 01-12 [Batch]";
  static final String MARKUP = "<img src=x onerror=\"window.injected = 1\">[Bad] <b>Markup</b> - 01";
  /** A title matching cannot place: only a rule can. */
  static final String ODD_TITLE = "[Nekomoe kissaten] Rasubosu Joou - Dai 05 Wa [1080p]";

  private static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);
  /** Text as shown (a definition list's term and description apart). */
  private static final LocatorAssertions.ContainsTextOptions SHOWN = new LocatorAssertions.ContainsTextOptions().setUseInnerText(true);

  private UiFeeds feeds;
  private UiService ui;
  private BrowserSession browser;

  @BeforeAll
  void start() {
    feeds = new UiFeeds();
    ui = UiService.synced(sonarr -> {}, UiFeeds::noScheduledPolls);
    browser = BrowserSession.start();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    ui.close();
    feeds.close();
  }

  private Object value(String sql) {
    return Sql.value(ui.service.database(), sql);
  }

  @Test
  void a_feed_added_and_polled_shows_its_releases_with_how_each_was_read_and_where_it_went() {
    String url = feeds.serve("/nyaa", "?page=rss&apikey=feed-secret-key", LASTAME_05, FRIEREN_03, BATCH, MARKUP);
    Page page = browser.newPage();
    page.navigate(ui.page("/feeds"));
    page.getByLabel("Name", EXACT).fill("nyaa");
    page.getByLabel("Feed URL").fill(url);
    role(page, AriaRole.BUTTON, "Add feed").click();

    Locator card = role(page, AriaRole.REGION, "nyaa");
    assertThat(card).containsText("apikey=***");
    assertThat(card).containsText("Last poll never", SHOWN);
    assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Added nyaa"))).isVisible();

    role(page, AriaRole.BUTTON, "Poll nyaa now").click();

    assertThat(card).containsText("Polled: 4 new releases, 2 placed on episodes.");
    assertThat(card).containsText("Releases 4", SHOWN);
    assertThat(page.content()).doesNotContain("feed-secret-key");
    BrowserSession.screenshot(page, "feeds");

    role(page, AriaRole.LINK, "nyaa").click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("nyaa").setLevel(1))).isVisible();
    Locator queen = row(page, LASTAME_05);
    assertThat(queen).containsText("group Erai-raws");
    assertThat(queen).containsText("title LasTame");
    assertThat(queen).containsText("episode 5");
    assertThat(queen).containsText("resolution 1080p");
    assertThat(queen.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(QUEEN_TITLE))).isVisible();
    assertThat(queen).containsText("S01E05");
    Locator frieren = row(page, FRIEREN_03);
    assertThat(frieren.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Frieren: Beyond Journey's End")))
        .isVisible();
    assertThat(frieren).containsText("S01E03");
    Locator batch = row(page, BATCH);
    assertThat(batch).containsText("episodes 1–12");
    assertThat(batch).containsText("batch yes");
    assertThat(batch).containsText("Not placed");
    assertThat(batch).containsText("no series in the library is titled 'Unknown Show'");

    // A title with markup is shown as written, and nothing in it runs.
    assertThat(row(page, "[Bad]").getByRole(AriaRole.ROWHEADER)).containsText(MARKUP);
    assertThat(page.locator("main img, main b")).hasCount(0);
    assertThat(page.evaluate("() => window.injected === undefined")).isEqualTo(true);

    role(page, AriaRole.RADIO, "Not placed").check();
    assertThat(page.locator("tbody tr")).hasCount(2);
    role(page, AriaRole.RADIO, "All").check();
    assertThat(page.locator("tbody tr")).hasCount(4);
    BrowserSession.screenshot(page, "feed");
    page.setViewportSize(390, 844);
    assertThat(page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")).as("fits a phone").isEqualTo(true);
    BrowserSession.screenshot(page, "feed-phone");
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  @Test
  void an_edited_feed_keeps_its_hidden_key_and_a_feed_a_rule_reads_is_not_removed() {
    long id = UiFeeds.addAndPoll(ui.service, "other",
        feeds.serve("/other", "?passkey=other-secret-1", "[SubsPlease] Other Show - 01 (1080p)"));
    Page page = browser.newPage();
    page.navigate(ui.page("/feeds"));
    Locator card = role(page, AriaRole.REGION, "other");

    role(page, AriaRole.BUTTON, "Edit other").click();
    assertThat(card.getByLabel("Feed URL")).hasValue(Pattern.compile("passkey=\\*\\*\\*$"));
    card.getByLabel("Name").fill("other renamed");
    card.getByLabel("Poll every (minutes)").fill("30");
    role(page, AriaRole.BUTTON, "Save changes").click();

    Locator renamed = role(page, AriaRole.REGION, "other renamed");
    assertThat(renamed).containsText("every 30 minutes");
    assertThat(renamed).containsText("passkey=***");
    assertThat(value("SELECT url FROM feeds WHERE id = " + id)).asString().endsWith("passkey=other-secret-1");
    assertThat(value("SELECT name || ' ' || poll_minutes FROM feeds WHERE id = " + id)).isEqualTo("other renamed 30");

    Locator enabled = role(page, AriaRole.SWITCH, "other renamed enabled");
    enabled.click();
    assertThat(enabled).not().isChecked();
    Eventually.await("the feed switched off", () -> Boolean.FALSE.equals(value("SELECT enabled FROM feeds WHERE id = " + id)));

    long rule = ui.service.post("/api/series/" + ui.seriesId(TestLibrary.FRIEREN) + "/rules",
        new JsonObject().put("feedId", id).put("pattern", "Other Show - :ep:")).bodyAsJsonObject().getLong("id");
    role(page, AriaRole.BUTTON, "Remove other renamed").click();
    Locator dialog = role(page, AriaRole.DIALOG, "Remove the feed other renamed?");
    role(page, AriaRole.BUTTON, "Remove feed").click();
    assertThat(dialog.getByRole(AriaRole.ALERT)).containsText("is used by rule(s) " + rule);
    role(page, AriaRole.BUTTON, "Keep it").click();
    assertThat(dialog).isHidden();
    assertThat(value("SELECT count(*) FROM feeds WHERE id = " + id)).isEqualTo(1L);

    assertThat(ui.service.send(HttpMethod.DELETE, "/api/rules/" + rule, null).statusCode()).isEqualTo(204);
    role(page, AriaRole.BUTTON, "Remove other renamed").click();
    role(page, AriaRole.BUTTON, "Remove feed").click();
    assertThat(renamed).hasCount(0);
    assertThat(value("SELECT count(*) FROM feeds WHERE id = " + id)).isEqualTo(0L);
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  @Test
  void a_rule_is_previewed_before_it_is_saved_and_saving_it_places_the_release() {
    UiFeeds.addAndPoll(ui.service, "odd titles", feeds.serve("/odd", "", ODD_TITLE, "[Erai-raws] LasTame - 05 [720p]"));
    long queen = ui.seriesId(TestLibrary.LAST_BOSS_QUEEN);
    String unplaced = "SELECT count(*) FROM feed_items WHERE title = '" + ODD_TITLE + "' AND series_id IS NULL";
    assertThat(value(unplaced)).isEqualTo(1L);
    Page page = browser.newPage();
    page.navigate(ui.page("/series/" + queen));
    role(page, AriaRole.LINK, "Download rules").click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Download rules: " + QUEEN_TITLE);
    assertThat(page.getByText("This series has no rule.")).isVisible();

    page.getByLabel("For", EXACT).selectOption(new SelectOption().setLabel("Season 1"));
    page.getByLabel("Pattern", EXACT).fill("[Nekomoe kissaten] Rasubosu Joou - Dai :ep: Wa");
    page.getByLabel("Preferred groups").fill("Nekomoe kissaten, Erai-raws");
    role(page, AriaRole.BUTTON, "Preview").click();

    Locator preview = role(page, AriaRole.REGION, "Preview");
    assertThat(preview.getByRole(AriaRole.STATUS)).containsText("It would catch 1 of the");
    assertThat(preview.getByRole(AriaRole.LISTITEM)).hasText(ODD_TITLE + " → S01E05 (Episode 5 of season 1)");
    assertThat(value(unplaced)).as("a preview saves nothing").isEqualTo(1L);
    assertThat(value("SELECT count(*) FROM download_rules WHERE series_id = " + queen)).isEqualTo(0L);
    BrowserSession.screenshot(page, "rules");

    role(page, AriaRole.BUTTON, "Save rule").click();

    assertThat(role(page, AriaRole.HEADING, "Add a rule")).isVisible();
    assertThat(page.locator(".rule")).hasCount(1);
    long rule = ((Number) value("SELECT id FROM download_rules WHERE series_id = " + queen)).longValue();
    assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Rule " + rule + " saved")))
        .isVisible();
    Locator card = role(page, AriaRole.REGION, "Rule " + rule);
    assertThat(card).containsText("Season 1");
    assertThat(card).containsText("[Nekomoe kissaten] Rasubosu Joou - Dai :ep: Wa");
    assertThat(card).containsText("preferred groups: Nekomoe kissaten, Erai-raws");
    assertThat(role(page, AriaRole.SWITCH, "Rule " + rule + " enabled")).isChecked();
    Map<String, Object> placed = Sql.rows(ui.service.database(),
        "SELECT series_id, rule_id FROM feed_items WHERE title = '" + ODD_TITLE + "'").get(0);
    assertThat(placed).containsEntry("series_id", queen).containsEntry("rule_id", rule);

    // Edited: its card shows the change; its switch turns it off and on.
    role(page, AriaRole.BUTTON, "Edit rule " + rule).click();
    card.getByLabel("Must not contain").fill("720p");
    card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save rule")).click();
    assertThat(card).containsText("must not contain: 720p");
    Locator enabled = role(page, AriaRole.SWITCH, "Rule " + rule + " enabled");
    enabled.click();
    assertThat(enabled).not().isChecked();
    Eventually.await("the rule switched off",
        () -> Boolean.FALSE.equals(value("SELECT enabled FROM download_rules WHERE id = " + rule)));
    enabled.click();
    assertThat(enabled).isChecked();
    Eventually.await("the rule switched on",
        () -> Boolean.TRUE.equals(value("SELECT enabled FROM download_rules WHERE id = " + rule)));

    // The episode's releases, best first, with why: the rule's preferred group first, its unwanted word last.
    role(page, AriaRole.LINK, "← " + QUEEN_TITLE).click();
    role(page, AriaRole.BUTTON, "Releases of S01E05").click();
    Locator dialog = role(page, AriaRole.DIALOG, "Releases of S01E05: Episode 5 of season 1");
    Locator first = dialog.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText(ODD_TITLE));
    assertThat(first.locator(".rank")).hasText("#1");
    assertThat(first).containsText("accepted");
    assertThat(first).containsText("group Nekomoe kissaten (preferred #1)");
    Locator rejected = dialog.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("LasTame - 05 [720p]"));
    assertThat(rejected).containsText("rejected: contains '720p' (must not contain)");
    assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Download " + ODD_TITLE)))
        .isVisible();
    BrowserSession.screenshot(page, "releases");
    page.keyboard().press("Escape");
    assertThat(dialog).isHidden();
    assertThat(role(page, AriaRole.BUTTON, "Releases of S01E05")).isFocused();

    // Removed: the release it placed is placed again without it (nowhere).
    role(page, AriaRole.LINK, "Download rules").click();
    role(page, AriaRole.BUTTON, "Remove rule " + rule).click();
    role(page, AriaRole.DIALOG, "Remove rule " + rule + "?").getByRole(AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Remove rule")).click();
    assertThat(page.getByText("This series has no rule.")).isVisible();
    assertThat(value(unplaced)).isEqualTo(1L);
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * A feed or a rule removed by keyboard takes its buttons with it: focus goes to the next one's
   * Remove button (the one before when it was the last, the add form's heading when none is left,
   * the way back to the list on a feed's own page) instead of falling to the page.
   */
  @Test
  void removing_a_feed_or_a_rule_leaves_keyboard_focus_in_the_list() {
    long first = addFeed("focus first", feeds.serve("/focus-1", "", "[Group] Focus Show - 01 (1080p)"));
    addFeed("focus second", feeds.serve("/focus-2", "", "[Group] Focus Show - 02 (1080p)"));
    addFeed("focus third", feeds.serve("/focus-3", "", "[Group] Focus Show - 03 (1080p)"));
    Page page = browser.newPage();
    page.navigate(ui.page("/feeds"));
    removeByKeyboard(page, "Remove focus second", "Remove feed");
    assertThat(role(page, AriaRole.REGION, "focus second")).hasCount(0);
    assertThat(role(page, AriaRole.BUTTON, "Remove focus third")).isFocused();
    removeByKeyboard(page, "Remove focus third", "Remove feed");
    assertThat(role(page, AriaRole.BUTTON, "Remove focus first")).isFocused();

    page.navigate(ui.page("/feeds/" + first));
    removeByKeyboard(page, "Remove focus first", "Remove feed");
    assertThat(page.getByText("The feed was removed.")).isVisible();
    assertThat(role(page, AriaRole.LINK, "← Feeds")).isFocused();

    long africa = ui.seriesId(TestLibrary.AERIAL_AFRICA);
    long[] rules = new long[3];
    for (int i = 0; i < rules.length; i++) {
      rules[i] = ui.service.post("/api/series/" + africa + "/rules", new JsonObject().put("pattern", "Africa " + i + " :ep:"))
          .bodyAsJsonObject().getLong("id");
    }
    page.navigate(ui.page("/series/" + africa + "/rules"));
    removeByKeyboard(page, "Remove rule " + rules[1], "Remove rule");
    assertThat(role(page, AriaRole.REGION, "Rule " + rules[1])).hasCount(0);
    assertThat(role(page, AriaRole.BUTTON, "Remove rule " + rules[2])).isFocused();
    removeByKeyboard(page, "Remove rule " + rules[2], "Remove rule");
    assertThat(role(page, AriaRole.BUTTON, "Remove rule " + rules[0])).isFocused();
    removeByKeyboard(page, "Remove rule " + rules[0], "Remove rule");
    assertThat(page.getByText("This series has no rule.")).isVisible();
    assertThat(role(page, AriaRole.HEADING, "Add a rule")).isFocused();
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * A feed's releases, read as its page opened and answered before the user's "Poll now" stored new
   * ones, land after the poll's own read of them: the page keeps showing what the poll brought.
   */
  @Test
  void releases_read_before_a_poll_landing_after_its_own_read_do_not_hide_what_it_brought() {
    String release = "[SubsPlease] Sousou no Frieren - 05 (1080p)";
    long feed = addFeed("late releases", feeds.serve("/late-releases", "", release));
    String items = "/api/feeds/" + feed + "/items?limit=100";
    Predicate<String> itemsUrl = url -> url.endsWith(items);
    Page page = browser.newPage();
    AnswersRead.track(page);
    HeldAnswers held = HeldAnswers.of(page, itemsUrl); // the service answers now: no release yet
    page.navigate(ui.page("/feeds/" + feed));
    page.waitForCondition(() -> held.count() == 1);

    role(page, AriaRole.BUTTON, "Poll late releases now").click();
    Locator card = role(page, AriaRole.REGION, "late releases");
    assertThat(card).containsText("Polled: 1 new release");
    page.waitForCondition(() -> held.count() == 2); // the page reads the releases the poll stored
    held.releaseLast();
    assertThat(row(page, release)).isVisible();

    AnswersRead.forget(page);
    held.release(); // the older answer lands
    AnswersRead.await(page, List.of(items));
    assertThat(row(page, release).count()).as("rows of the release the poll brought").isEqualTo(1);
    page.unroute(itemsUrl);
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  private long addFeed(String name, String url) {
    return ui.service.post("/api/feeds", new JsonObject().put("name", name).put("url", url)).bodyAsJsonObject().getLong("id");
  }

  /** Presses Enter on the Remove button, then on the dialog's confirm button. */
  private static void removeByKeyboard(Page page, String remove, String confirm) {
    role(page, AriaRole.BUTTON, remove).press("Enter");
    Locator confirmButton = role(page, AriaRole.BUTTON, confirm); // in the dialog
    confirmButton.press("Enter");
    assertThat(confirmButton).isHidden();
  }
}

package io.autoanime.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.autoanime.web.Locators.role;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import io.autoanime.support.BrowserSession;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The pages stay in step with what the user did and what the service said: answers that cross,
 * a live channel that is refused once, errors that no longer hold, forms the page rebuilds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesInStepTest {
  private UiService ui;
  private BrowserSession browser;

  @BeforeAll
  void start() {
    ui = UiService.synced(sonarr -> {}, settings -> {});
    browser = BrowserSession.start();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    ui.close();
  }

  private static Locator toggle(Page page, String name) {
    return role(page, AriaRole.SWITCH, name);
  }

  private long count(String sql) {
    return Sql.count(ui.service.database(), sql);
  }

  /**
   * "Sync this series" ends, so the page reads the episodes again; the user flips an episode's
   * switch while that read is on its way. The read, answered before the flip, must not put the
   * switch back when it lands after the switch's own answer.
   */
  @Test
  void a_read_answered_before_a_switch_does_not_put_the_switch_back() {
    long frieren = ui.seriesId(TestLibrary.FRIEREN);
    Page page = browser.newPage();
    page.navigate(ui.page("/series/" + frieren));
    page.waitForFunction("() => document.documentElement.dataset.live === 'open'");
    Locator episode = toggle(page, "Auto-download S01E02");
    assertThat(episode).not().isChecked();

    String episodes = "**/api/series/" + frieren + "/episodes";
    HeldAnswers held = HeldAnswers.of(page, episodes); // the service answers now: S01E02 off
    role(page, AriaRole.BUTTON, "Sync this series").click();
    page.waitForCondition(() -> held.count() > 0); // the run ended: the page re-reads the episodes

    episode.click();
    assertThat(episode).isChecked();
    assertThat(episode).isEnabled(); // the PATCH answered
    assertThat(count("SELECT count(*) FROM series_episodes WHERE series_id = " + frieren
        + " AND season_number = 1 AND episode_number = 2 AND is_auto_download_enabled")).isEqualTo(1);
    // The page reads the episodes again after the switch's answer, to outrun the read under way.
    page.waitForCondition(() -> held.count() >= 2);

    // The older answer lands first, then the newer one.
    page.waitForResponse(r -> r.url().endsWith("/api/series/" + frieren + "/episodes") && held.count() == 0,
        held::release);
    assertThat(episode).isChecked();
    page.evaluate("() => new Promise((done) => setTimeout(done))"); // one more turn of the page's event loop
    assertThat(episode.isChecked()).as("S01E02's switch on the page, as in the database").isTrue();
    page.unroute(episodes);
    page.context().close();
  }

  /**
   * The same for the series' own switch: the series read again once "Sync this series" ends,
   * answered before the user switched the series on, must not switch it off again on the page.
   */
  @Test
  void a_series_read_answered_before_its_switch_does_not_put_the_switch_back() {
    long africa = ui.seriesId(TestLibrary.AERIAL_AFRICA);
    Page page = browser.newPage();
    AnswersRead.track(page);
    page.navigate(ui.page("/series/" + africa));
    page.waitForFunction("() => document.documentElement.dataset.live === 'open'");
    Locator series = toggle(page, "Auto-download");
    assertThat(series).not().isChecked();

    String record = "**/api/series/" + africa;
    HeldAnswers held = HeldAnswers.of(page, record); // the service answers now: switched off
    role(page, AriaRole.BUTTON, "Sync this series").click();
    page.waitForCondition(() -> held.count() > 0); // the run ended: the page reads the series again

    series.click();
    assertThat(series).isChecked();
    assertThat(series).isEnabled(); // the PATCH answered
    assertThat(count("SELECT count(*) FROM series WHERE id = " + africa + " AND is_auto_download_enabled"))
        .isEqualTo(1);

    AnswersRead.forget(page);
    held.release(); // the older answer lands
    AnswersRead.await(page, List.of("/api/series/" + africa));
    assertThat(series.isChecked()).as("the series' switch on the page, as in the database").isTrue();
    held.release(); // any read the page started since
    page.unroute(record);
    page.context().close();
  }

  /**
   * The same on a feed's page: the feed read again once "Poll now" answered, answered before the user
   * switched the feed off, must not switch it on again on the page.
   */
  @Test
  void a_feed_read_after_a_poll_answered_before_its_switch_does_not_put_the_switch_back() {
    long feed = addFeed("Switched while polled", true);
    Page page = browser.newPage();
    AnswersRead.track(page);
    page.navigate(ui.page("/feeds/" + feed));
    Locator enabled = toggle(page, "Switched while polled enabled");
    assertThat(enabled).isChecked();

    String record = "**/api/feeds/" + feed;
    HeldAnswers held = HeldAnswers.ofReads(page, record); // the service answers now: switched on
    role(page, AriaRole.BUTTON, "Poll Switched while polled now").click();
    page.waitForCondition(() -> held.count() > 0); // the poll answered: the page reads the feed again

    enabled.click();
    assertThat(enabled).not().isChecked();
    assertThat(enabled).isEnabled(); // the PATCH answered
    assertThat(count("SELECT count(*) FROM feeds WHERE id = " + feed + " AND NOT enabled")).isEqualTo(1);

    AnswersRead.forget(page);
    held.release(); // the older answer lands
    AnswersRead.await(page, List.of("/api/feeds/" + feed));
    assertThat(enabled.isChecked()).as("the feed's switch on the page, as in the database").isFalse();
    held.release(); // any read the page started since
    page.unroute(record);
    page.context().close();
  }

  /**
   * The live channel comes back, so the Feeds page reads the feeds again; the user switches one off
   * while that read is on its way. The read, answered before the switch, must not switch the feed on
   * again on its card when it lands after the switch's answer.
   */
  @Test
  void a_feeds_read_after_a_reconnection_answered_before_a_switch_does_not_put_the_switch_back() {
    addFeed("Switched while reconnecting", true);
    Page page = browser.newPage();
    AnswersRead.track(page);
    Runnable reconnect = reconnectionHeld(page);
    page.navigate(ui.page("/feeds"));
    Locator enabled = toggle(page, "Switched while reconnecting enabled");
    assertThat(enabled).isChecked();

    HeldAnswers held = HeldAnswers.ofReads(page, "**/api/feeds"); // the service answers now: switched on
    reconnect.run();
    page.waitForCondition(() -> held.count() > 0); // the channel came back: the page reads the feeds again

    enabled.click();
    assertThat(enabled).not().isChecked();
    assertThat(enabled).isEnabled(); // the PATCH answered
    assertThat(count("SELECT count(*) FROM feeds WHERE name = 'Switched while reconnecting' AND NOT enabled"))
        .isEqualTo(1);

    AnswersRead.forget(page);
    held.release(); // the older answer lands
    AnswersRead.await(page, List.of("/api/feeds"));
    assertThat(enabled.isChecked()).as("the feed's switch on the page, as in the database").isFalse();
    held.release(); // any read the page started since
    page.unroute("**/api/feeds");
    page.context().close();
  }

  /** The same for a feed added while that read is on its way: it stays in the list. */
  @Test
  void a_feeds_read_after_a_reconnection_answered_before_an_add_does_not_take_the_feed_away() {
    Page page = browser.newPage();
    AnswersRead.track(page);
    Runnable reconnect = reconnectionHeld(page);
    page.navigate(ui.page("/feeds"));
    Locator form = role(page, AriaRole.REGION, "Add a feed");
    assertThat(page.getByText("Loading…")).hasCount(0);

    HeldAnswers held = HeldAnswers.ofReads(page, "**/api/feeds"); // the service answers now: no such feed
    reconnect.run();
    page.waitForCondition(() -> held.count() > 0);

    form.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Added while reconnecting");
    form.getByLabel("Feed URL").fill("http://127.0.0.1:9/added-while-reconnecting");
    role(page, AriaRole.BUTTON, "Add feed").click();
    Locator added = role(page, AriaRole.REGION, "Added while reconnecting");
    assertThat(added).isVisible();

    AnswersRead.forget(page);
    held.release(); // the older answer lands
    AnswersRead.await(page, List.of("/api/feeds"));
    assertThat(added.count()).as("cards of the feed added, as in the database").isEqualTo(1);
    held.release();
    page.unroute("**/api/feeds");
    page.context().close();
  }

  /** The same for a feed removed while that read is on its way: it does not come back. */
  @Test
  void a_feeds_read_after_a_reconnection_answered_before_a_removal_does_not_bring_the_feed_back() {
    addFeed("Removed while reconnecting");
    Page page = browser.newPage();
    AnswersRead.track(page);
    Runnable reconnect = reconnectionHeld(page);
    page.navigate(ui.page("/feeds"));
    Locator removed = role(page, AriaRole.REGION, "Removed while reconnecting");
    assertThat(removed).isVisible();

    HeldAnswers held = HeldAnswers.ofReads(page, "**/api/feeds"); // the service answers now: still there
    reconnect.run();
    page.waitForCondition(() -> held.count() > 0);

    role(page, AriaRole.BUTTON, "Remove Removed while reconnecting").click();
    role(page, AriaRole.BUTTON, "Remove feed").click();
    assertThat(removed).hasCount(0);
    assertThat(count("SELECT count(*) FROM feeds WHERE name = 'Removed while reconnecting'")).isZero();

    AnswersRead.forget(page);
    held.release(); // the older answer lands
    AnswersRead.await(page, List.of("/api/feeds"));
    assertThat(removed.count()).as("cards of the feed removed, as in the database").isZero();
    held.release();
    page.unroute("**/api/feeds");
    page.context().close();
  }

  /** The same on a feed's own page, which reads the feed again when the live channel comes back. */
  @Test
  void a_feed_read_after_a_reconnection_answered_before_its_switch_does_not_put_the_switch_back() {
    long feed = addFeed("Switched on its page while reconnecting", true);
    Page page = browser.newPage();
    AnswersRead.track(page);
    Runnable reconnect = reconnectionHeld(page);
    page.navigate(ui.page("/feeds/" + feed));
    Locator enabled = toggle(page, "Switched on its page while reconnecting enabled");
    assertThat(enabled).isChecked();

    String record = "**/api/feeds/" + feed;
    HeldAnswers held = HeldAnswers.ofReads(page, record); // the service answers now: switched on
    reconnect.run();
    page.waitForCondition(() -> held.count() > 0); // the channel came back: the page reads the feed again

    enabled.click();
    assertThat(enabled).not().isChecked();
    assertThat(enabled).isEnabled(); // the PATCH answered
    assertThat(count("SELECT count(*) FROM feeds WHERE id = " + feed + " AND NOT enabled")).isEqualTo(1);

    AnswersRead.forget(page);
    held.release(); // the older answer lands
    AnswersRead.await(page, List.of("/api/feeds/" + feed));
    assertThat(enabled.isChecked()).as("the feed's switch on the page, as in the database").isFalse();
    held.release(); // any read the page started since
    page.unroute(record);
    page.context().close();
  }

  /**
   * Makes the page's live channel drop once it has opened, and holds its reopening: the page reads
   * again what it shows when the returned reconnection runs (the channel is open again after it).
   */
  private static Runnable reconnectionHeld(Page page) {
    AtomicInteger opened = new AtomicInteger();
    List<Route> reopenings = new CopyOnWriteArrayList<>();
    page.route("**/api/events**", route -> {
      if (opened.incrementAndGet() == 1) { // opens, then drops
        route.fulfill(new Route.FulfillOptions().setStatus(200)
            .setHeaders(Map.of("Content-Type", "text/event-stream")).setBody("retry: 100\n\n"));
      } else {
        reopenings.add(route);
      }
    });
    return () -> {
      page.waitForCondition(() -> !reopenings.isEmpty());
      reopenings.forEach(Route::resume);
      page.waitForFunction("() => document.documentElement.dataset.live === 'open'");
    };
  }

  /**
   * The event stream drops, and its next answer is an HTTP error (a reverse proxy's 502 while the
   * service restarts): the browser's EventSource gives up for good, so the page opens the channel
   * again itself and follows the service once it answers.
   */
  @Test
  void the_live_channel_comes_back_after_a_drop_answered_by_an_http_error() {
    Page page = browser.newPage();
    AtomicInteger opened = new AtomicInteger();
    page.route("**/api/events**", route -> {
      switch (opened.incrementAndGet()) {
        case 1 -> route.fulfill(new Route.FulfillOptions().setStatus(200)
            .setHeaders(java.util.Map.of("Content-Type", "text/event-stream")).setBody("retry: 200\n\n")); // opens, then drops
        case 2 -> route.fulfill(new Route.FulfillOptions().setStatus(502).setBody("Bad Gateway")); // the service restarting
        default -> route.resume();
      }
    });
    page.navigate(ui.page("/status"));
    page.waitForCondition(() -> opened.get() >= 2);
    Locator live = role(page, AriaRole.REGION, "This browser").locator("dt:text-is('Live updates') + dd");
    assertThat(live).hasText("UP");
    page.context().close();
  }

  /** A fresh load of the library reads the whole list (1.2 MB for 2,000 series) once. */
  @Test
  void the_library_is_read_once_per_load() {
    Page page = browser.newPage();
    AtomicInteger reads = new AtomicInteger();
    page.onRequest(request -> {
      if (request.url().contains("/api/series?includeAlternateTitles=true")) {
        reads.incrementAndGet();
      }
    });
    // The latest sync run, read once the live channel opens, is what once made the page read the list again.
    page.waitForResponse(r -> r.url().endsWith("/api/sonarr/sync/status"), () -> page.navigate(ui.page("/library")));
    assertThat(role(page, AriaRole.LINK, "Aerial Africa")).isVisible();
    page.evaluate("() => new Promise((done) => setTimeout(done))"); // the page has handled that answer
    assertThat(reads.get()).as("reads of the whole library on one load").isEqualTo(1);
    page.context().close();
  }

  /** A rule's switch failed once (the service was out of reach); once the next flip succeeds, the error goes. */
  @Test
  void a_rule_switch_error_goes_when_the_switch_then_works() {
    long queen = ui.seriesId(TestLibrary.LAST_BOSS_QUEEN);
    long rule = ui.service.post("/api/series/" + queen + "/rules", new JsonObject().put("pattern", "Rasubosu :ep:"))
        .bodyAsJsonObject().getLong("id");
    Page page = browser.newPage();
    page.navigate(ui.page("/series/" + queen + "/rules"));
    Locator enabled = toggle(page, "Rule " + rule + " enabled");
    assertThat(enabled).isChecked();

    page.route("**/api/rules/" + rule, Route::abort);
    enabled.click();
    Locator alert = page.getByRole(AriaRole.ALERT);
    assertThat(alert).hasText("AutoAnime could not be reached. Is the service running?");
    assertThat(enabled).isChecked();
    page.unroute("**/api/rules/" + rule);

    enabled.click();
    assertThat(enabled).not().isChecked();
    assertThat(enabled).isEnabled();
    assertThat(alert).hasCount(0);
    page.context().close();
  }

  /** Half-typed in "Add a rule", the user removes another rule: what they typed stays. */
  @Test
  void removing_a_rule_keeps_what_is_typed_in_the_add_form() {
    long frieren = ui.seriesId(TestLibrary.FRIEREN);
    long rule = ui.service.post("/api/series/" + frieren + "/rules", new JsonObject().put("pattern", "Frieren Dai :ep: Wa"))
        .bodyAsJsonObject().getLong("id");
    Page page = browser.newPage();
    page.navigate(ui.page("/series/" + frieren + "/rules"));
    Locator pattern = role(page, AriaRole.REGION, "Add a rule")
        .getByLabel("Pattern", new Locator.GetByLabelOptions().setExact(true));
    pattern.fill("[Group] Sousou no Frieren :ep:");

    role(page, AriaRole.BUTTON, "Remove rule " + rule).click();
    role(page, AriaRole.BUTTON, "Remove rule").click();
    assertThat(role(page, AriaRole.REGION, "Rule " + rule)).hasCount(0);
    assertThat(pattern).hasValue("[Group] Sousou no Frieren :ep:");
    page.context().close();
  }

  /** A preview answered for the pattern as it was, landing after the user changed it, is not shown as current. */
  @Test
  void a_preview_of_a_pattern_since_changed_is_not_shown() {
    long frieren = ui.seriesId(TestLibrary.FRIEREN);
    Page page = browser.newPage();
    page.navigate(ui.page("/series/" + frieren + "/rules"));
    Locator form = role(page, AriaRole.REGION, "Add a rule");
    Locator pattern = form.getByLabel("Pattern", new Locator.GetByLabelOptions().setExact(true));
    pattern.fill("Frieren Dai :ep: Wa");
    HeldAnswers held = HeldAnswers.of(page, "**/api/rules/preview");
    role(page, AriaRole.BUTTON, "Preview").click();
    page.waitForCondition(() -> held.count() > 0);

    pattern.fill("[Group] Sousou no Frieren :ep:");
    page.waitForResponse(r -> r.url().endsWith("/api/rules/preview"), held::release);
    assertThat(role(page, AriaRole.BUTTON, "Preview")).isEnabled(); // the answer was handled

    assertThat(form.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Preview"))).hasCount(0);
    page.unroute("**/api/rules/preview");
    page.context().close();
  }

  /**
   * The user opens a series and, before its answers come (a slow connection), goes to another (a new
   * address, back or forward): the first series' answers, landing last, must not show its seasons,
   * episodes or downloads under the second.
   */
  @Test
  void a_series_left_before_its_answers_came_is_not_shown_under_the_next() {
    long frieren = ui.seriesId(TestLibrary.FRIEREN);
    long queen = ui.seriesId(TestLibrary.LAST_BOSS_QUEEN);
    Page page = leaveBeforeAnswered("/series/" + frieren, List.of("/api/series/" + frieren,
            "/api/series/" + frieren + "/episodes", "/api/downloads?seriesId=" + frieren + "&limit=500"),
        "/series/" + queen, title(queen));

    assertThat(page.locator("main")).not().containsText(title(frieren));
    // Frieren's would be Season 2, Season 1 and Specials.
    assertThat(page.locator("main h2")).hasText(new String[] {"Season 1"});
    assertThat(page.locator("table.episodes tbody tr")).hasCount(6);
    assertThat(page).hasTitle(title(queen) + " · AutoAnime");
    page.context().close();
  }

  /** The same for a series' rules: those of the series left do not show under the next one's. */
  @Test
  void rules_of_a_series_left_before_they_came_are_not_shown_under_the_next() {
    long frieren = ui.seriesId(TestLibrary.FRIEREN);
    long queen = ui.seriesId(TestLibrary.LAST_BOSS_QUEEN);
    long rule = ui.service.post("/api/series/" + frieren + "/rules",
        new JsonObject().put("pattern", "Frieren :ep: Late")).bodyAsJsonObject().getLong("id");
    Page page = leaveBeforeAnswered("/series/" + frieren + "/rules",
        List.of("/api/series/" + frieren, "/api/series/" + frieren + "/rules"),
        "/series/" + queen + "/rules", "Download rules: " + title(queen));

    assertThat(page.locator("main")).not().containsText(title(frieren));
    assertThat(role(page, AriaRole.REGION, "Rule " + rule)).hasCount(0);
    page.context().close();
  }

  /** The same for a feed's page: the feed left, and its releases, do not show under the next feed. */
  @Test
  void a_feed_left_before_its_answers_came_is_not_shown_under_the_next() {
    long left = addFeed("Feed left behind");
    long next = addFeed("Feed gone to");
    Page page = leaveBeforeAnswered("/feeds/" + left,
        List.of("/api/feeds/" + left, "/api/feeds/" + left + "/items?limit=100"), "/feeds/" + next, "Feed gone to");

    assertThat(page.locator("main")).not().containsText("Feed left behind");
    page.context().close();
  }

  /**
   * Opens {@code left} with the answers to {@code leftAnswers} (ends of their URLs) held, goes to
   * {@code next} once the page has asked for them all, and lets them land once it shows {@code
   * nextHeading}; answers the page once it has read them.
   */
  private Page leaveBeforeAnswered(String left, List<String> leftAnswers, String next, String nextHeading) {
    Page page = browser.newPage();
    AnswersRead.track(page);
    Predicate<String> leftUrls = url -> leftAnswers.stream().anyMatch(url::endsWith);
    HeldAnswers held = HeldAnswers.of(page, leftUrls);
    page.navigate(ui.page(left));
    page.waitForCondition(() -> held.count() == leftAnswers.size());
    assertThat(page.getByRole(AriaRole.STATUS)).hasText("Loading…");

    page.navigate(ui.page(next));
    Locator heading = page.locator("main h1");
    assertThat(heading).hasText(nextHeading);
    held.release();
    AnswersRead.await(page, leftAnswers);
    assertThat(heading).hasText(nextHeading);
    page.unroute(leftUrls);
    return page;
  }

  private String title(long seriesId) {
    return ui.service.get("/api/series/" + seriesId).bodyAsJsonObject().getString("title");
  }

  /** A feed switched off (never polled), at an address where nothing answers. */
  private long addFeed(String name) {
    return addFeed(name, false);
  }

  private long addFeed(String name, boolean enabled) {
    return ui.service.post("/api/feeds", new JsonObject().put("name", name).put("enabled", enabled)
        .put("url", "http://127.0.0.1:9/" + name.replace(' ', '-'))).bodyAsJsonObject().getLong("id");
  }

  /** On a phone-sized screen no page scrolls sideways. */
  @Test
  void no_page_is_wider_than_a_phone() {
    long queen = ui.seriesId(TestLibrary.LAST_BOSS_QUEEN);
    Page page = browser.newPage(360, 740);
    List<String> wide = new java.util.ArrayList<>();
    for (String path : List.of("/library", "/series/" + queen, "/series/" + queen + "/rules", "/feeds", "/activity", "/status")) {
      page.navigate(ui.page(path));
      assertThat(page.locator("main h1")).isVisible();
      page.waitForFunction("() => !document.querySelector('.loading')");
      Object width = page.evaluate("() => document.documentElement.scrollWidth");
      if (((Number) width).intValue() > 360) {
        wide.add(path + " " + width);
      }
    }
    assertThat(wide).isEmpty();
    page.context().close();
  }
}

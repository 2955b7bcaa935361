package io.autoanime.feeds;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.BadRequestException;
import io.autoanime.bus.BusErrors;
import io.autoanime.config.FeedSettings;
import io.autoanime.config.Intervals;
import io.autoanime.library.NotFoundException;
import io.autoanime.matching.ReleasePlacer;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the feeds: each enabled feed when it is due (its interval plus a little jitter), and on
 * request ({@link Addresses#FEEDS_POLL}). A feed is polled once at a time: a request while it is
 * being polled gets that poll's result. When the library changes ({@link Addresses#LIBRARY_CHANGED}:
 * a sync changed these series) or a rule changed ({@link Addresses#RELEASES_REMATCH}), the stored
 * releases that change may have moved are placed again ({@link Rematcher}). Every placement is
 * announced on {@link Addresses#RELEASES_PLACED}.
 */
public final class FeedVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(FeedVerticle.class);
  private static final long PRUNE_INTERVAL_MS = TimeUnit.HOURS.toMillis(6);

  private final FeedSettings settings;
  private final Pool pool;
  private final MeterRegistry registry;
  private final Intervals intervals;
  private final Map<Long, Future<PollResult>> polling = new HashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private FeedFetcher fetcher;
  private FeedStore feeds;
  private FeedItemStore items;
  private ReleasePlacer placer;
  private FeedPoller poller;
  private RematchQueue<Rematcher.Outcome> rematches;
  private long checkTimer = -1;
  private long pruneTimer = -1;

  public FeedVerticle(FeedSettings settings, Pool pool, MeterRegistry registry, Intervals intervals) {
    this.settings = settings;
    this.pool = pool;
    this.registry = registry;
    this.intervals = intervals;
  }

  @Override
  public Future<?> start() {
    fetcher = new FeedFetcher(vertx, new FetchLimits(settings.timeoutSeconds(), settings.maxBytes(), 5));
    feeds = new FeedStore(vertx, pool, settings.pollMinutes());
    items = new FeedItemStore(pool);
    placer = new ReleasePlacer(pool);
    poller = new FeedPoller(vertx, fetcher, feeds, items, placer, new FeedMetrics(registry), settings.pollMinutes());
    Rematcher rematcher = new Rematcher(pool, items, placer);
    rematches = new RematchQueue<>(scope -> rematcher.rematch(scope).onSuccess(this::announceRematch));
    var bus = vertx.eventBus();
    consumers.add(bus.<Object>consumer(Addresses.FEEDS_POLL, BusErrors.guard(this::onPollRequest)));
    consumers.add(bus.<Object>consumer(Addresses.RELEASES_REMATCH, BusErrors.guard(this::onRematchRequest)));
    consumers.add(bus.<Object>consumer(Addresses.LIBRARY_CHANGED, event -> {
      placer.libraryChanged();
      rematch(RematchScope.libraryChanged(changedSeries(event.body())));
    }));
    checkTimer = vertx.setPeriodic(settings.checkSeconds() * 1000L, id -> pollDueFeeds());
    pruneTimer = vertx.setPeriodic(intervals.firstPruneDelayMs(), PRUNE_INTERVAL_MS, id -> prune());
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(checkTimer);
    vertx.cancelTimer(pruneTimer);
    fetcher.close();
    return Future.succeededFuture();
  }

  private static List<Long> changedSeries(Object body) {
    if (body instanceof JsonObject event && event.getValue("seriesIds") instanceof JsonArray ids) {
      return ids.stream().filter(Number.class::isInstance).map(id -> ((Number) id).longValue()).toList();
    }
    return List.of();
  }

  private void onPollRequest(Message<Object> message) {
    Long feedId = requestedFeed(message.body()); // a bad request is answered by BusErrors.guard
    Future<JsonObject> answer = feedId == null ? pollAll() : feeds.feed(feedId).compose(this::poll).map(PollResult::toJson);
    answer.onSuccess(message::reply).onFailure(e -> {
      if (e instanceof NotFoundException) {
        message.fail(BusErrors.NOT_FOUND, e.getMessage());
      } else {
        log.error("Poll request failed", e);
        message.fail(BusErrors.INTERNAL, "the poll could not be run: " + e.getMessage());
      }
    });
  }

  private static Long requestedFeed(Object body) {
    if (!(body instanceof JsonObject request)) {
      throw new BadRequestException("the request must be a JSON object such as {\"feedId\": 1}, or {} for every feed");
    }
    BadRequestException.requireOnly(request, Set.of("feedId"));
    Object feedId = request.getValue("feedId");
    if (feedId == null) {
      return null;
    }
    if ((feedId instanceof Integer || feedId instanceof Long) && ((Number) feedId).longValue() > 0) {
      return ((Number) feedId).longValue();
    }
    throw new BadRequestException("feedId must be a whole number from 1");
  }

  private Future<JsonObject> pollAll() {
    return feeds.enabledFeeds().compose(all -> Future.all(all.stream().map(this::pollUnlessRemoved).toList())
        .map(done -> {
          int newItems = 0;
          int matched = 0;
          JsonArray each = new JsonArray();
          for (int i = 0; i < all.size(); i++) {
            Optional<PollResult> polled = done.resultAt(i);
            if (polled.isPresent()) {
              PollResult result = polled.get();
              newItems += result.newItems();
              matched += result.matchedItems();
              each.add(result.toJson().put("feedId", result.feedId()));
            }
          }
          return new JsonObject().put("newItems", newItems).put("matchedItems", matched).put("feeds", each);
        }));
  }

  /** Polls a feed; empty when it was removed before the poll stored anything (left out of the answer). */
  private Future<Optional<PollResult>> pollUnlessRemoved(Feed feed) {
    return poll(feed).map(Optional::of).recover(e -> e instanceof NotFoundException
        ? Future.succeededFuture(Optional.empty())
        : Future.failedFuture(e));
  }

  private void pollDueFeeds() {
    feeds.dueFeeds()
        .onSuccess(due -> due.forEach(this::poll))
        .onFailure(e -> log.warn("Could not look for feeds to poll: {}", e.getMessage()));
  }

  /** Polls a feed, or joins the poll of it already under way. */
  private Future<PollResult> poll(Feed feed) {
    Future<PollResult> running = polling.get(feed.id());
    if (running != null) {
      return running;
    }
    Future<PollResult> poll = poller.poll(feed).onSuccess(this::announce);
    polling.put(feed.id(), poll);
    poll.onComplete(done -> polling.remove(feed.id()));
    return poll;
  }

  private void onRematchRequest(Message<Object> message) {
    RematchScope scope = requestedScope(message.body()); // a bad request is answered by BusErrors.guard
    rematch(scope)
        .onSuccess(outcome -> message.reply(new JsonObject().put("releases", outcome.releases())
            .put("placed", outcome.placed()).put("changed", outcome.changed())))
        .onFailure(e -> message.fail(BusErrors.INTERNAL, "matching again failed: " + e.getMessage()));
  }

  private static RematchScope requestedScope(Object body) {
    if (!(body instanceof JsonObject request)) {
      throw new BadRequestException("the request must be a JSON object: {\"seriesId\": N} after a rule of that series "
          + "changed, or {}");
    }
    BadRequestException.requireOnly(request, Set.of("seriesId"));
    Object seriesId = request.getValue("seriesId");
    if (seriesId == null) {
      return RematchScope.unplacedOnly();
    }
    if ((seriesId instanceof Integer || seriesId instanceof Long) && ((Number) seriesId).longValue() > 0) {
      return RematchScope.rulesChanged(((Number) seriesId).longValue());
    }
    throw new BadRequestException("seriesId must be a whole number from 1");
  }

  /** Places again what the change may have moved; one run at a time, a change asked for meanwhile joins the next. */
  private Future<Rematcher.Outcome> rematch(RematchScope scope) {
    return rematches.submit(scope)
        .onFailure(e -> log.warn("Matching releases again failed: {}", e.getMessage()));
  }

  private void announceRematch(Rematcher.Outcome outcome) {
    announce(outcome.episodeIds());
    if (outcome.changed() > 0) {
      log.info("Matched {} stored release(s) again: {} placed differently, {} placed on episodes", outcome.releases(),
          outcome.changed(), outcome.placed());
    }
  }

  private void announce(PollResult result) {
    announce(result.episodeIds());
  }

  private void announce(Set<Long> episodeIds) {
    if (!episodeIds.isEmpty()) {
      vertx.eventBus().publish(Addresses.RELEASES_PLACED,
          new JsonObject().put("episodeIds", new JsonArray(new ArrayList<>(episodeIds))));
    }
  }

  private void prune() {
    items.pruneUnplaced()
        .onSuccess(pruned -> {
          if (pruned > 0) {
            log.info("Pruned {} release(s) placed on no episode for {} days", pruned, FeedItemStore.UNPLACED_DAYS);
          }
        })
        .onFailure(e -> log.warn("Pruning old releases failed: {}", e.getMessage()));
  }
}

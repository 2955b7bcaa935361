package io.autoanime.http;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.BadRequestException;
import io.autoanime.config.AppConfig;
import io.autoanime.webhook.DownloadNotification;
import io.vertx.core.json.JsonArray;
import java.util.List;
import io.autoanime.webhook.SeriesSyncCoalescer;
import io.autoanime.webhook.WebhookEvent;
import io.autoanime.webhook.WebhookEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/sonarr/webhook}: Sonarr's Connect > Webhook notifications. Answers 200 at once
 * (400 for a body that is not a notification) and leaves the sync to a {@link SeriesSyncCoalescer}.
 * Authenticated like every /api route (header or {@code apikey} query parameter).
 */
final class WebhookRoutes {
  private static final Logger log = LoggerFactory.getLogger(WebhookRoutes.class);
  static final String PATH = "/api/sonarr/webhook";
  static final String EVENTS_METRIC = "autoanime.webhook.events";

  private final SeriesSyncCoalescer coalescer;
  private final boolean sonarrConfigured;
  private final MeterRegistry registry;

  WebhookRoutes(SeriesSyncCoalescer coalescer, boolean sonarrConfigured, MeterRegistry registry) {
    this.coalescer = coalescer;
    this.sonarrConfigured = sonarrConfigured;
    this.registry = registry;
  }

  void mount(Router router) {
    router.post(PATH).handler(this::receive);
  }

  private void receive(RoutingContext ctx) {
    WebhookEvent event;
    JsonObject body = RequestValues.jsonBody(ctx);
    try {
      event = WebhookEvent.parse(body);
    } catch (BadRequestException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    List<Long> imported = DownloadNotification.importedSonarrEpisodeIds(event, body);
    if (!imported.isEmpty()) {
      ctx.vertx().eventBus().publish(Addresses.SONARR_IMPORTED, new JsonObject().put("sonarrEpisodeIds", new JsonArray(imported)));
    }
    JsonObject answer = new JsonObject().put("eventType", event.eventType());
    if (event.sonarrSeriesId() != null) {
      answer.put("sonarrSeriesId", event.sonarrSeriesId());
    }
    String ignored = event.ignoredBecause();
    if (ignored == null && !sonarrConfigured) {
      ignored = AppConfig.SONARR_NOT_CONFIGURED;
    }
    String action;
    if (ignored != null) {
      action = "ignored";
      answer.put("reason", ignored);
      logIgnored(event, ignored);
    } else {
      SeriesSyncCoalescer.Outcome outcome = coalescer.offer(event.sonarrSeriesId());
      action = outcome == SeriesSyncCoalescer.Outcome.QUEUED ? "queued" : "coalesced";
      if (outcome == SeriesSyncCoalescer.Outcome.QUEUED) {
        log.info("Sonarr webhook {} for series {}{}: syncing that series in {} ms", event.eventType(),
            event.sonarrSeriesId(), event.seriesTitle() == null ? "" : " (" + event.seriesTitle() + ")",
            coalescer.windowMs());
      } else {
        log.debug("Sonarr webhook {} for series {} joins the sync already planned", event.eventType(),
            event.sonarrSeriesId());
      }
    }
    Counter.builder(EVENTS_METRIC)
        .description("Sonarr webhook notifications received, by event type and what was done")
        .tag("event_type", event.typeLabel())
        .tag("action", action)
        .register(registry)
        .increment();
    Responses.json(ctx, 200, answer.put("action", action));
  }

  private static void logIgnored(WebhookEvent event, String reason) {
    if (event.type().isEmpty()) {
      log.info("Sonarr webhook ignored: {}", reason);
    } else if (event.type().get() == WebhookEventType.TEST) {
      log.info("Sonarr webhook Test received: the connection works ({})", reason);
    } else {
      log.info("Sonarr webhook {} ignored: {}", event.eventType(), reason);
    }
  }
}

package io.autoanime.bus;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A request on {@link Addresses#SYNC}: {@code {"mode":"full"|"new"|"series","sonarrSeriesId":N?,
 * "wait":true|false?,"trigger":"..."?}}. {@code trigger} is how other parts of this service say
 * who asked (default {@code eventbus}).
 */
public record SyncRequest(SyncMode mode, Long sonarrSeriesId, boolean waitForEnd, SyncTrigger trigger) {
  private static final Set<String> FIELDS = Set.of("mode", "sonarrSeriesId", "wait", "trigger");

  public static SyncRequest full(SyncTrigger trigger, boolean waitForEnd) {
    return new SyncRequest(SyncMode.FULL, null, waitForEnd, trigger);
  }

  public static SyncRequest series(long sonarrSeriesId, SyncTrigger trigger, boolean waitForEnd) {
    return new SyncRequest(SyncMode.SERIES, sonarrSeriesId, waitForEnd, trigger);
  }

  /** Reads a request; throws a {@link BadRequestException} naming what is wrong (never repeating a value sent). */
  public static SyncRequest fromJson(JsonObject body) {
    if (body == null) {
      throw new BadRequestException("the body must be a JSON object {\"mode\":\"full\"|\"new\"|\"series\",...}");
    }
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) { // "trigger" is the service's own, not offered to callers
        throw new BadRequestException("unknown field '" + BadRequestException.clip(field)
            + "' (allowed: mode, sonarrSeriesId, wait)");
      }
    }
    Object rawMode = body.getValue("mode", "full");
    if (!(rawMode instanceof String modeText)) {
      throw new BadRequestException("mode must be one of \"full\", \"new\", \"series\"");
    }
    SyncMode mode = SyncMode.parse(modeText)
        .orElseThrow(() -> new BadRequestException("mode must be one of \"full\", \"new\", \"series\", in lower case"));
    Object rawWait = body.getValue("wait", true);
    if (!(rawWait instanceof Boolean waitForEnd)) {
      throw new BadRequestException("wait must be true or false");
    }
    Object rawTrigger = body.getValue("trigger", "eventbus");
    SyncTrigger trigger = rawTrigger instanceof String t ? SyncTrigger.parse(t).orElse(null) : null;
    if (trigger == null) {
      throw new BadRequestException("trigger must be one of startup, http, eventbus, schedule, webhook");
    }
    Object rawId = body.getValue("sonarrSeriesId");
    Long seriesId = null;
    if (rawId != null) {
      if (!(rawId instanceof Integer || rawId instanceof Long) || ((Number) rawId).longValue() <= 0) {
        throw new BadRequestException("sonarrSeriesId must be a positive whole number");
      }
      seriesId = ((Number) rawId).longValue();
    }
    if (mode == SyncMode.SERIES && seriesId == null) {
      throw new BadRequestException("mode \"series\" needs sonarrSeriesId");
    }
    if (mode != SyncMode.SERIES && seriesId != null) {
      throw new BadRequestException("sonarrSeriesId is only allowed with mode \"series\"");
    }
    return new SyncRequest(mode, seriesId, waitForEnd, trigger);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("mode", mode.wireName()).put("wait", waitForEnd).put("trigger", trigger.wireName());
    if (sonarrSeriesId != null) {
      json.put("sonarrSeriesId", sonarrSeriesId);
    }
    return json;
  }

  /** Whether a run made for {@code this} request also does everything {@code other} asks. */
  public boolean covers(SyncRequest other) {
    return switch (mode) {
      case FULL -> true;
      case NEW -> other.mode == SyncMode.NEW;
      case SERIES -> other.mode == SyncMode.SERIES && other.sonarrSeriesId.equals(sonarrSeriesId);
    };
  }
}

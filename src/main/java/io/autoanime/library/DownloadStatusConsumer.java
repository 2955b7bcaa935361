package io.autoanime.library;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.BadRequestException;
import io.autoanime.bus.BusErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Addresses#EPISODE_DOWNLOAD_STATUS}: downloaders report an episode's status over the bus,
 * {@code {"episodeId":N,"status":"...","downloadedAt":"..."?}}, and get the episode object back.
 * Failures reply with a ReplyException: 400 bad request, 404 unknown episode, 500 anything else.
 */
public final class DownloadStatusConsumer {
  private static final Logger log = LoggerFactory.getLogger(DownloadStatusConsumer.class);
  private static final Set<String> FIELDS = Set.of("episodeId", "status", "downloadedAt");

  private final AutoDownload autoDownload;

  public DownloadStatusConsumer(AutoDownload autoDownload) {
    this.autoDownload = autoDownload;
  }

  /** Starts consuming; the future completes once the registration has propagated. */
  public Future<MessageConsumer<Object>> register(EventBus bus) {
    MessageConsumer<Object> consumer = bus.consumer(Addresses.EPISODE_DOWNLOAD_STATUS, BusErrors.guard(this::handle));
    return consumer.completion().map(consumer);
  }

  private void handle(Message<Object> message) {
    if (!(message.body() instanceof JsonObject body)) {
      throw new BadRequestException("the body must be a JSON object {\"episodeId\":N,\"status\":\"...\"}");
    }
    long episodeId = episodeId(body.getValue("episodeId"));
    DownloadStatusChange change = DownloadStatusChange.fromJson(body, FIELDS);
    autoDownload.setDownloadStatus(episodeId, change)
        .onSuccess(message::reply)
        .onFailure(failure -> {
          if (failure instanceof NotFoundException) {
            message.fail(BusErrors.NOT_FOUND, failure.getMessage());
          } else {
            log.error("Download status of episode {} could not be recorded", episodeId, failure);
            message.fail(BusErrors.INTERNAL, "the download status could not be recorded; see the service log");
          }
        });
  }

  private static long episodeId(Object raw) {
    if (raw == null) {
      throw new BadRequestException("episodeId is required");
    }
    if ((raw instanceof Integer || raw instanceof Long) && ((Number) raw).longValue() > 0) {
      return ((Number) raw).longValue();
    }
    throw new BadRequestException("episodeId must be a positive whole number (got "
        + DownloadStatusChange.describe(raw) + ")");
  }
}

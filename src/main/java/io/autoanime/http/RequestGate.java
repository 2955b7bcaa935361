package io.autoanime.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * The first handler of every request: it refuses, with a 4xx in the contract's error shape, what no
 * route can take, before any route, the key check or the body handler sees it. Each check stands for
 * a way a request used to escape the router as a 500 or as no answer at all:
 *
 * <ul>
 *   <li>a path or query string whose percent-encoding does not decode (400): the query is decoded
 *       lazily by whoever reads it first (the key check, the body handler merging form fields, a
 *       route), each throwing its own exception, one of them inside the body's end handler where no
 *       one answers;
 *   <li>a body on GET, HEAD, OPTIONS, TRACE or CONNECT (400): no route reads one, and Vert.x refuses to
 *       decode a form on these methods with an exception;
 *   <li>a form-encoded or multipart body, even an empty one (415): every route takes JSON, and the body
 *       handler would otherwise hand the body to Vert.x's form decoder, which refuses GET, HEAD, OPTIONS
 *       and TRACE with an exception even for {@code Content-Length: 0};
 *   <li>an {@code Expect} other than {@code 100-continue} (417).
 * </ul>
 *
 * Decoding both query parsers here also means that nothing after this handler can throw on the query.
 */
final class RequestGate implements Handler<RoutingContext> {
  private static final Set<HttpMethod> WITHOUT_BODY =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.CONNECT);

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!decodes(ctx)) {
      Responses.error(ctx, 400, "bad request: the URL's percent-encoding does not decode (a '%' must be followed by "
          + "two hex digits)");
    } else if (declaresBody(request) && WITHOUT_BODY.contains(request.method())) {
      Responses.error(ctx, 400, "bad request: a " + request.method().name() + " request carries no body");
    } else if (bodyHandlerReads(request) && isForm(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
      Responses.error(ctx, 415, "unsupported content type: the body must be JSON (Content-Type: application/json), "
          + "not a form");
    } else if (request.getHeader(HttpHeaders.EXPECT) != null
        && !"100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT).trim())) {
      Responses.error(ctx, 417, "the only expectation this service meets is Expect: 100-continue");
    } else {
      ctx.next();
    }
  }

  /** Both query parsers in use (vertx-web's and vertx-core's) and the path's own escapes. */
  private static boolean decodes(RoutingContext ctx) {
    try {
      QueryStringDecoder.decodeComponent(ctx.request().path());
      ctx.normalizedPath();
      ctx.queryParams();
      ctx.request().params();
      return true;
    } catch (RuntimeException e) {
      return false; // the exception's message quotes the URI, which may hold the API key: never logged
    }
  }

  /** A body that is not empty: a Content-Length above 0 (or one that is not a number), or any Transfer-Encoding. */
  static boolean declaresBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || (length != null && contentLength(request) != 0);
  }

  /**
   * Whether vertx-web's body handler reads a body, as it decides it: any Transfer-Encoding, or a
   * Content-Length that is a number from 0 up (even {@code Content-Length: 0} sets a form decoder up).
   */
  private static boolean bodyHandlerReads(HttpServerRequest request) {
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || contentLength(request) >= 0;
  }

  /** The Content-Length; -1 when absent or not a whole number from 0 up. */
  private static long contentLength(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null || length.isEmpty()) {
      return -1;
    }
    try {
      return Math.max(-1, Long.parseLong(length));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The prefixes on which vertx-web's body handler asks Vert.x to decode a form. */
  private static boolean isForm(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.trim().toLowerCase(Locale.ROOT);
    return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
  }
}

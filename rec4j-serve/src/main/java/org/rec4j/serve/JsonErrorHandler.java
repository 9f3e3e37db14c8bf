package org.rec4j.serve;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages as the API's JSON errors ({@code {"error": "...", "field": null}}), whatever
 * the client accepts. Jetty answers some requests before they reach Javalin's routes: a request
 * line longer than the header buffer (414), headers too large (431), a request it cannot parse or
 * an ambiguous URI (400). Its default handler writes HTML for those; this one keeps every answer of
 * the service JSON.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  /** The JSON error body for {@code status} with Jetty's {@code reason} (may be null). */
  static byte[] body(int status, String reason) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("error", message(status, reason));
    out.put("field", null);
    return Api.bytes(out);
  }

  private static String message(int status, String reason) {
    String why =
        reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status))
            ? null
            : reason;
    String text =
        switch (status) {
          case 414 ->
              "request URI too long: the request line exceeds the server's limit; send long values in a POST body"
                  + " (e.g. POST /v1/recommendations:batch)";
          case 431 -> "request headers too large: they exceed the server's limit";
          case 400 -> "bad request: the server could not parse the HTTP request";
          default -> status + " " + HttpStatus.getMessage(status);
        };
    return why == null ? text : text + " (" + why + ")";
  }
}

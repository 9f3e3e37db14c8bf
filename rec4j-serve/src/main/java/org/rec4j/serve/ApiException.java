package org.rec4j.serve;

/**
 * A client mistake (or a refused operation) that the HTTP layer turns into {@code status} with the
 * JSON body {@code {"error": message, "field": field}}. {@code field} names the query parameter,
 * path parameter or JSON path at fault (e.g. {@code "k"}, {@code "events[3].type"}), or is null
 * when no single field is to blame.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String field;

  /** A {@code status} error blaming {@code field} (may be null). */
  public ApiException(int status, String field, String message) {
    super(message);
    if (status < 400 || status > 599)
      throw new IllegalArgumentException("status must be 4xx or 5xx, got " + status);
    this.status = status;
    this.field = field;
  }

  /** 400 Bad Request naming {@code field}. */
  public static ApiException badRequest(String field, String message) {
    return new ApiException(400, field, message);
  }

  /** 404 Not Found naming {@code field}. */
  public static ApiException notFound(String field, String message) {
    return new ApiException(404, field, message);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The field at fault, or null. */
  public String field() {
    return field;
  }
}

package org.osteocds.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** JSON in and out of Jetty's core request and response: a body read whole (or a 400/413), a JSON answer. */
final class JsonExchange {
    /** How Jackson names a key found twice in one object of a tree. */
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile(
            "Duplicate field '(.*)' for `ObjectNode`", java.util.regex.Pattern.DOTALL);

    private JsonExchange() {
    }

    /** @return the request's JSON object, or {@code null} after answering 400 or 413 */
    static JsonNode body(ObjectMapper json, Request request, Response response, Callback callback, long limit) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            JsonNode n = json.readTree(in);
            if (n == null || !n.isObject()) {
                error(json, response, callback, 400, "the body must be a JSON object");
                return null;
            }
            return n;
        } catch (JsonProcessingException e) {
            java.util.regex.Matcher twice = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            error(json, response, callback, 400, twice.lookingAt()
                    ? "the body gives the key '" + twice.group(1) + "' twice in one object"
                    : "the body is not valid JSON: " + e.getOriginalMessage());
            return null;
        } catch (Exception e) {
            if (tooLarge(e)) {
                error(json, response, callback, 413, "the body is larger than " + limit + " bytes");
            } else {
                error(json, response, callback, 400, "the body could not be read");
            }
            return null;
        }
    }

    /** Whether reading failed because the body passed the size limit (Jetty says so with an HTTP 413). */
    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof org.eclipse.jetty.http.HttpException h && h.getCode() == 413 || m.contains("too large")
                    || m.contains("exceeded")) {
                return true;
            }
        }
        return false;
    }

    static void error(ObjectMapper json, Response response, Callback callback, int status, String message) {
        send(json, response, callback, status, json.createObjectNode().put("error", message));
    }

    static void send(ObjectMapper json, Response response, Callback callback, int status, JsonNode body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(bytes), callback);
        } catch (JsonProcessingException e) {
            callback.failed(e);
        }
    }
}

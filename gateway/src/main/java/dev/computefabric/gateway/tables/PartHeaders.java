package dev.computefabric.gateway.tables;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of one multipart part that matter here: {@code Content-Disposition} (its {@code name} and
 * {@code filename}) and {@code Content-Type}.
 */
record PartHeaders(String name, String fileName, String contentType) {

    /** {@code block}: header lines separated by CRLF, as they came. */
    static PartHeaders parse(String block) {
        String disposition = null;
        String contentType = null;
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                disposition = value;
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        if (disposition == null) {
            throw new MalformedMultipartException(
                    "every part needs a Content-Disposition: form-data; name=\"...\" header");
        }
        Map<String, String> parameters = parameters(disposition);
        String fileName = parameters.containsKey("filename*")
                ? extended(parameters.get("filename*"))
                : parameters.get("filename");
        return new PartHeaders(parameters.get("name"), fileName, contentType);
    }

    /** The {@code key=value} parameters after the disposition type; keys lower-case, quoted values unquoted. */
    static Map<String, String> parameters(String disposition) {
        Map<String, String> parameters = new HashMap<>();
        int i = disposition.indexOf(';');
        while (i >= 0 && i < disposition.length()) {
            i++;
            int equals = disposition.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String key = disposition.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            int at = equals + 1;
            while (at < disposition.length() && disposition.charAt(at) == ' ') {
                at++;
            }
            StringBuilder value = new StringBuilder();
            if (at < disposition.length() && disposition.charAt(at) == '"') {
                at++;
                while (at < disposition.length() && disposition.charAt(at) != '"') {
                    char c = disposition.charAt(at);
                    if (c == '\\' && at + 1 < disposition.length()) {
                        c = disposition.charAt(++at);
                    }
                    value.append(c);
                    at++;
                }
                at = disposition.indexOf(';', at);
            } else {
                int end = disposition.indexOf(';', at);
                value.append(disposition, at, end < 0 ? disposition.length() : end);
                at = end;
            }
            parameters.put(key, value.toString().strip());
            i = at;
        }
        return parameters;
    }

    /** RFC 5987 {@code UTF-8''name%20with%20spaces}. */
    private static String extended(String value) {
        int quote = value.indexOf("''");
        String encoded = quote < 0 ? value : value.substring(quote + 2);
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

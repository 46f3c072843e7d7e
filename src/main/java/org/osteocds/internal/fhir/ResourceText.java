package org.osteocds.internal.fhir;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osteocds.model.RecordError;

/**
 * The raw text of one resource (a Bundle entry or an NDJSON line), read alone: strictly when its patient is mapped
 * (a key given twice is an error naming it, never "the last wins"), and, when it cannot be parsed at all, leniently
 * for the patient it names, so that a part that cannot be read costs its patient's record rather than leaving the
 * patient assessed on part of its data.
 */
final class ResourceText {
    /** As {@link FhirJson#MAPPER}, and a key given twice in one object is an error. */
    static final ObjectReader STRICT = FhirJson.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) '(.*)'");
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("\"resourceType\"\\s*:\\s*\"([^\"\\\\]{0,64})\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"\\\\]{1,256})\"");
    private static final Pattern FULL_URL = Pattern.compile("\"fullUrl\"\\s*:\\s*\"([^\"\\\\]{1,1024})\"");
    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"\\\\]{1,1024})\"");

    private ResourceText() {
    }

    /**
     * Reads one resource strictly.
     *
     * @param text        its bytes
     * @param bundleEntry whether they are a Bundle entry (the resource is its {@code resource})
     * @param ref         {@code Type/id} as indexed, for messages
     * @param part        where it is ({@code file entry N (line L)} or {@code file line L}), for messages
     * @param errors      receives why it cannot be read
     * @return the resource, or {@code null} when it cannot be read
     */
    static FhirResource parse(byte[] text, boolean bundleEntry, String ref, String part, Set<RecordError> errors) {
        try {
            JsonNode json = STRICT.readTree(text);
            return bundleEntry ? FhirResource.of(json.get("resource"), FhirJson.text(json, "fullUrl"))
                    : FhirResource.of(json, null);
        } catch (JsonProcessingException e) {
            String key = duplicate(e, bundleEntry);
            errors.add(key != null ? twice(ref, key, part) : unreadable(part, why(e)));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param e           why a text could not be parsed
     * @param bundleEntry whether it was a Bundle entry (its {@code resource.} prefix is dropped)
     * @return the path of the key given twice ({@code valueQuantity.value}), or {@code null} for another problem
     */
    static String duplicate(JsonProcessingException e, boolean bundleEntry) {
        Matcher m = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (!m.find()) {
            return null;
        }
        List<String> path = new ArrayList<>();
        if (e.getProcessor() instanceof JsonParser p) {
            for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                path.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
            }
        }
        if (path.isEmpty()) {
            return m.group(1);
        }
        if (bundleEntry && path.size() > 1 && path.get(0).equals("resource")) {
            path.remove(0);
        }
        return String.join(".", path).replace(".[", "[");
    }

    /**
     * @param e why a text could not be parsed
     * @return the reason in words
     */
    static String why(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("Invalid UTF-8") || message.contains("Invalid UTF8")) {
            return "holds bytes that are not valid UTF-8";
        }
        String key = duplicate(e, false);
        if (key != null) {
            return key + " is given twice";
        }
        return "not valid JSON: " + plain(message);
    }

    /** @return Jackson's message on one line, its locations as {@code line L, column C}, at most 120 characters */
    static String plain(String message) {
        int nl = message.indexOf('\n');
        String s = SOURCE.matcher(nl < 0 ? message : message.substring(0, nl)).replaceAll("line $1, column $2");
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /**
     * @param ref  the resource ({@code Type/id})
     * @param key  the key given twice, with its path in the resource
     * @param part where the resource is
     * @return the error it gives the patient it belongs to
     */
    static RecordError twice(String ref, String key, String part) {
        return new RecordError(ref + "." + key, null, key + " is given twice in " + ref + ": " + part);
    }

    /**
     * @param part where the part is
     * @param why  why it could not be read
     * @return the error it gives the patient it belongs to
     */
    static RecordError unreadable(String part, String why) {
        return new RecordError("fhir", null, "a resource of this patient could not be read, so the patient is not "
                + "assessed on part of its data: " + part + ": " + why);
    }

    /**
     * What a text that cannot be parsed names, found leniently.
     *
     * @param patientId  the id of the Patient it is, when it is one (its first resourceType is Patient)
     * @param references every {@code reference} in it, which may name its patient
     */
    record Names(String patientId, Set<String> references) {
        /** @return whether it names nothing */
        boolean isEmpty() {
            return patientId == null && references.isEmpty();
        }
    }

    /**
     * @param text  the raw text of a part that cannot be parsed (or its next piece, for a very long one)
     * @param first whether this is the start of the part (only there does its resourceType say what it is)
     * @param into  the references found so far, added to
     * @return what it names
     */
    static Names names(String text, boolean first, Set<String> into) {
        Matcher refs = REFERENCE.matcher(text);
        while (refs.find()) {
            into.add(refs.group(1));
        }
        String patient = null;
        Matcher type = RESOURCE_TYPE.matcher(text);
        if (first && type.find() && type.group(1).equals("Patient")) {
            Matcher id = ID.matcher(text);
            Matcher fullUrl = FULL_URL.matcher(text);
            patient = FhirResource.idFrom(fullUrl.find() ? fullUrl.group(1) : null, id.find() ? id.group(1) : null);
        }
        return new Names(patient, into);
    }

    /**
     * @param text the raw text of a part that cannot be parsed
     * @return what it names
     */
    static Names names(String text) {
        return names(text, true, new LinkedHashSet<>());
    }
}

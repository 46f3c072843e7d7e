package org.osteocds.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI FHIR resources held in memory, turned into the JSON the mapping reads. The only class that touches HAPI;
 * HAPI is an optional dependency, needed only by callers who hold HAPI objects.
 */
public final class HapiResources {
    /** The class whose presence tells that HAPI FHIR R4 is on the classpath. */
    public static final String PROBE = "org.hl7.fhir.r4.model.Bundle";

    private HapiResources() {
    }

    /** One FhirContext for the process (creating one takes about 100 ms; it is thread-safe). */
    private static final class Holder {
        static final FhirContext CONTEXT = FhirContext.forR4();
    }

    /**
     * @param resource a resource or Bundle
     * @return its JSON tree
     */
    public static JsonNode json(IBaseResource resource) {
        try {
            return FhirJson.MAPPER.readTree(Holder.CONTEXT.newJsonParser().encodeResourceToString(resource));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("HAPI wrote JSON that does not parse", e);
        }
    }

    /**
     * @param resources resources of one or more patients (Bundles are read entry by entry)
     * @return one collection Bundle holding them all
     */
    public static JsonNode bundle(Collection<? extends IBaseResource> resources) {
        ObjectNode bundle = FhirJson.MAPPER.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        for (IBaseResource r : resources) {
            ObjectNode entry = entries.addObject();
            // a resource taken out of a Bundle keeps its entry's fullUrl as its id (urn:uuid:...), which HAPI does
            // not write as an id: give it back as the fullUrl, so that references to it still resolve
            String id = r.getIdElement() == null ? null : r.getIdElement().getValue();
            if (id != null && !id.isBlank() && (id.startsWith("urn:") || id.contains("://"))) {
                entry.put("fullUrl", id);
            }
            entry.set("resource", json(r));
        }
        return bundle;
    }
}

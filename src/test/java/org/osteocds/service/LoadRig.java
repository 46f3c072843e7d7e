package org.osteocds.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The EHR side of the service's load test ({@code bin/bench-service}, docs/performance.md): a real FHIR server and
 * JWKS on loopback ({@link FhirStub}, one Synthea patient), a service configuration that trusts it, pre-minted
 * JWTs (one fresh {@code jti} per request, valid five minutes), and two request bodies: with the prefetch the
 * discovery templates ask for, and without (the service fetches everything). Stays up until killed.
 * {@code java ... LoadRig OUT-DIR BASE-URL} (the rig), {@code java ... LoadRig mint OUT-DIR N} (N more tokens
 * into {@code OUT-DIR/tokens.txt}, signed with the rig's key: tokens live five minutes, so each run mints its own).
 * Tokens are ES256 (elliptic-curve signatures are fast to make, so minting does not take longer than a run).
 */
public final class LoadRig {
    private LoadRig() {
    }

    /** @param args the rig's output folder and the service's base URL, or {@code mint}, the folder and a count */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("mint")) {
            mint(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        Path out = Path.of(args[0]);
        String base = args[1];
        Files.createDirectories(out);
        FhirStub fhir = new FhirStub(Path.of(CdsServiceTest.SYNTHEA));
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("load-" + System.nanoTime()).generate();
        fhir.jwks = new JWKSet(key.toPublicJWK()).toString();
        Files.writeString(out.resolve("ehr-key.jwk"), key.toJSONString());
        Files.writeString(out.resolve("audience.txt"), base + "/cds-services/" + Hooks.PATIENT_VIEW);
        Files.writeString(out.resolve("service.yaml"), "publicBaseUrl: " + base + "\ntrustedIssuers:\n  - iss: "
                + Tokens.ISSUER + "\n    jwksUrl: " + fhir.jwksUrl() + "\ntimeZone: Europe/London\n"
                + System.getenv().getOrDefault("SERVICE_YAML", "").replace("\\n", "\n"));   // extra settings to try
        CdsServiceTest.fhir = fhir;   // the request builders read the stub
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> prefetch = CdsServiceTest.fullPrefetch();
        ObjectNode observations = fhir.searchset("Observation");
        List<String> codes = Prefetch.templates(org.osteocds.io.FhirInput.observationCodes(
                org.osteocds.OsteoCds.bundled())).get(CdsServiceTest.OBSERVATIONS).replaceAll(".*&code=", "").lines()
                .toList();
        observations.set("entry", filtered(json, observations.path("entry"), String.join(",", codes)));
        prefetch.put(CdsServiceTest.OBSERVATIONS, observations);
        Files.writeString(out.resolve("with-prefetch.json"), CdsServiceTest.patientView(prefetch, true).toString());
        Files.writeString(out.resolve("without-prefetch.json"), CdsServiceTest.patientView(Map.of(), true).toString());
        System.out.println("ready " + fhir.base());
        Thread.currentThread().join();
    }

    private static void mint(Path dir, int n) throws Exception {
        ECKey key = ECKey.parse(Files.readString(dir.resolve("ehr-key.jwk")));
        String aud = Files.readString(dir.resolve("audience.txt")).trim();
        ECDSASigner signer = new ECDSASigner(key);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("tokens.txt"), StandardCharsets.US_ASCII)) {
            for (int i = 0; i < n; i++) {
                SignedJWT jwt = new SignedJWT(header, Tokens.claims(aud).build());
                jwt.sign(signer);
                w.write("Bearer " + jwt.serialize());
                w.newLine();
            }
        }
    }

    /** The Observations a FHIR server gives for the discovery template's codes. */
    private static JsonNode filtered(ObjectMapper json, JsonNode entries, String codes) {
        var out = json.createArrayNode();
        for (JsonNode e : entries) {
            for (JsonNode c : e.path("resource").path("code").path("coding")) {
                if (java.util.Set.of(codes.split(",")).contains(c.path("system").asText() + "|"
                        + c.path("code").asText())) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }
}

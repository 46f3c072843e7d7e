package org.osteocds.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import kotlin.Pair;
import kotlin.Unit;
import org.cqframework.cql.cql2elm.CqlCompilerException;
import org.cqframework.cql.cql2elm.CqlCompilerOptions;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.ModelManager;
import org.cqframework.cql.cql2elm.StringLibrarySourceProvider;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.cql2elm.quick.FhirLibrarySourceProvider;
import org.hl7.elm.r1.VersionedIdentifier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.opencds.cqf.cql.engine.data.CompositeDataProvider;
import org.opencds.cqf.cql.engine.data.DataProvider;
import org.opencds.cqf.cql.engine.execution.CqlEngine;
import org.opencds.cqf.cql.engine.execution.Environment;
import org.opencds.cqf.cql.engine.execution.EvaluationResult;
import org.opencds.cqf.cql.engine.fhir.model.R4FhirModelResolver;
import org.opencds.cqf.cql.engine.model.CachingModelResolverDecorator;
import org.opencds.cqf.cql.engine.retrieve.RetrieveProvider;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Date;
import org.opencds.cqf.cql.engine.runtime.Interval;
import org.opencds.cqf.cql.engine.runtime.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subset in CQL ({@code cql/OsteoSubset.cql}, which includes the code tables
 * {@code cql/OsteoSubsetConditionCodes.cql} and {@code cql/OsteoSubsetMedicineCodes.cql}) on the reference Java CQL
 * engine: the CQL is translated to ELM once (in the constructor, which the cold start counts), then each patient's Bundle is parsed by HAPI FHIR R4 and the
 * library evaluated in the Patient context with a retrieve provider over that patient's own resources in memory.
 * Thread-safe: each thread has its own environment and retrieve provider.
 */
public final class CqlEvaluator implements SubsetEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(CqlEvaluator.class);
    static final String LIBRARY = "OsteoSubset";
    static final String VERSION = "1.0.0";
    /** The CQL sources: the subset's library and the libraries it includes. */
    static final List<String> SOURCES = List.of("/cql/OsteoSubset.cql", "/cql/OsteoSubsetConditionCodes.cql",
            "/cql/OsteoSubsetMedicineCodes.cql");

    private final FhirContext fhir = FhirContext.forR4();
    private final R4FhirModelResolver modelResolver = new R4FhirModelResolver(fhir);
    private final List<String> cql;
    private final Date asOf;
    private final ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(PerThread::new);

    /**
     * Translates the CQL to ELM (failing on any translation error).
     *
     * @param asOf the assessment date (the library's {@code AsOf} parameter)
     */
    public CqlEvaluator(LocalDate asOf) {
        this.asOf = new Date(asOf);
        List<String> texts = new ArrayList<>();
        for (String source : SOURCES) {
            try (InputStream in = CqlEvaluator.class.getResourceAsStream(source)) {
                texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        this.cql = List.copyOf(texts);
        perThread.get();   // translate now, on the constructing thread
    }

    /** A thread's library manager (with the translated ELM), engine environment and retrieve provider. */
    private final class PerThread {
        final PatientRetrieve retrieve = new PatientRetrieve();
        final Environment environment;
        final IParser parser = fhir.newJsonParser();

        PerThread() {
            ModelManager models = new ModelManager();
            LibraryManager libraries = new LibraryManager(models, CqlCompilerOptions.defaultOptions());
            libraries.getLibrarySourceLoader().registerProvider(new FhirLibrarySourceProvider());
            libraries.getLibrarySourceLoader().registerProvider(new StringLibrarySourceProvider(cql));
            List<CqlCompilerException> errors = new ArrayList<>();
            CompiledLibrary compiled = libraries.resolveLibrary(
                    new VersionedIdentifier().withId(LIBRARY).withVersion(VERSION), errors);
            List<CqlCompilerException> severe = errors.stream()
                    .filter(e -> e.getSeverity() == CqlCompilerException.ErrorSeverity.Error).toList();
            if (!severe.isEmpty() || compiled == null) {
                StringBuilder sb = new StringBuilder("the CQL does not translate:");
                for (CqlCompilerException e : severe) {
                    sb.append("\n  ").append(e.getLocator() == null ? "" : e.getLocator().getStartLine() + ":"
                            + e.getLocator().getStartChar() + " ").append(e.getMessage());
                }
                throw new IllegalStateException(sb.toString());
            }
            LOG.debug("translated {} to ELM ({} warnings)", LIBRARY, errors.size());
            Map<String, DataProvider> providers = new HashMap<>();
            providers.put("http://hl7.org/fhir", new CompositeDataProvider(
                    new CachingModelResolverDecorator(modelResolver), retrieve));
            environment = new Environment(libraries, providers, null);
        }
    }

    @Override
    public String name() {
        return "CQL engine";
    }

    @Override
    public List<Subset> evaluate(List<String> bundles) {
        PerThread t = perThread.get();
        List<Subset> out = new ArrayList<>(bundles.size());
        for (String json : bundles) {
            Bundle bundle = t.parser.parseResource(Bundle.class, json);
            t.retrieve.load(bundle);
            String id = t.retrieve.patientId;
            CqlEngine engine = new CqlEngine(t.environment);
            EvaluationResult result = engine.evaluate(b -> {
                b.library(LIBRARY, l -> {
                    l.expressions("Result");
                    return Unit.INSTANCE;
                });
                b.setContextParameter(new Pair<>("Patient", id));
                b.setParameters(Map.of("AsOf", asOf));
                return Unit.INSTANCE;
            }).getOnlyResultOrThrow();
            Tuple r = (Tuple) result.get("Result").getValue();
            out.add(subset(id, r));
        }
        return out;
    }

    private static Subset subset(String id, Tuple r) {
        if (!Boolean.TRUE.equals(r.getElement("inScope"))) {
            return Subset.outOfScope(id);
        }
        TreeSet<String> keys = new TreeSet<>();
        for (Object k : (Iterable<?>) r.getElement("riskFactors")) {
            keys.add((String) k);
        }
        return Subset.assessed(id, keys, Boolean.TRUE.equals(r.getElement("dxaDue")));
    }

    /** Retrieves from one patient's Bundle held in memory: every resource of the asked type. */
    static final class PatientRetrieve implements RetrieveProvider {
        private final Map<String, List<Object>> byType = new HashMap<>();
        String patientId;

        void load(Bundle bundle) {
            byType.clear();
            patientId = null;
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                Resource r = e.getResource();
                if (r == null) {
                    continue;
                }
                String type = r.fhirType();
                byType.computeIfAbsent(type, k -> new ArrayList<>()).add(r);
                if (type.equals("Patient") && patientId == null) {
                    String id = r.getIdElement().getIdPart();
                    patientId = id != null && id.startsWith("urn:uuid:") ? id.substring(9) : id;   // as osteo-cds
                }
            }
        }

        @Override
        public Iterable<Object> retrieve(String context, String contextPath, Object contextValue, String dataType,
                                         String templateId, String codePath, Iterable<Code> codes, String valueSet,
                                         String datePath, String dateLowPath, String dateHighPath,
                                         Interval dateRange) {
            if (codes != null || valueSet != null || dateRange != null) {
                throw new UnsupportedOperationException("the CQL retrieves without code or date filters");
            }
            return byType.getOrDefault(dataType, List.of());
        }
    }
}

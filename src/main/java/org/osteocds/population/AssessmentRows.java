package org.osteocds.population;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.osteocds.io.JsonWriter;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.DataGap;
import org.osteocds.model.RecordError;
import org.osteocds.model.RecordSource;
import org.osteocds.model.RiskFactor;

/**
 * The assessments table: one row per patient, schema version {@value #SCHEMA_VERSION} (docs/population.md lists
 * every column). {@code assessment_json} is the assessment exactly as {@code assess --format ndjson} writes it; the
 * other columns are what a population query needs without parsing it. (Arrays go to Spark as Java arrays: its row
 * encoder takes those or Scala sequences, not {@code java.util.List}.)
 */
final class AssessmentRows {
    /** The version of this table's schema: a column is never renamed or retyped without a new version. */
    static final int SCHEMA_VERSION = 1;

    private static final StructType ADVICE = new StructType()
            .add("code", DataTypes.StringType, false)
            .add("indicator", DataTypes.StringType, false)
            .add("category", DataTypes.StringType, false)
            .add("rationale", DataTypes.StringType, false)
            .add("rule", DataTypes.StringType, false);

    /** The schema of the assessments table. */
    static final StructType SCHEMA = new StructType()
            .add("schema_version", DataTypes.IntegerType, false)
            .add("patient_id", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, true)
            .add("as_of", DataTypes.DateType, false)
            .add("source_file", DataTypes.StringType, true)
            .add("source_line", DataTypes.IntegerType, true)
            .add("source_row", DataTypes.IntegerType, true)
            .add("source_index", DataTypes.IntegerType, true)
            .add("source_patient", DataTypes.StringType, true)
            .add("age", DataTypes.IntegerType, true)
            .add("sex", DataTypes.StringType, true)
            .add("age_group", DataTypes.StringType, true)
            .add("bone_status", DataTypes.StringType, true)
            .add("risk_factors", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("advice_codes", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("advice", DataTypes.createArrayType(ADVICE, false), false)
            .add("data_gaps", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("errors", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("ruleset_id", DataTypes.StringType, false)
            .add("ruleset_version", DataTypes.StringType, false)
            .add("ruleset_sha256", DataTypes.StringType, false)
            .add("assessment_json", DataTypes.StringType, false);

    private AssessmentRows() {
    }

    /**
     * @param a an assessment
     * @return its row
     */
    static Row toRow(Assessment a) {
        RecordSource s = a.source();
        List<String> risks = new ArrayList<>();
        String ageGroup = null;
        String bone = null;
        if (a.findings() != null) {
            ageGroup = a.findings().ageGroup() == null ? null : a.findings().ageGroup().code();
            bone = a.findings().boneStatus() == null ? null : a.findings().boneStatus().code();
            for (RiskFactor r : a.findings().riskFactors()) {
                risks.add(r.key());
            }
        }
        List<Row> advice = new ArrayList<>();
        for (Advice x : a.advice()) {
            advice.add(RowFactory.create(x.code(), x.indicator().code(), x.category().name(), x.rationale(),
                    x.rule()));
        }
        List<String> gaps = new ArrayList<>();
        for (DataGap g : a.dataGaps()) {
            gaps.add(g.field());
        }
        List<String> errors = new ArrayList<>();
        for (RecordError e : a.errors()) {
            errors.add(e.toString());
        }
        return RowFactory.create(SCHEMA_VERSION, a.patientId(), a.status().code(), a.reason(), Date.valueOf(a.asOf()),
                s == null ? null : s.file(), s == null ? null : s.line(), s == null ? null : s.row(),
                s == null ? null : s.index(), s == null ? null : s.patient(),
                a.patient().age(), a.patient().sex() == null ? null : a.patient().sex().code(), ageGroup, bone,
                risks.toArray(new String[0]), a.adviceCodes().toArray(new String[0]), advice.toArray(new Row[0]),
                gaps.toArray(new String[0]), errors.toArray(new String[0]),
                a.ruleset().id(), a.ruleset().version(), a.ruleset().sha256(), JsonWriter.render(a, true));
    }
}

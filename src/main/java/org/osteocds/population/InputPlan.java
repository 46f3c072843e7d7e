package org.osteocds.population;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.osteocds.internal.fhir.FhirReader;

/**
 * The input folder, classified by content as the CLI does: FHIR NDJSON files form one Bulk Data export, other FHIR
 * JSON files are Bundles (or single resources, or CDS Hooks requests) read one file at a time, everything else is
 * native records (JSON, NDJSON, CSV). A Bulk manifest ({@code $export}'s result) gives the export's
 * {@code transactionTime}. Empty files and files whose names start with {@code .} or {@code _} are skipped (an
 * export holds an empty NDJSON file for a type it has none of); subfolders are not read
 * (docs/population.md). Any Hadoop file system works (a local folder, HDFS, S3).
 *
 * @param name            the folder's name (an export without any Patient is one invalid record named so)
 * @param bulk            the Bulk export's NDJSON files, in name order
 * @param documents       FHIR JSON files read whole, in name order
 * @param natives         native record files, in name order
 * @param transactionTime the manifest's transaction date, or {@code null}
 */
record InputPlan(String name, List<InputFile> bulk, List<InputFile> documents, List<InputFile> natives,
                 LocalDate transactionTime) {

    private static final int PEEK = 1 << 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One input file.
     *
     * @param uri     what Hadoop opens
     * @param display the name sources and messages give it: the folder as given on the command line, then the
     *                file's name (so they read as the CLI's)
     * @param bytes   its size
     */
    record InputFile(String uri, String display, long bytes) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** @return the Bulk export's size in bytes */
    long bulkBytes() {
        return bulk.stream().mapToLong(InputFile::bytes).sum();
    }

    /**
     * @param input the folder as given
     * @param conf  Hadoop's configuration
     * @return the plan
     * @throws IOException              when the folder cannot be listed or a file read
     * @throws IllegalArgumentException when it is not a folder, or the manifest's transactionTime is not a date
     */
    static InputPlan of(String input, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(input);
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
            throw new IllegalArgumentException("--input: no such folder: " + input);
        }
        FileStatus[] listed = fs.listStatus(dir);
        Arrays.sort(listed, Comparator.comparing(s -> s.getPath().getName()));
        List<InputFile> bulk = new ArrayList<>();
        List<InputFile> documents = new ArrayList<>();
        List<InputFile> natives = new ArrayList<>();
        LocalDate transaction = null;
        for (FileStatus s : listed) {
            String name = s.getPath().getName();
            if (!s.isFile() || s.getLen() == 0 || name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            String display = dir.toUri().getScheme() == null
                    ? java.nio.file.Path.of(input).resolve(name).toString() : s.getPath().toString();
            InputFile f = new InputFile(s.getPath().toString(), display, s.getLen());
            String head = head(fs, s.getPath());
            if (FhirReader.isBulkManifestText(head)) {
                transaction = transactionTime(s.getPath().toString(), fs);
            } else if (FhirReader.looksLikeFhir(head)) {
                (name.endsWith(".ndjson") || FhirReader.isNdjson(head) ? bulk : documents).add(f);
            } else {
                natives.add(f);
            }
        }
        return new InputPlan(dir.getName(), bulk, documents, natives, transaction);
    }

    private static String head(FileSystem fs, org.apache.hadoop.fs.Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            return new String(in.readNBytes(PEEK), StandardCharsets.UTF_8);
        }
    }

    /** The manifest's transactionTime as a date: the day as written, as FHIR dates are read. */
    private static LocalDate transactionTime(String file, FileSystem fs) throws IOException {
        JsonNode m;
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(file))) {
            m = JSON.readTree(in);
        }
        String t = m.path("transactionTime").asText("");
        try {
            return LocalDate.parse(t.length() >= 10 ? t.substring(0, 10) : t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": transactionTime '" + t + "' is not a FHIR instant "
                    + "(YYYY-MM-DDThh:mm:ss+zz:zz); give --as-of");
        }
    }
}

package org.osteocds.internal.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVRecord;
import org.osteocds.model.RuleProblem;

/**
 * One row of a table of medicines given at intervals ({@code bone-treatments.csv}, {@code depot-medicines.csv}):
 * the agent, optionally the route and the amount of one dose that single out a product, and the product.
 *
 * @param agent   the medicine
 * @param route   the route this row is for, lower case, or {@code null} for any
 * @param doseMg  the amount of one dose this row is for, or {@code null} for any
 * @param product what it is and how long one dose covers
 */
record DosingRow(String agent, String route, Double doseMg, Medicines.Product product) {

    /**
     * @param files    the rules folder
     * @param file     the table
     * @param flags    the bone-treatment columns ({@code bisphosphonate}, {@code osteoporosisDenosumab}), or none
     * @param problems where problems go
     * @return the rows in file order
     */
    static List<DosingRow> read(RuleFiles files, String file, List<String> flags, List<RuleProblem> problems) {
        List<String> columns = new ArrayList<>(List.of("agent", "route", "doseMg", "product", "coverageMonths"));
        columns.addAll(flags);
        List<DosingRow> rows = new ArrayList<>();
        for (CSVRecord r : Tables.rows(files, file, columns, problems)) {
            try {
                rows.add(new DosingRow(r.get("agent").strip(),
                        r.get("route").isBlank() ? null : r.get("route").strip().toLowerCase(Locale.ROOT),
                        r.get("doseMg").isBlank() ? null : Double.valueOf(r.get("doseMg")),
                        new Medicines.Product(r.get("product"), Integer.parseInt(r.get("coverageMonths").strip()),
                                !flags.isEmpty() && Boolean.parseBoolean(r.get("bisphosphonate")),
                                !flags.isEmpty() && Boolean.parseBoolean(r.get("osteoporosisDenosumab")))));
            } catch (NumberFormatException e) {
                problems.add(new RuleProblem(file, Tables.line(r), 1, "error",
                        "doseMg and coverageMonths must be numbers"));
            }
        }
        return rows;
    }

    /**
     * @param rows   a table
     * @param agent  the medicine
     * @param route  its route as recorded, or {@code null}
     * @param doseMg the amount of one dose, or {@code null}
     * @return the product of the first row whose agent, route (when the row gives one) and dose match, or {@code null}
     */
    static Medicines.Product first(List<DosingRow> rows, String agent, String route, Double doseMg) {
        String r = route == null ? null : route.toLowerCase(Locale.ROOT).strip();
        for (DosingRow p : rows) {
            if (p.agent().equals(agent) && (p.route() == null || p.route().equals(r))
                    && (p.doseMg() == null || (doseMg != null && Math.abs(p.doseMg() - doseMg) < 1e-9))) {
                return p.product();
            }
        }
        return null;
    }
}

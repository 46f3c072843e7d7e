package org.osteocds.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.osteocds.model.Assessment;
import org.osteocds.model.DataGap;
import org.osteocds.model.RiskFactor;
import org.osteocds.authoring.Fixtures;

/** Formats a failed fixture as expected and actual, side by side, marking the rows that differ. */
final class SideBySide {
    private static final int LABEL = 13;
    private static final int COLUMN = 44;

    private SideBySide() {
    }

    static String format(Fixtures.Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append("FAIL  ").append(r.name()).append('\n');
        if (r.fixture() == null) {
            r.failures().forEach(f -> sb.append("      ").append(f).append('\n'));
            return sb.toString();
        }
        if (r.fixture().description() != null) {
            sb.append("      ").append(r.fixture().description()).append('\n');
        }
        r.failures().forEach(f -> sb.append("      - ").append(f).append('\n'));
        Fixtures.Expect e = r.fixture().expect();
        Assessment a = r.actual();
        sb.append("      ").append(pad("", LABEL)).append(pad("expected", COLUMN)).append("actual\n");
        row(sb, "status", list(e.status()), List.of(a.status().code()), e.status() != null
                && !e.status().equals(a.status().code()));
        List<String> expectedAdvice = new ArrayList<>();
        if (e.present() != null) {
            e.present().forEach(c -> expectedAdvice.add("+ " + c));
        }
        if (e.absent() != null && e.absent().size() <= 6) {
            e.absent().forEach(c -> expectedAdvice.add("- " + c));
        } else if (e.absent() != null) {
            expectedAdvice.add("- " + e.absent().size() + " codes absent");
        }
        Set<String> actual = new TreeSet<>(a.adviceCodes());
        boolean adviceDiffers = (e.present() != null && !actual.containsAll(e.present()))
                || (e.absent() != null && e.absent().stream().anyMatch(actual::contains));
        row(sb, "advice", expectedAdvice, List.copyOf(actual), adviceDiffers);
        String ageGroup = a.findings() == null || a.findings().ageGroup() == null ? "-" : a.findings().ageGroup().code();
        row(sb, "ageGroup", list(e.ageGroup()), List.of(ageGroup), e.ageGroup() != null && !e.ageGroup().equals(ageGroup));
        String bone = a.findings() == null ? "-" : a.findings().boneStatus().code();
        row(sb, "boneStatus", list(e.boneStatus()), List.of(bone), e.boneStatus() != null && !e.boneStatus().equals(bone));
        List<String> rf = a.findings() == null ? List.of() : a.findings().riskFactors().stream().map(RiskFactor::key).toList();
        row(sb, "riskFactors", e.riskFactors() == null ? List.of("-") : e.riskFactors(), rf,
                e.riskFactors() != null && !new TreeSet<>(e.riskFactors()).equals(new TreeSet<>(rf)));
        List<String> gaps = a.dataGaps().stream().map(DataGap::field).toList();
        row(sb, "gaps", e.gaps() == null ? List.of("-") : e.gaps(), gaps,
                e.gaps() != null && !new TreeSet<>(e.gaps()).equals(new TreeSet<>(gaps)));
        if (!a.errors().isEmpty()) {
            row(sb, "errors", List.of(), a.errors().stream().map(Object::toString).toList(), true);
        }
        return sb.toString();
    }

    private static List<String> list(String s) {
        return List.of(Objects.requireNonNullElse(s, "-"));
    }

    private static void row(StringBuilder sb, String label, List<String> expected, List<String> actual, boolean differs) {
        int n = Math.max(1, Math.max(expected.size(), actual.size()));
        for (int i = 0; i < n; i++) {
            String ex = i < expected.size() ? expected.get(i) : "";
            String ac = i < actual.size() ? actual.get(i) : (i == 0 ? "(none)" : "");
            sb.append(differs && i == 0 ? "   >> " : "      ").append(pad(i == 0 ? label : "", LABEL))
              .append(pad(ex, COLUMN)).append(ac).append('\n');
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}

package org.osteocds.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Where rules put what the assessment says: the advice ({@link Recommendation}) and the data gaps ({@link Gap}). One
 * per KIE session, declared in every rule file that gives output as {@code global org.osteocds.facts.Output output;}
 * and used in a consequence as {@code output.add( new Recommendation( $p, "CODE", drools.getRule().getName(), why ) );}.
 *
 * <p>Output is not a fact: no rule can match it, so it costs nothing in the network (the engine used to insert each
 * as a fact: a third of the facts a patient inferred, matched by no rule). A rule that needs to know what another
 * concluded matches that conclusion's classification fact instead (a risk factor, an indication, a target).
 */
public final class Output {
    private final List<Recommendation> advice = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();

    /** @param advice advice to give */
    public void add(Recommendation advice) {
        this.advice.add(Objects.requireNonNull(advice, "advice"));
    }

    /** @param gap a data gap to report */
    public void add(Gap gap) {
        gaps.add(Objects.requireNonNull(gap, "gap"));
    }

    /** @return the advice given so far, in the order given */
    public List<Recommendation> advice() {
        return Collections.unmodifiableList(advice);
    }

    /** @return the data gaps reported so far, in the order reported */
    public List<Gap> gaps() {
        return Collections.unmodifiableList(gaps);
    }
}

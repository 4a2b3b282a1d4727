package de.fachkraftallianz.store;

import de.fachkraftallianz.matching.Facts;

/** The mapper's package-private parts, for tests in other packages. */
public final class MatchMapperAccess {

    private MatchMapperAccess() {
    }

    public static Facts roundTrip(Facts facts) {
        return MatchMapper.facts(MatchMapper.facts(facts));
    }
}

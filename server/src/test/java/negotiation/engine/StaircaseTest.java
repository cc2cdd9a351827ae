package negotiation.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StaircaseTest {

    @Test
    void coversPairsAtMostAsGoodInBothUtilities() {
        Staircase staircase = new Staircase();
        assertFalse(staircase.covers(0, 0), "nothing added yet");
        staircase.add(6000, 2000);
        staircase.add(3000, 5000);
        assertTrue(staircase.covers(6000, 2000), "an equal pair");
        assertTrue(staircase.covers(2999, 4999));
        assertTrue(staircase.covers(0, 5000));
        assertFalse(staircase.covers(6000, 2001));
        assertFalse(staircase.covers(3001, 5000));
        assertFalse(staircase.covers(10000, 0));
        staircase.add(10000, 0);
        assertTrue(staircase.covers(10000, 0));
    }
}

package negotiation.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deliberately naive re-implementation of the engine's rules (docs/architecture.md, "How the engine decides"), shaped differently from
 * {@link Engine} (lists of packages, an O(n^2) dominance check, BigInteger everywhere), to check it.
 */
final class ReferenceEngine {

    private static final Comparator<int[]> LEXICOGRAPHIC = Arrays::compare;

    private final List<PartyProfile> parties;
    final List<int[]> packages = new ArrayList<>();

    ReferenceEngine(int[] optionCounts, List<PartyProfile> parties) {
        this.parties = parties;
        collect(optionCounts, new int[optionCounts.length], 0);
    }

    // Recursion over issues in agenda order lists the packages in lexicographic order.
    private void collect(int[] optionCounts, int[] prefix, int issue) {
        if (issue == optionCounts.length) {
            packages.add(prefix.clone());
            return;
        }
        for (int option = 0; option < optionCounts[issue]; option++) {
            prefix[issue] = option;
            collect(optionCounts, prefix, issue + 1);
        }
    }

    int[] vector(int[] pkg) {
        int[] vector = new int[parties.size()];
        for (int party = 0; party < vector.length; party++) {
            for (int issue = 0; issue < pkg.length; issue++) {
                vector[party] += parties.get(party).points()[issue][pkg[issue]];
            }
        }
        return vector;
    }

    boolean isAcceptable(int[] pkg) {
        int[] vector = vector(pkg);
        for (int party = 0; party < vector.length; party++) {
            PartyProfile profile = parties.get(party);
            if (vector[party] < profile.floor()) return false;
            for (int issue = 0; issue < pkg.length; issue++) {
                if (!profile.allowed()[issue][pkg[issue]]) return false;
            }
        }
        return true;
    }

    List<int[]> acceptablePackages() {
        return packages.stream().filter(this::isAcceptable).toList();
    }

    static BigInteger product(int[] vector) {
        return Arrays.stream(vector).mapToObj(BigInteger::valueOf).reduce(BigInteger.ONE, BigInteger::multiply);
    }

    /** Rule 2's order: better first (larger product, larger sum, lexicographically smaller). */
    private Comparator<int[]> bestFirst() {
        return Comparator.<int[], BigInteger>comparing(pkg -> product(vector(pkg))).reversed()
                .thenComparing(Comparator.<int[]>comparingLong(pkg -> Arrays.stream(vector(pkg)).asLongStream().sum()).reversed())
                .thenComparing(LEXICOGRAPHIC);
    }

    int[] balancedPoint() {
        return packages.stream().min(bestFirst()).orElseThrow();
    }

    static boolean dominates(int[] a, int[] b) {
        boolean better = false;
        for (int party = 0; party < a.length; party++) {
            if (a[party] < b[party]) return false;
            better |= a[party] > b[party];
        }
        return better;
    }

    /** Distinct frontier vectors (ascending lexicographic) mapped to their smallest package. */
    TreeMap<int[], int[]> frontier() {
        List<int[]> acceptable = acceptablePackages();
        TreeMap<int[], int[]> frontier = new TreeMap<>(LEXICOGRAPHIC);
        for (int[] pkg : acceptable) {
            boolean dominated = acceptable.stream().anyMatch(other -> dominates(vector(other), vector(pkg)));
            if (!dominated) frontier.putIfAbsent(vector(pkg), pkg);
        }
        return frontier;
    }

    Round round(long seed) {
        if (acceptablePackages().isEmpty()) return new Round(false, List.of());
        TreeMap<int[], int[]> pool = frontier();
        List<Proposal> proposals = new ArrayList<>();
        int[] balanced = balancedPoint();
        if (isAcceptable(balanced)) {
            proposals.add(new Proposal(balanced, Rule.BALANCED));
            pool.remove(vector(balanced));
        }
        Random rnd = new Random(seed);
        // DrawRule.FAIR_FIRST: vectors within 90 % of the frontier's max-min are drawn first
        int maxMin = frontier().keySet().stream().mapToInt(v -> Arrays.stream(v).min().orElseThrow()).max().orElseThrow();
        while (proposals.size() < 3 && !pool.isEmpty()) {
            List<int[]> fairFirst = pool.keySet().stream()
                    .filter(v -> 10L * Arrays.stream(v).min().orElseThrow() >= 9L * maxMin).toList();
            int[] vector = draw(fairFirst.isEmpty() ? new ArrayList<>(pool.keySet()) : fairFirst, rnd);
            proposals.add(new Proposal(pool.remove(vector), Rule.FRONTIER));
        }
        return new Round(true, proposals);
    }

    private static int[] draw(List<int[]> sortedPool, Random rnd) {
        List<int[]> positive = sortedPool.stream().filter(v -> product(v).signum() > 0).toList();
        if (positive.isEmpty()) return sortedPool.get(rnd.nextInt(sortedPool.size()));
        BigInteger total = BigInteger.ZERO;
        for (int[] v : positive) total = total.add(product(v));
        BigInteger r;
        do {
            r = new BigInteger(total.bitLength(), rnd);
        } while (r.compareTo(total) >= 0);
        BigInteger cumulative = BigInteger.ZERO;
        for (int[] v : positive) {
            cumulative = cumulative.add(product(v));
            if (cumulative.compareTo(r) > 0) return v;
        }
        throw new AssertionError();
    }

    Optional<int[]> improvement(int[] agreed) {
        int[] agreedVector = vector(agreed);
        return acceptablePackages().stream()
                .filter(pkg -> {
                    int[] v = vector(pkg);
                    for (int party = 0; party < v.length; party++) {
                        if (v[party] <= agreedVector[party]) return false;
                    }
                    return true;
                })
                .min(bestFirst());
    }

    /** A round as comparable text: "BALANCED[0, 2] FRONTIER[1, 1]". */
    static String describe(Round round) {
        StringBuilder text = new StringBuilder(round.zopa() ? "zopa" : "no zopa");
        for (Proposal p : round.proposals()) text.append(' ').append(p.rule()).append(Arrays.toString(p.options()));
        return text.toString();
    }

    static Map<String, String> describe(TreeMap<int[], int[]> frontier) {
        Map<String, String> text = new java.util.LinkedHashMap<>();
        frontier.forEach((vector, pkg) -> text.put(Arrays.toString(vector), Arrays.toString(pkg)));
        return text;
    }

    /** The parties' profiles in full, for a failure message that reproduces the agenda. */
    static String describe(List<PartyProfile> parties) {
        StringBuilder text = new StringBuilder();
        for (PartyProfile p : parties) {
            text.append("{points=").append(java.util.Arrays.deepToString(p.points()))
                    .append(" allowed=").append(java.util.Arrays.deepToString(p.allowed()))
                    .append(" floor=").append(p.floor()).append('}');
        }
        return text.toString();
    }
}

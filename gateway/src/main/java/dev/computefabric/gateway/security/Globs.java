package dev.computefabric.gateway.security;

/** Shell-style name patterns of the policy: {@code *} any run of characters, {@code ?} one; all else literal. */
final class Globs {

    private Globs() {}

    static boolean matches(String glob, String value) {
        return matches(glob, 0, value, 0);
    }

    private static boolean matches(String glob, int g, String value, int v) {
        // Iterative with one backtrack point: linear enough for names, no regex to escape.
        int starAt = -1;
        int resumeAt = 0;
        while (v < value.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == value.charAt(v))) {
                g++;
                v++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                starAt = g++;
                resumeAt = v;
            } else if (starAt >= 0) {
                g = starAt + 1;
                v = ++resumeAt;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}

package dev.computefabric.registry;

/** A version named in a URL: a number from 1, or {@code latest} (Confluent also accepts {@code -1}). */
public record VersionRef(int number) {

    public static final VersionRef LATEST = new VersionRef(-1);

    public static VersionRef parse(String text) {
        if ("latest".equals(text) || "-1".equals(text)) {
            return LATEST;
        }
        if (text != null && text.matches("[0-9]{1,10}")) {
            long number = Long.parseLong(text);
            if (number >= 1 && number <= Integer.MAX_VALUE) {
                return new VersionRef((int) number);
            }
        }
        throw RegistryException.invalidVersion(text);
    }

    public boolean isLatest() {
        return number == -1;
    }
}

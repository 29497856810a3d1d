package io.shardwire.server.execution;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The info text of the OK packets of a statement that ran on several shards, as one server would have written it.
 * UPDATE's "Rows matched: M  Changed: C  Warnings: W" is what drivers read changed rows from (mysql2's
 * changedRows), and multi-row INSERT's "Records: R  Duplicates: D  Warnings: W" reports duplicates; the shards'
 * counts are added up. Texts of another form, or a mix, give no text rather than a wrong one.
 */
final class OkInfo {
    private static final Pattern UPDATE = Pattern.compile("Rows matched: (\\d+)  Changed: (\\d+)  Warnings: (\\d+)");
    private static final Pattern INSERT = Pattern.compile("Records: (\\d+)  Duplicates: (\\d+)  Warnings: (\\d+)");

    private OkInfo() {
    }

    static String sum(List<String> infos, int warnings) {
        String updates = sum(infos, UPDATE, "Rows matched: %d  Changed: %d  Warnings: %d", warnings);
        return updates != null ? updates : orEmpty(sum(infos, INSERT, "Records: %d  Duplicates: %d  Warnings: %d", warnings));
    }

    private static String sum(List<String> infos, Pattern form, String format, int warnings) {
        long first = 0;
        long second = 0;
        boolean any = false;
        for (String info : infos) {
            if (info.isEmpty()) {
                continue; // a shard that reported no text
            }
            Matcher m = form.matcher(info);
            if (!m.matches()) {
                return null;
            }
            first += Long.parseLong(m.group(1));
            second += Long.parseLong(m.group(2));
            any = true;
        }
        return any ? String.format(java.util.Locale.ROOT, format, first, second, warnings) : null;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

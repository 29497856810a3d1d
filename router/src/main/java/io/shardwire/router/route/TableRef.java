package io.shardwire.router.route;

import io.shardwire.shardmap.TableRule;
import java.util.Optional;

/**
 * A table a statement names, resolved: its database (qualified or the session's), name, alias, and its
 * rule in the shard map (empty: unsharded, lives on the database's default shard).
 */
record TableRef(String database, String table, String alias, Optional<TableRule> rule) {

    boolean sharded() {
        return rule.isPresent() && !(rule.get() instanceof TableRule.Broadcast);
    }

    boolean broadcast() {
        return rule.isPresent() && rule.get() instanceof TableRule.Broadcast;
    }

    /** True when a column qualifier ({@code t.col}, {@code db.t.col}) designates this table. */
    boolean answersTo(String qualifier) {
        if (qualifier == null) {
            return false;
        }
        String q = qualifier.replace("`", "");
        int dot = q.lastIndexOf('.');
        String name = dot < 0 ? q : q.substring(dot + 1);
        return alias != null ? name.equalsIgnoreCase(alias) : name.equalsIgnoreCase(table);
    }
}

package io.shardwire.shardmap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code databases:}: default shards, tables and named shard maps, checking every shard
 * name against the backends and every range list for order.
 *
 * <p>Hash tables place rows evenly over all backends in file order unless they list their own
 * layout, directly or through a named shard map of the same database:
 * <pre>
 * shard_maps:
 *   by_customer:
 *     shards: [s0, s1]                 # optional: which shards, in which order (default: all backends)
 *     ranges:                          # optional: explicit starts in the 64-bit hash space
 *       - { from: "0x0000000000000000", shard: s0 }
 *       - { from: "0x8000000000000000", shard: s1 }   # each range ends where the next starts
 * tables:
 *   customers: { shard_by: hash, key: id, shard_map: by_customer }
 * </pre>
 * {@code from} is hex with {@code 0x} or an unsigned decimal below 2^64; the first must be 0 and
 * they must increase. When both keys are given, {@code shards} must name exactly the shards of
 * {@code ranges}. Tables that share a named map are co-located by construction.
 */
final class DatabaseConfigReader {

    private static final List<String> DATABASE_KEYS = List.of("default_shard", "tables", "shard_maps");
    private static final List<String> HASH_KEYS = List.of("shard_by", "key", "key_function", "shard_map", "shards", "ranges");
    private static final List<String> RANGE_KEYS = List.of("shard_by", "key", "key_function", "key_type", "ranges");
    private static final List<String> BROADCAST_KEYS = List.of("shard_by");
    private static final List<String> SHARD_MAP_KEYS = List.of("shards", "ranges");
    private static final List<String> HASH_RANGE_KEYS = List.of("from", "shard");
    private static final List<String> RANGE_KEYS_OF_BOUND = List.of("below", "shard");
    private static final List<String> KEY_FUNCTION_KEYS = List.of("suffix_hex", "bits");
    private static final List<String> BITS_KEYS = List.of("shift", "width");

    private final List<String> knownShards;

    DatabaseConfigReader(List<String> knownShards) {
        this.knownShards = List.copyOf(knownShards);
    }

    /** A hash layout as resolved from {@code shards:} and {@code ranges:}; see {@link TableConfig.HashTable}. */
    private record HashLayout(List<String> shards, List<HashRange> ranges) {
    }

    List<DatabaseConfig> databases(YamlNode node) {
        Map<String, YamlNode> entries = node.names();
        if (entries.isEmpty()) {
            throw node.fail("at least one database is required, e.g. databases: { shop: { default_shard: "
                    + knownShards.getFirst() + " } }");
        }
        List<DatabaseConfig> databases = new ArrayList<>();
        entries.forEach((name, dbNode) -> databases.add(database(checkedName(name, dbNode, "database"), dbNode)));
        return databases;
    }

    private DatabaseConfig database(String name, YamlNode node) {
        YamlNode.Mapping m = node.value() == null
                ? new YamlNode.Mapping(node, Map.of())
                : node.mapping(DATABASE_KEYS, "a database");
        String defaultShard = m.optional("default_shard").map(this::shard).orElse(knownShards.getFirst());
        Map<String, HashLayout> shardMaps = new LinkedHashMap<>();
        m.optional("shard_maps").ifPresent(maps -> maps.names().forEach((mapName, mapNode) ->
                shardMaps.put(checkedName(mapName, mapNode, "shard map"), hashLayout(mapNode.mapping(SHARD_MAP_KEYS, "a shard map")))));
        List<TableConfig> tables = new ArrayList<>();
        m.optional("tables").ifPresent(t -> t.names().forEach((tableName, tableNode) ->
                tables.add(table(checkedName(tableName, tableNode, "table"), tableNode, shardMaps, node.path()))));
        return new DatabaseConfig(name, defaultShard, tables);
    }

    private TableConfig table(String name, YamlNode node, Map<String, HashLayout> shardMaps, String databasePath) {
        YamlNode shardByNode = node.child("shard_by");
        if (node.value() != null && !(node.value() instanceof Map<?, ?>)) {
            throw node.fail("expected a mapping such as { shard_by: hash, key: id }, found " + node.describe());
        }
        if (shardByNode.value() == null) {
            throw node.fail("missing key 'shard_by'; add e.g. { shard_by: hash, key: id }"
                    + " (shard_by is hash, range or broadcast; unlisted tables live on the default shard)");
        }
        String kind = shardByNode.text();
        ShardBy shardBy = ShardBy.fromConfigName(kind).orElseThrow(() -> shardByNode.fail("unknown value '" + kind + "'"
                + YamlNode.suggestion(kind, List.of("hash", "range", "broadcast")).replace("'", "")
                + " (expected hash, range or broadcast)"));
        return switch (shardBy) {
            case HASH -> hashTable(name, node.mapping(HASH_KEYS, "a hash table"), shardMaps, databasePath);
            case RANGE -> rangeTable(name, node.mapping(RANGE_KEYS, "a range table"));
            case BROADCAST -> {
                node.mapping(BROADCAST_KEYS, "a broadcast table");
                yield new TableConfig.BroadcastTable(name);
            }
        };
    }

    private TableConfig.HashTable hashTable(String name, YamlNode.Mapping m, Map<String, HashLayout> shardMaps,
            String databasePath) {
        String key = m.required("key", "key: id").name("the shard-key column");
        KeyFunction keyFunction = m.optional("key_function").map(this::keyFunction).orElse(KeyFunction.WHOLE);
        Optional<YamlNode> mapRef = m.optional("shard_map");
        if (mapRef.isEmpty()) {
            HashLayout layout = hashLayout(m);
            return new TableConfig.HashTable(name, key, keyFunction, Optional.empty(), layout.shards(), layout.ranges());
        }
        YamlNode ref = mapRef.get();
        if (m.has("shards") || m.has("ranges")) {
            throw ref.fail("a table takes its layout either from shard_map or from its own shards/ranges, not both;"
                    + " move them into " + databasePath + ".shard_maps." + ref.text());
        }
        HashLayout layout = shardMaps.get(ref.text());
        if (layout == null) {
            throw ref.fail("unknown shard map '" + ref.text() + "' (known: "
                    + (shardMaps.isEmpty() ? "none; define it under " + databasePath + ".shard_maps" : String.join(", ", shardMaps.keySet()))
                    + ")");
        }
        return new TableConfig.HashTable(name, key, keyFunction, Optional.of(ref.text()), layout.shards(), layout.ranges());
    }

    private HashLayout hashLayout(YamlNode.Mapping m) {
        List<String> shards = m.optional("shards").map(this::shardList).orElse(List.of());
        Optional<YamlNode> rangesNode = m.optional("ranges");
        List<HashRange> ranges = rangesNode.map(this::hashRanges).orElse(List.of());
        if (ranges.isEmpty()) {
            return new HashLayout(shards.isEmpty() ? knownShards : shards, ranges);
        }
        Set<String> rangeShards = new LinkedHashSet<>();
        ranges.forEach(r -> rangeShards.add(r.shard()));
        if (shards.isEmpty()) {
            return new HashLayout(List.copyOf(rangeShards), ranges);
        }
        List<YamlNode> rangeNodes = rangesNode.get().list();
        for (int i = 0; i < ranges.size(); i++) {
            if (!shards.contains(ranges.get(i).shard())) {
                throw rangeNodes.get(i).child("shard").fail("shard '" + ranges.get(i).shard() + "' is not in shards "
                        + shards + "; add it there or drop the shards key");
            }
        }
        for (String shard : shards) {
            if (!rangeShards.contains(shard)) {
                throw m.node().child("shards").fail("'" + shard + "' owns no range; give it a range in ranges or remove it from shards");
            }
        }
        return new HashLayout(shards, ranges);
    }

    private List<String> shardList(YamlNode node) {
        List<YamlNode> items = node.list();
        if (items.isEmpty()) {
            throw node.fail("is empty; list at least one shard, or remove the key to use every backend");
        }
        List<String> shards = new ArrayList<>();
        for (YamlNode item : items) {
            String shard = shard(item);
            if (shards.contains(shard)) {
                throw item.fail("shard '" + shard + "' is listed twice");
            }
            shards.add(shard);
        }
        return shards;
    }

    private List<HashRange> hashRanges(YamlNode node) {
        List<YamlNode> items = node.list();
        if (items.isEmpty()) {
            throw node.fail("is empty; list ranges such as { from: \"0x0000000000000000\", shard: s0 }, or remove the key");
        }
        List<HashRange> ranges = new ArrayList<>();
        for (YamlNode item : items) {
            YamlNode.Mapping m = item.mapping(HASH_RANGE_KEYS, "a hash range");
            YamlNode fromNode = m.required("from", "from: \"0x8000000000000000\"");
            KeyspaceId from;
            try {
                from = KeyspaceId.parse(fromNode.text());
            } catch (IllegalArgumentException e) {
                throw fromNode.fail(e.getMessage());
            }
            if (ranges.isEmpty() && !from.equals(KeyspaceId.MIN)) {
                throw fromNode.fail("the first range must start at 0x0000000000000000 so every hash value has a shard"
                        + " (found " + from + ")");
            }
            if (!ranges.isEmpty() && ranges.getLast().from().compareTo(from) >= 0) {
                throw fromNode.fail(from + " is not above the previous start " + ranges.getLast().from()
                        + "; range starts must be strictly increasing");
            }
            ranges.add(new HashRange(from, shard(m.required("shard", "shard: " + knownShards.getFirst()))));
        }
        return ranges;
    }

    private TableConfig.RangeTable rangeTable(String name, YamlNode.Mapping m) {
        String key = m.required("key", "key: created_at").name("the shard-key column");
        KeyFunction keyFunction = m.optional("key_function").map(this::keyFunction).orElse(KeyFunction.WHOLE);
        Optional<ValueType> keyType = m.optional("key_type").map(n -> ValueType.fromConfigName(n.text()).orElseThrow(() ->
                n.fail("unknown type '" + n.text() + "' (expected integer, decimal, string, date or datetime)")));
        if (keyType.isPresent() && !(keyFunction instanceof KeyFunction.Whole)) {
            throw m.node().child("key_type").fail("does not apply with key_function, which always reads an integer"
                    + " out of the key; remove key_type");
        }
        YamlNode rangesNode = m.required("ranges", "ranges: [ { below: \"2026-01-01\", shard: s0 }, { shard: s1 } ]");
        List<YamlNode> items = rangesNode.list();
        if (items.isEmpty()) {
            throw rangesNode.fail("is empty; list ranges such as [ { below: 100, shard: s0 }, { shard: s1 } ]");
        }
        List<RangeBound> bounds = new ArrayList<>();
        List<YamlNode> belowNodes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            YamlNode.Mapping r = items.get(i).mapping(RANGE_KEYS_OF_BOUND, "a range");
            boolean last = i == items.size() - 1;
            Optional<YamlNode> below = r.optional("below");
            if (!last && below.isEmpty()) {
                throw items.get(i).fail("missing key 'below'; only the last range may omit it (the last takes every"
                        + " value up to MAXVALUE)");
            }
            if (last && below.isPresent()) {
                throw below.get().fail("the last range must not have 'below': it takes every value from the previous"
                        + " bound up (MAXVALUE); add a last range such as { shard: " + knownShards.getLast() + " } after it");
            }
            below.ifPresent(belowNodes::add);
            String bound = below.map(n -> n.name("a bound value")).orElse(null);
            bounds.add(new RangeBound(bound, shard(r.required("shard", "shard: " + knownShards.getFirst()))));
        }
        checkIncreasing(belowNodes, keyType, keyFunction);
        return new TableConfig.RangeTable(name, key, keyFunction, keyType, bounds);
    }

    /** Bounds must increase under the declared type, or under the narrowest type they all parse as. */
    private static void checkIncreasing(List<YamlNode> belowNodes, Optional<ValueType> declared, KeyFunction keyFunction) {
        List<String> literals = belowNodes.stream().map(YamlNode::text).toList();
        ValueType type = keyFunction instanceof KeyFunction.Whole
                ? declared.orElseGet(() -> ValueType.infer(literals))
                : ValueType.INTEGER; // an embedded key is always an integer
        KeyType keyType = KeyType.of(type);
        for (int i = 0; i < literals.size(); i++) {
            if (!type.isBoundLiteral(literals.get(i))) {
                String why = declared.isPresent() ? "key_type: " + type.configName() : "key_function reads integers";
                throw belowNodes.get(i).fail("'" + literals.get(i) + "' is not a valid " + type.configName() + " (" + why + ")");
            }
            if (i > 0 && keyType.compare(literals.get(i - 1), literals.get(i)) >= 0) {
                throw belowNodes.get(i).fail("'" + literals.get(i) + "' is not above the previous bound '" + literals.get(i - 1)
                        + "'; bounds must be strictly increasing (compared as " + type.configName() + ")");
            }
        }
    }

    private KeyFunction keyFunction(YamlNode node) {
        YamlNode.Mapping m = node.mapping(KEY_FUNCTION_KEYS, "key_function");
        if (m.has("suffix_hex") == m.has("bits")) {
            throw node.fail("give exactly one of suffix_hex: N or bits: { shift: S, width: W }");
        }
        if (m.has("suffix_hex")) {
            return new KeyFunction.SuffixHex(m.required("suffix_hex", "suffix_hex: 4").integer(1, 16));
        }
        YamlNode bitsNode = m.required("bits", "bits: { shift: 12, width: 10 }");
        YamlNode.Mapping bits = bitsNode.mapping(BITS_KEYS, "bits");
        int shift = bits.required("shift", "shift: 12").integer(0, 63);
        int width = bits.required("width", "width: 10").integer(1, 64);
        if (shift + width > 64) {
            throw bitsNode.fail("shift " + shift + " + width " + width + " exceeds the 64 bits of a BIGINT; reduce one of them");
        }
        return new KeyFunction.Bits(shift, width);
    }

    private String shard(YamlNode node) {
        String shard = node.text();
        if (!knownShards.contains(shard)) {
            throw node.fail("unknown shard '" + shard + "' (known: " + String.join(", ", knownShards) + ")");
        }
        return shard;
    }

    private static String checkedName(String name, YamlNode node, String what) {
        if (name.length() > 64 || name.contains("`") || name.isBlank()) {
            throw node.fail("invalid " + what + " name '" + name + "': use 1 to 64 characters without backticks");
        }
        return name;
    }
}

package io.shardwire.it.differential;

import static io.shardwire.it.differential.SqlText.number;
import static io.shardwire.it.differential.SqlText.quote;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated rows for {@link ShopSchema}, the same for every run (one {@link Random} with a fixed seed, drawn
 * in a fixed order). The data is made to trip merges and routing up: NULLs in most nullable columns, many
 * ties in sort keys, negative numbers and keys, the largest BIGINT keys, unicode, names and e-mail addresses
 * that differ only in case, accents or trailing spaces, dates on the range bounds.
 *
 * <p>Besides the INSERT statements it keeps what the statement corpus needs to aim at existing rows.
 */
final class ShopData {
    static final long SEED = 20_260_105L;
    private static final int BATCH_ROWS = 500;

    private static final List<String> COUNTRY_CODES = List.of("DE", "FR", "JP", "US", "BR", "IN", "CN", "ES", "IT", "GB", "AT",
            "CH", "NL", "SE", "NO", "PL", "CI", "MX", "CA", "AU", "KR", "ZA", "EG", "AR", "PT");
    private static final List<String> COUNTRY_NAMES = List.of("Deutschland", "France", "日本", "United States", "Brasil",
            "India", "中国", "España", "Italia", "United Kingdom", "Österreich", "Schweiz", "Nederland", "Sverige", "Norge",
            "Polska", "Côte d'Ivoire", "México", "Canada", "Australia", "대한민국", "South Africa", "مصر", "Argentina",
            "Portugal");
    private static final List<String> REGIONS = List.of("Europe", "Europe", "Asia", "Americas", "Americas", "Asia",
            "Asia", "Europe", "Europe", "Europe", "Europe", "Europe", "Europe", "Europe", "Europe", "Europe", "Africa",
            "Americas", "Americas", "Oceania", "Asia", "Africa", "Africa", "Americas", "Europe");
    private static final List<String> FIRST = List.of("Ada", "ada", "ADA", "Ada ", "Brian", "José", "Jose", "jose",
            "Zoë", "Zoe", "Ñandú", "Émile", "emile", "O'Brien", "Anne-Marie", "李", "東京", "Łukasz", "Søren", "Mia",
            "Noah", "Liam", "Emma", "Olivia", "Ava", "Lucas", "Chloé", "Back\\slash", "Straße", "Strase", "Strasse",
            "😀 Smiley", "😁 Grin", "Ümit", "umit", "Zed", "a", "b", "B");
    private static final List<String> LAST = List.of("Lovelace", "lovelace", "Kernighan", "García", "Garcia", "Müller",
            "Mueller", "Nguyễn", "Smith", "smith", "SMITH", "Tanaka", "Ørsted", "Dvořák", "Dvorak", "Østergaard", "");
    private static final List<String> WORDS = List.of("alpha", "beta", "Gamma", "délta", "epsilon", "zeta", "ÉTA",
            "theta", "it's", "quote\"d", "back\\slash", "日本語", "emoji😀", "tab\there", "line\nbreak", "  padded  ");
    private static final List<String> TIERS = List.of("bronze", "silver", "gold", "platinum");
    private static final List<String> STATUSES = List.of("new", "paid", "shipped", "cancelled");
    private static final List<String> KINDS = List.of("view", "click", "signup", "purchase");
    private static final List<String> BOUND_DAYS = List.of("2023-12-31", "2024-01-01", "2024-12-31", "2025-01-01");
    private static final LocalDate FIRST_EVENT_DAY = LocalDate.of(2023, 1, 1);
    private static final LocalDateTime EPOCH = LocalDateTime.of(2022, 1, 1, 0, 0);
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Accounts e-mails that are equal under utf8mb4_general_ci but spelled differently, stored as given. */
    static final List<String> EMAIL_VARIANTS = List.of("alice@example.com", "Alice@Example.com", "ALICE@EXAMPLE.COM",
            "alice@example.com  ", "josé@example.com", "jose@example.com", "JOSÉ@EXAMPLE.COM", "zoë@example.org",
            "zoe@example.org");
    /**
     * E-mails that utf8mb4_general_ci also treats as equal, by rules a simple case/accent fold misses:
     * {@code ß} weighs as {@code s} (not {@code ss}) and every character outside the BMP weighs the same.
     */
    static final List<String> EMAIL_COLLATION_EDGES = List.of("straße1@example.de", "strase1@example.de",
            "straße2@example.de", "strase2@example.de", "STRASSE3@example.de", "straße3@example.de", "strase3@example.de",
            "fan😀1@example.com", "fan😁1@example.com", "fan😀2@example.com", "fan🎉2@example.com", "fan😀3@example.com",
            "fan👍3@example.com");

    private final Random random = new Random(SEED);
    final List<Long> customerIds = new ArrayList<>();
    final List<Long> orderIds = new ArrayList<>();
    /** Customer id of every order, by order id. */
    final Map<Long, Long> orderCustomer = new LinkedHashMap<>();
    final List<String> accountEmails = new ArrayList<>();
    final Map<String, List<String>> inserts = new LinkedHashMap<>();

    static ShopData generate() {
        ShopData data = new ShopData();
        data.countries();
        data.settings();
        data.customers();
        data.orders();
        data.events();
        data.accounts();
        return data;
    }

    /** A customer id picked with a skew towards few customers, as real order data has. */
    private long skewedCustomer() {
        double u = random.nextDouble();
        return customerIds.get((int) (u * u * customerIds.size()));
    }

    private long anyCustomer() {
        return customerIds.get(random.nextInt(customerIds.size()));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private void countries() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < COUNTRY_CODES.size(); i++) {
            Long population = i % 7 == 3 ? null : 1_000_000L + (long) random.nextInt(300_000_000);
            rows.add(SqlText.tuple(List.of(quote(COUNTRY_CODES.get(i)), quote(COUNTRY_NAMES.get(i)),
                    i % 9 == 4 ? "NULL" : quote(REGIONS.get(i)), number(population))));
        }
        batches("countries", "(code, name, region, population)", rows);
    }

    private void settings() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String value = i % 6 == 0 ? null : i % 5 == 0 ? "" : "value-" + random.nextInt(10);
            rows.add(SqlText.tuple(List.of(quote("setting." + (char) ('a' + i % 26) + i), quote(value),
                    quote(datetime(random.nextInt(4 * 365 * 24 * 60) * 60L)))));
        }
        batches("settings", "(name, value, updated_at)", rows);
    }

    private void customers() {
        for (long id = 1; id <= 5000; id++) {
            customerIds.add(id);
        }
        for (long id = -1; id >= -20; id--) {
            customerIds.add(id);
        }
        customerIds.addAll(List.of(0L, Long.MAX_VALUE, Long.MAX_VALUE - 1, 9_000_000_000_000_000_000L, Long.MIN_VALUE));
        List<Long> order = new ArrayList<>(customerIds);
        Collections.shuffle(order, random);
        List<String> rows = new ArrayList<>();
        for (long id : order) {
            String name = pick(FIRST) + (random.nextInt(5) == 0 ? "" : " " + pick(LAST));
            if (random.nextInt(20) == 0) {
                name = name + "  ";
            }
            String email = random.nextInt(10) == 0 ? null
                    : name.strip().toLowerCase().replace(' ', '.') + random.nextInt(50) + "@example.com";
            String country = country();
            String tier = pick(TIERS);
            BigDecimal balance = random.nextInt(5) == 0 ? BigDecimal.valueOf(random.nextInt(30) * 100L - 500, 0)
                    : BigDecimal.valueOf(random.nextInt(1_050_000) - 50_000, 2);
            Integer age = random.nextInt(12) == 0 ? null : 18 + random.nextInt(73);
            String created = datetime(random.nextInt(3) == 0 ? random.nextInt(1000) * 3600L
                    : random.nextLong(4L * 365 * 24 * 3600));
            rows.add(SqlText.tuple(List.of(number(id), quote(name), quote(email), quote(country), quote(tier),
                    balance.toPlainString(), number(age), quote(created), quote(text(3)))));
        }
        batches("customers", "(id, name, email, country, tier, balance, age, created_at, note)", rows);
    }

    private void orders() {
        List<String> orderRows = new ArrayList<>();
        List<String> itemRows = new ArrayList<>();
        for (long id = 1; id <= 16000; id++) {
            orderIds.add(id);
        }
        List<Long> order = new ArrayList<>(orderIds);
        Collections.shuffle(order, random);
        for (long id : order) {
            long customer = skewedCustomer();
            orderCustomer.put(id, customer);
            BigDecimal amount = random.nextInt(4) == 0 ? BigDecimal.valueOf(random.nextInt(40) * 25L, 0)
                    : BigDecimal.valueOf(random.nextInt(220_000) - 20_000, 2);
            String discount = random.nextInt(5) < 2 ? "NULL" : BigDecimal.valueOf(random.nextInt(5000), 2).toPlainString();
            Integer quantity = random.nextInt(10) == 0 ? null : 1 + random.nextInt(10);
            orderRows.add(SqlText.tuple(List.of(number(id), number(customer), quote(pick(STATUSES)), amount.toPlainString(),
                    discount, number(quantity), quote(datetime(random.nextLong(4L * 365 * 24 * 60) * 60)),
                    quote(country()))));
            int lines = random.nextInt(4);
            for (int line = 1; line <= lines; line++) {
                itemRows.add(SqlText.tuple(List.of(number(id), number(line), number(customer),
                        quote(String.format("SKU-%03d", random.nextInt(200))),
                        BigDecimal.valueOf(random.nextInt(20_000) + 1, 2).toPlainString(), number(1 + random.nextInt(5)))));
            }
        }
        Collections.shuffle(itemRows, random);
        batches("orders", "(id, customer_id, status, amount, discount, quantity, ordered_at, ship_country)", orderRows);
        batches("order_items", "(order_id, line_no, customer_id, sku, price, qty)", itemRows);
    }

    private void events() {
        List<String> rows = new ArrayList<>();
        for (long id = 1; id <= 9000; id++) {
            String day = random.nextInt(10) == 0 ? pick(BOUND_DAYS)
                    : FIRST_EVENT_DAY.plusDays(random.nextInt(3 * 365)).toString();
            String happened = day + String.format(" %02d:%02d:%02d", random.nextInt(24), random.nextInt(4) * 15,
                    random.nextInt(2) * 30);
            Long customer = random.nextInt(7) == 0 ? null : anyCustomer();
            Integer score = random.nextInt(10) == 0 ? null : random.nextInt(201) - 100;
            rows.add(SqlText.tuple(List.of(number(id), quote(day), quote(pick(KINDS)), number(customer), number(score),
                    quote(happened), quote(random.nextBoolean() ? null : text(2)))));
        }
        Collections.shuffle(rows, random);
        batches("events", "(id, created_at, kind, customer_id, score, happened_at, payload)", rows);
    }

    private void accounts() {
        List<String> emails = new ArrayList<>(EMAIL_VARIANTS);
        emails.addAll(EMAIL_COLLATION_EDGES);
        List<String> rows = new ArrayList<>();
        for (long id = 1; id <= 4000; id++) {
            String email;
            if (id <= emails.size()) {
                email = emails.get((int) id - 1);
            } else if (random.nextInt(8) == 0 && !accountEmails.isEmpty()) {
                String earlier = accountEmails.get(random.nextInt(accountEmails.size()));
                email = random.nextBoolean() ? earlier.toUpperCase() : earlier + " ";
            } else {
                email = "user" + random.nextInt(3000) + "@" + pick(List.of("example.com", "example.org", "mail.test"));
            }
            accountEmails.add(email);
            String display = random.nextInt(6) == 0 ? null : pick(FIRST).strip();
            Long customer = random.nextInt(4) == 0 ? null : anyCustomer();
            Integer credits = random.nextInt(9) == 0 ? null : random.nextInt(2001) - 500;
            rows.add(SqlText.tuple(List.of(number(id), quote(email), quote(display), number(customer), number(credits),
                    quote(LocalDate.of(2024, 1, 1).plusDays(random.nextInt(700)).toString()))));
        }
        Collections.shuffle(rows, random);
        batches("accounts", "(id, email, display_name, customer_id, credits, created_on)", rows);
    }

    private String country() {
        int r = random.nextInt(100);
        if (r < 5) {
            return null;
        }
        if (r < 7) {
            return "ZZ"; // in no countries row: outer joins keep it, inner joins drop it
        }
        return COUNTRY_CODES.get(Math.min(COUNTRY_CODES.size() - 1, (int) (Math.abs(random.nextGaussian()) * 6)));
    }

    private String text(int words) {
        if (random.nextInt(3) == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(words + 1);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(pick(WORDS));
        }
        return b.toString();
    }

    private static String datetime(long secondsAfterEpoch) {
        return DATETIME.format(EPOCH.plusSeconds(secondsAfterEpoch));
    }

    private void batches(String table, String columns, List<String> rows) {
        List<String> statements = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += BATCH_ROWS) {
            statements.add("INSERT INTO " + table + " " + columns + " VALUES "
                    + String.join(", ", rows.subList(from, Math.min(rows.size(), from + BATCH_ROWS))));
        }
        inserts.put(table, statements);
    }
}

#!/usr/bin/env python3
"""Records the merge tests' MariaDB fixtures from a real server, so that what the tests expect is what
MariaDB 10.11 prints, not what we believe it prints.

Start a throwaway server and run this with its socket:
    mariadb-install-db --user=root --datadir=/tmp/mx --auth-root-authentication-method=normal --skip-test-db
    mariadbd --no-defaults --user=root --datadir=/tmp/mx --port=33917 --socket=/tmp/mx/s --skip-grant-tables &
    python3 sql-rewrite/src/test/mariadb/record-fixtures.py /tmp/mx/s
It rewrites, under sql-rewrite/src/test/resources/io/shardwire/rewrite/merge/:
  aggregate-cases.txt   per case: each shard's partial GROUP BY result (with the column definitions the server
                        reported) and the result of the same query over all rows on one server
  collation-order.tsv   test strings ranked by ORDER BY under each collation (equal rank = equal strings)
  double-text.tsv       doubles as the server prints SUM() of a DOUBLE column, for fixed and free decimals
"""
import os
import subprocess
import sys

SOCKET = sys.argv[1]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'io', 'shardwire', 'rewrite', 'merge')
DB = 'merge_fixtures'

FLAGS = {'NOT_NULL': 1, 'PRI_KEY': 2, 'UNIQUE_KEY': 4, 'MULTIPLE_KEY': 8, 'BLOB': 16, 'UNSIGNED': 32,
         'ZEROFILL': 64, 'BINARY': 128, 'ENUM': 256, 'AUTO_INCREMENT': 512, 'TIMESTAMP': 1024, 'SET': 2048,
         'NO_DEFAULT_VALUE': 4096, 'ON_UPDATE_NOW': 8192, 'PART_KEY': 16384, 'NUM': 32768}


def mariadb(sql, *options):
    cmd = ['mariadb', '-S', SOCKET, '--default-character-set=utf8mb4', '-B', *options, '-e', sql]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def version():
    return mariadb('select version()', '-N').strip()


def query(sql):
    """(column specs, rows) of a query: specs as name:TYPE:fFLAGS:cCOLLATION:dDECIMALS:lLENGTH.
    The CLI prints column definitions only in table mode, so the rows come from a second, batch-mode run."""
    specs, field = [], None
    for line in mariadb(sql, '-t', '--column-type-info', DB).split('\n'):
        if line.startswith('Field '):
            field = {'name': line.split('`')[1]}
        elif field is not None and ':' in line:
            key, _, value = line.partition(':')
            field[key.strip()] = value.strip()
            if key == 'Flags':
                flags = sum(FLAGS[f] for f in value.split())
                coll = field['Collation'].split('(')[1].rstrip(')')
                specs.append('%s:%s:f%d:c%s:d%s:l%s' % (field['name'], field['Type'], flags, coll,
                                                         field['Decimals'], field['Length']))
                field = None
    rows = ['|'.join('\\N' if v == 'NULL' else v for v in line.split('\t'))
            for line in mariadb(sql, '-N', DB).split('\n') if line]
    return '|'.join(specs), rows


AGGREGATE_CASES = [
    {
        'name': 'grouped COUNT, SUM, AVG, MIN, MAX of INT, DECIMAL(10,2), DOUBLE, BIGINT UNSIGNED, TIME',
        'table': 'g varchar(10), i int, d decimal(10,2), f double, u bigint unsigned, tm time',
        'rows': [
            (0, "('a', 1, 1.50, 0.1, 18446744073709551615, '-01:00:00')"),
            (1, "('a', 2, 2.25, 0.2, 18446744073709551615, '100:00:00')"),
            (2, "('a', 4, -0.75, 0.3, 1, '00:00:00')"),
            (0, "('b', -7, -1.00, 1e300, 0, '12:00:00')"),
            (1, "('b', 3, NULL, -1e300, NULL, NULL)"),
            (1, "('c', NULL, NULL, NULL, NULL, NULL)"),
            (2, "('d', 2147483647, 99999999.99, 1.5, 9223372036854775808, '838:59:59')"),
            (0, "('d', 2147483647, 99999999.99, 2.5, 9223372036854775808, '-838:59:59')"),
        ],
        'partial': 'g, COUNT(*), SUM(i), COUNT(i), SUM(d), COUNT(d), SUM(f), COUNT(f), SUM(u), COUNT(u),'
                   ' MIN(i), MAX(d), MIN(tm), MAX(tm)',
        'full': 'g, COUNT(*), SUM(i), AVG(i), SUM(d), AVG(d), SUM(f), AVG(f), SUM(u), AVG(u),'
                ' MIN(i), MAX(d), MIN(tm), MAX(tm)',
        'tail': 'GROUP BY g ORDER BY g',
        'specs': 'key(0) count(1) sum(2) avg(2,3,AVG(i)) sum(4) avg(4,5,AVG(d)) sum(6) avg(6,7,AVG(f))'
                 ' sum(8) avg(8,9,AVG(u)) min(10) max(11) min(12) max(13)',
    },
    {
        'name': 'AVG rounding: DECIMAL half up, DOUBLE(10,0) half even on the binary value, negative zero',
        'table': 'g int, i int, d decimal(5,1), f double(10,0), x double(10,2), y float(7,3)',
        'rows': [(n % 3, "(1, %d, %s, %d, %s, %s)" % (1 if n == 0 else 0, '0.1' if n == 0 else '0',
                                                      1 if n == 0 else 0, '1.25' if n == 0 else '0',
                                                      '1.125' if n == 0 else '0')) for n in range(32)]
                + [(n % 3, "(2, %d, %s, %d, 0, 0)" % (-1 if n == 0 else 0, '-0.1' if n == 0 else '0', -1 if n == 0 else 0))
                   for n in range(100)]
                + [(n % 3, "(3, %d, %s, %d, 2.25, 2.5)" % (1 if n < 3 else 0, '0.1' if n < 3 else '0', 1 if n < 3 else 0))
                   for n in range(32)],
        'partial': 'g, SUM(i), COUNT(i), SUM(d), COUNT(d), SUM(f), COUNT(f), SUM(x), COUNT(x), SUM(y), COUNT(y)',
        'full': 'g, AVG(i), AVG(d), AVG(f), SUM(f), SUM(x), AVG(x), SUM(y), AVG(y)',
        'tail': 'GROUP BY g ORDER BY g',
        'specs': 'key(0) avg(1,2,AVG(i)) avg(3,4,AVG(d)) avg(5,6,AVG(f)) sum(5) sum(7) avg(7,8,AVG(x))'
                 ' sum(9) avg(9,10,AVG(y))',
    },
    {
        'name': 'scalar aggregate where some shards have no rows',
        'table': 'i int, d decimal(30,5), f float, s varchar(10)',
        'rows': [(0, "(5, -3.75000, 1.5, 'x')"), (0, "(10, 1.25, 2.25, 'y')"), (2, "(-1, 0.00001, 3.1, NULL)")],
        'partial': 'COUNT(*), SUM(i), COUNT(i), SUM(d), COUNT(d), SUM(f), COUNT(f), MIN(s), MAX(s)',
        'full': 'COUNT(*), SUM(i), AVG(i), SUM(d), AVG(d), SUM(f), AVG(f), MIN(s), MAX(s)',
        'tail': '',
        'specs': 'count(0) sum(1) avg(1,2,AVG(i)) sum(3) avg(3,4,AVG(d)) sum(5) avg(5,6,AVG(f)) min(7) max(8)',
    },
    {
        'name': 'scalar aggregate over no rows at all',
        'table': 'i int, d decimal(10,2), f double, s varchar(10)',
        'rows': [],
        'partial': 'COUNT(*), SUM(i), COUNT(i), SUM(d), COUNT(d), SUM(f), COUNT(f), MIN(s), MAX(s)',
        'full': 'COUNT(*), SUM(i), AVG(i), SUM(d), AVG(d), SUM(f), AVG(f), MIN(s), MAX(s)',
        'tail': '',
        'specs': 'count(0) sum(1) avg(1,2,AVG(i)) sum(3) avg(3,4,AVG(d)) sum(5) avg(5,6,AVG(f)) min(7) max(8)',
    },
    {
        'name': 'integer widths: SUM and AVG of TINYINT, SMALLINT, MEDIUMINT, BIGINT, INT UNSIGNED, YEAR, DECIMAL(65,30)',
        'table': 'g char(1), a tinyint, b smallint, c mediumint, e bigint, h int unsigned, y year, z decimal(65,30)',
        'rows': [(0, "('x', 127, 32767, 8388607, 9223372036854775807, 4294967295, 2001, 1.5)"),
                 (1, "('x', -128, -32768, -8388608, 9223372036854775807, 4294967295, 2002, -0.000000000000000000000000000001)"),
                 (2, "('x', 1, 2, 3, 4, 5, 2155, 12345678901234567890123456789012345.123456789012345678901234567891)")],
        'partial': 'g, SUM(a), COUNT(a), SUM(b), COUNT(b), SUM(c), COUNT(c), SUM(e), COUNT(e), SUM(h), COUNT(h),'
                   ' SUM(y), COUNT(y), SUM(z), COUNT(z), MAX(y)',
        'full': 'g, SUM(a), AVG(a), SUM(b), AVG(b), SUM(c), AVG(c), SUM(e), AVG(e), SUM(h), AVG(h), SUM(y), AVG(y),'
                ' SUM(z), AVG(z), MAX(y)',
        'tail': 'GROUP BY g ORDER BY g',
        'specs': 'key(0) sum(1) avg(1,2,AVG(a)) sum(3) avg(3,4,AVG(b)) sum(5) avg(5,6,AVG(c)) sum(7) avg(7,8,AVG(e))'
                 ' sum(9) avg(9,10,AVG(h)) sum(11) avg(11,12,AVG(y)) sum(13) avg(13,14,AVG(z)) max(15)',
    },
]


def record_aggregates(out):
    out.write('# Recorded by src/test/mariadb/record-fixtures.py from MariaDB %s: for each case, the rows were\n'
              '# spread over three tables (the shards), each shard\'s partial query gave its block, and the full\n'
              '# query over one table holding all rows gave "expected". Headers are the column definitions the\n'
              '# server reported (mariadb --column-type-info): name:TYPE:fFLAGS:cCOLLATION:dDECIMALS:lLENGTH.\n'
              % version())
    for case in AGGREGATE_CASES:
        mariadb('drop database if exists %s; create database %s' % (DB, DB))
        for t in ['t_all', 't0', 't1', 't2']:
            mariadb('create table %s (%s)' % (t, case['table']), DB)
        for shard, values in case['rows']:
            mariadb('insert into t%d values %s; insert into t_all values %s' % (shard, values, values), DB)
        out.write('\n=== %s\n' % case['name'])
        out.write('specs: %s\n' % case['specs'])
        for t in ['t0', 't1', 't2']:
            header, rows = query('SELECT %s FROM %s %s' % (case['partial'], t, case['tail']))
            out.write('--- shard: SELECT %s FROM %s %s\n%s\n' % (case['partial'], t, case['tail'], header))
            out.writelines(r + '\n' for r in rows)
        header, rows = query('SELECT %s FROM t_all %s' % (case['full'], case['tail']))
        out.write('--- expected: SELECT %s FROM t_all %s\n%s\n' % (case['full'], case['tail'], header))
        out.writelines(r + '\n' for r in rows)


STRINGS = ['', ' ', 'a', 'A', 'a ', 'a  ', 'a\t', ' a', 'ä', 'Ä', 'á', 'b', 'B', 'ab', 'aB', 'Ab', 'a b', 'ß', 's',
           'ss', 'SS', 'st', '_', '-', '.', 'Z', 'z', 'é', 'e', 'E', 'f', '1', '10', '2', '😀', '😁', 'Æ', 'AE',
           'ae', 'Ø', 'O', 'ö', 'o', 'ü', 'y', 'u', 'ñ', 'n', '€', 'Œ', 'oe', 'å', 'ÿ', '中', '文', 'Ω', 'ω', 'я',
           'Я', 'ё', 'е', 'ǅ', 'ﬁ', 'fi', '𝐀', '𐐀', '𐐨', '\u200b', 'Ａ', 'ｱ', 'ア', 'あ', 'a\u0301', '\u00a0', 'x\u00a0', 'x ']
COLLATIONS = ['utf8mb4_general_ci', 'utf8mb4_general_nopad_ci', 'utf8mb4_bin', 'utf8mb4_nopad_bin',
              'utf8mb4_unicode_ci', 'utf8mb4_unicode_nopad_ci', 'utf8mb4_unicode_520_ci', 'utf8mb3_general_ci',
              'latin1_swedish_ci', 'latin1_general_ci', 'latin1_general_cs', 'latin1_bin', 'latin1_german1_ci',
              'latin1_danish_ci', 'latin1_spanish_ci', 'latin1_swedish_nopad_ci', 'binary']


def record_collations(out):
    out.write('# Recorded by src/test/mariadb/record-fixtures.py from MariaDB %s: the test strings (hex of their\n'
              '# UTF-8) ranked by\n#   SELECT DENSE_RANK() OVER (ORDER BY s COLLATE c), HEX(s) FROM strings\n'
              '# for each collation c (equal ranks: the collation calls the strings equal). Strings the\n'
              '# collation\'s character set cannot hold are left out.\n' % version())
    mariadb('drop database if exists %s; create database %s' % (DB, DB))
    mariadb('create table strings (s varchar(10) character set utf8mb4 collate utf8mb4_bin)', DB)
    mariadb('insert into strings values ' + ','.join("(X'%s')" % s.encode('utf-8').hex() for s in STRINGS), DB)
    for c in COLLATIONS:
        charset = c.split('_')[0]
        expr = 's' if charset == 'utf8mb4' else 'convert(s using %s)' % charset
        where = '' if charset in ('utf8mb4', 'binary') else \
            'where convert(convert(s using %s) using utf8mb4) = s collate utf8mb4_bin' % charset
        if charset == 'binary':
            expr = 'cast(s as binary)'
        order = expr if charset == 'binary' else '%s collate %s' % (expr, c)
        sql = 'select dense_rank() over (order by %s), hex(s) from strings %s' % (order, where)
        for line in mariadb(sql, '-N', DB).strip().split('\n'):
            rank, hexs = line.split('\t')
            out.write('%s\t%s\t%s\n' % (c, rank, hexs))


DOUBLES = ['1e14', '1e15', '1e16', '123456789012345678', '1234567890123456', '12345678901234567890', '1e-3',
           '1e-5', '0.0001234', '1.7976931348623157e308', '5e-324', '0.1', '-1e20', '1.5e-7', '123.456', '1e100',
           '1e-100', '12345678.9', '99999999999999999', '0.000123456789012345', '100', '1.0000000000000002',
           '4.35', '2.5e15', '1e-15', '1e-16', '1.5e-15', '1.2345678901234567e-15', '123456789012345.6',
           '999999999999999.9', '9.999999999999998e15', '1.2345678901234567e16', '-1234567890123456.8',
           '-2.5e-308', '0.30000000000000004', '-0.0', '2.2250738585072014e-308', '4.9406564584124654e-324',
           '1e22', '1e23', '8.41e21', '5e-310']
DECIMALS = [31, 0, 1, 2, 4, 6]


def record_doubles(out):
    out.write('# Recorded by src/test/mariadb/record-fixtures.py from MariaDB %s:\n'
              '#   SELECT v * 1e0, SUM(v) FROM doubles GROUP BY k   (v DOUBLE: decimals 31; v DOUBLE(30,d): d decimals)\n'
              '# columns: the literal inserted, the double stored (v * 1e0, shortest digits: the column rounds to its\n'
              '# decimals on insert), the decimals of the SUM column, what the server printed for the SUM.\n' % version())
    for d in DECIMALS:
        mariadb('drop database if exists %s; create database %s' % (DB, DB))
        column = 'double' if d == 31 else 'double(%d,%d)' % (30 + d if d else 30, d)
        mariadb('create table doubles (k int, v %s)' % column, DB)
        values = DOUBLES if d == 31 else [v for v in DOUBLES if abs(float(v)) < 1e20]
        mariadb('insert ignore into doubles values ' + ','.join('(%d, %s)' % (k, v) for k, v in enumerate(values)), DB)
        printed = mariadb('select k, v * 1e0, sum(v) from doubles group by k order by k', '-N', DB).strip().split('\n')
        for line in printed:
            k, stored, text = line.split('\t')
            out.write('%s\t%s\t%d\t%s\n' % (values[int(k)], stored, d, text))
    # AVG of a DOUBLE(10,0) averages 1/32 exactly: half-even on the binary value, and a negative tiny value.
    for literal, sql in [('1/32', 'select avg(v) from (select 1e0 v union all select 0e0 from seq_1_to_31) t'),
                         ('-1/100000', 'select avg(v) from (select -1e0 v union all select 0e0 from seq_1_to_99999) t')]:
        mariadb('drop database if exists %s; create database %s' % (DB, DB))
        mariadb('create table doubles (v double(10,0))', DB)
        mariadb('insert into doubles ' + sql.replace('select avg(v) from (', '').rsplit(')', 1)[0], DB)
        stored = mariadb('select sum(v) * 1e0 / count(v) from doubles', '-N', DB).strip()
        out.write('%s\t%s\t4\t%s\n' % (literal, stored, mariadb('select avg(v) from doubles', '-N', DB).strip()))


def main():
    with open(os.path.join(OUT, 'aggregate-cases.txt'), 'w') as f:
        record_aggregates(f)
    with open(os.path.join(OUT, 'collation-order.tsv'), 'w') as f:
        record_collations(f)
    with open(os.path.join(OUT, 'double-text.tsv'), 'w') as f:
        record_doubles(f)
    mariadb('drop database if exists %s' % DB)


main()

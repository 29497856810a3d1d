'use strict';
// Drives a MySQL server (the shardwire proxy, or a MariaDB backend for comparison) with node mysql2's
// connection.execute(): server-side prepared statements, binary protocol both ways. Prints one JSON line per
// outcome (statement result, row, column definitions, error), rendered so that two runs that saw the same
// thing print the same bytes: the test runs this against the proxy and directly against a backend and
// compares the output.
//
// usage: node mysql2-execute.js MODE HOST PORT USER PASSWORD DATABASE TABLE
//   MODE types:   a table with a column of every common type, rows written with parameters of every JS type,
//                 read back with a parameter in WHERE; the table is left in place for the caller to inspect
//   MODE sharded: TABLE is hash-sharded on id by the proxy: many rows written by id and read back one by one
//                 with the key as a parameter, then counted; the table is left in place
// Requires mysql2 to resolve from this file's directory (the test puts it in node_modules beside it).

const mysql = require('mysql2/promise');
const { TypedParameter } = require('mysql2');
const T = TypedParameter;

const [mode, host, port, user, password, database, table] = process.argv.slice(2);
if (!table) {
  console.error('usage: node mysql2-execute.js types|sharded HOST PORT USER PASSWORD DATABASE TABLE');
  process.exit(2);
}

/** A value as mysql2 returned it, tagged with its JS type so that 1, '1' and 1n print differently. */
function render(value) {
  if (value === null) return null;
  if (value === undefined) return { undefined: true };
  if (Buffer.isBuffer(value)) return { hex: value.toString('hex') };
  if (value instanceof Date) return { date: Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString() };
  switch (typeof value) {
    case 'number':
      // String() is the shortest text that reads back as the same double; keeps -0, NaN and Infinity
      return { number: Object.is(value, -0) ? '-0' : String(value) };
    case 'bigint':
      return { bigint: value.toString() };
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      if (Array.isArray(value)) return { array: value.map(render) };
      return { object: Object.keys(value).map((k) => [k, render(value[k])]) };
    default:
      return { [typeof value]: String(value) };
  }
}

function print(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

/** Column definitions from the prepared statement's result: what mysql2 decodes the binary rows with. */
function fieldsOf(fields) {
  return (fields || []).map((f) => ({
    name: f.name,
    orgName: f.orgName,
    table: f.table,
    orgTable: f.orgTable,
    db: f.db,
    columnType: f.columnType,
    type: f.type,
    flags: f.flags,
    characterSet: f.characterSet,
    encoding: f.encoding,
    columnLength: f.columnLength,
    decimals: f.decimals,
  }));
}

/** Runs one execute() and prints what it gave: the rows (or OK packet) and column definitions, or the error. */
async function run(conn, label, sql, params) {
  try {
    const [result, fields] = await conn.execute(sql, params);
    if (Array.isArray(result)) {
      print({ label, fields: fieldsOf(fields) });
      for (const row of result) {
        print({ label, row: Object.keys(row).map((k) => [k, render(row[k])]) });
      }
      return result;
    }
    print({
      label,
      ok: {
        affectedRows: result.affectedRows,
        insertId: render(result.insertId),
        warningStatus: result.warningStatus,
        changedRows: result.changedRows,
        info: result.info,
      },
    });
    return result;
  } catch (e) {
    print({ label, error: { code: e.code, errno: e.errno, sqlState: e.sqlState, message: e.sqlMessage || e.message } });
    return null;
  }
}

function allBytes() {
  const b = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) b[i] = i;
  return b;
}

const COLUMNS = ['ti', 'tiu', 'tbool', 'si', 'siu', 'mi', 'i', 'iu', 'bi', 'biu', 'dec30', 'f', 'd', 'dt',
  'dtm6', 'ts3', 'tm6', 'yr', 'ch', 'vc', 'latin', 'tx', 'bl', 'vbn', 'bn', 'js', 'b8', 'en', 'st'];

/** Rows as [id, values in COLUMNS order]; each row mixes the JS types mysql2 binds differently. */
function typedRows() {
  const all = allBytes();
  return [
    [1, COLUMNS.map(() => null)],
    // minimums; numbers (bound as DOUBLE unless the server hints an integer type), strings, bigint
    [2, [-128, 0, false, -32768, 0, -8388608, -2147483648, 0, -9223372036854775808n, '0',
      '-99999999999999999999.9999999999', -3.40282e38, -1.7976931348623157e308, '1000-01-01',
      '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01.000', '-838:59:59.000000', 1901, '', '', '', '',
      Buffer.alloc(0), Buffer.alloc(0), Buffer.from([0]), '[]', Buffer.from([0x00]), 'a', '']],
    // maximums, past 2^53 as bigint and as string, 4-byte UTF-8, every byte value
    [3, [127, 255, true, 32767, 65535, 8388607, 2147483647, 4294967295, 9223372036854775807n,
      '18446744073709551615', '99999999999999999999.9999999999', 3.40282e38, Number.MAX_VALUE, '9999-12-31',
      '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999', '838:59:59.000000', 2155, 'ten chars!',
      'emoji 😀 𝄞 and ünïcödé Ωmega', 'café naïve', 'text '.repeat(2000), Buffer.concat(Array(40).fill(all)),
      all, Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'),
      { a: [1, '😀', null, true], b: { c: 1.5e10 } }, Buffer.from([0xff]), 'c', 'x,y,z']],
    // values just past 2^53, Dates (timezone 'Z'), typed parameters, text that needs escaping in SQL
    [4, [T.TINY(-5), T.TINY.unsigned(200), 1, T.SHORT(-1234), '60000', T.INT24(-8000000), 2 ** 31 - 2,
      T.LONG.unsigned(4000000000), 9007199254740993n, T.LONGLONG.unsigned(18446744073709551615n),
      '12345678901234567890.0123456789', 3.14159, Math.E, new Date(Date.UTC(2024, 1, 29)),
      new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789)), new Date(Date.UTC(2021, 2, 14, 1, 59, 26, 535)),
      T.TIME('-01:02:03.500000'), '2024', 'quote\'s', 'q \' dq " bs \\ nul \u0000 nl \n tab \t ctrlz \u001a',
      'Ærøskøbing', '日本語テキスト', Buffer.from([0, 0x27, 0x22, 0x5c, 0x1a, 0x0a, 0x0d]),
      Buffer.from('5c27', 'hex'), Buffer.from([0xff, 0xfe]), '{"k": [1, 2], "s": "\\u00e9"}', 170, 'b', 'y']],
    // doubles bound to every numeric column, strings bound to numbers, small and negative fractions
    [5, [-1, 1.0, 0, 1.5e3, 32768, 0.0, -0.0, 1e9, -1, 0, -0.5, -0.0, 2.5e-308, T.DATE('2000-02-29'),
      T.DATETIME(new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 1))), '2020-06-15 08:30:00.5',
      -1000.25 * 1000, 70, ' padded  ', '  lead', 'àéîõü ÿ ß', 'line\nbreak', Buffer.from('Z'),
      Buffer.from([0x80, 0x81, 0xfe, 0xff]), Buffer.from('bin'), 'null', Buffer.from([0x01]), 'a', 'x,z']],
    // 9007199254740993 and 18446744073709551615 as strings, zero values
    [6, ['0', '1', '0', '-0', '0', '0', '0', '0', '9007199254740993', '18446744073709551614', '0.0000000001',
      '1e-10', '-2.5e-308', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', '00:00:00', '0', 'x',
      'x', 'x', '', Buffer.from([0]), Buffer.from([0]), Buffer.from([0]), '0', Buffer.from([0]), 'a', 'x']],
  ];
}

async function typesMode(conn) {
  const create = `CREATE TABLE ${table} (id INT PRIMARY KEY,
    ti TINYINT, tiu TINYINT UNSIGNED, tbool TINYINT(1), si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT,
    i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, dec30 DECIMAL(30,10), f FLOAT, d DOUBLE,
    dt DATE, dtm6 DATETIME(6), ts3 TIMESTAMP(3) NULL, tm6 TIME(6), yr YEAR,
    ch CHAR(10), vc VARCHAR(100), latin VARCHAR(50) CHARACTER SET latin1, tx TEXT,
    bl BLOB, vbn VARBINARY(300), bn BINARY(16), js JSON, b8 BIT(8), en ENUM('a','b','c'), st SET('x','y','z')
  ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
  await run(conn, 'drop', `DROP TABLE IF EXISTS ${table}`, []);
  // the handshake's collation (mysql2: utf8mb4_unicode_ci) decides how literals compare: 'ß' = 'ss' only under it
  await run(conn, 'collation', "SELECT CONCAT_WS(' ', @@collation_connection, 'ß' = 'ss', 'a' = 'A') AS probe", []);
  await run(conn, 'create', create, []);
  const insert = `INSERT INTO ${table} (id, ${COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(COLUMNS.length)})`;
  const rows = typedRows();
  for (const [id, values] of rows) {
    await run(conn, `insert ${id}`, insert, [id, ...values]);
  }
  // the same statement again (mysql2 caches it): a duplicate key is an error, the statement stays usable
  await run(conn, 'insert duplicate', insert, [1, ...COLUMNS.map(() => null)]);
  await run(conn, 'insert after duplicate', `INSERT INTO ${table} (id, vc) VALUES (?, ?)`, [7, 'after']);
  await run(conn, 'warnings', 'SHOW WARNINGS', []);

  const select = `SELECT id, ${COLUMNS.join(', ')} FROM ${table} WHERE id = ?`;
  for (const [id] of rows) {
    await run(conn, `select ${id}`, select, [id]);
  }
  // the key as a string and as a bigint; a range with two parameters; no match
  await run(conn, 'select key as string', select, ['3']);
  await run(conn, 'select key as bigint', select, [4n]);
  await run(conn, 'select range', `SELECT id, bi, biu, vc FROM ${table} WHERE id BETWEEN ? AND ? ORDER BY id`, [2, 5]);
  await run(conn, 'select none', select, [999]);
  // values compared with parameters of their own type in WHERE
  await run(conn, 'where bigint', `SELECT id FROM ${table} WHERE bi = ?`, [9007199254740993n]);
  await run(conn, 'where unsigned max', `SELECT id FROM ${table} WHERE biu = ?`, ['18446744073709551615']);
  await run(conn, 'where emoji', `SELECT id FROM ${table} WHERE vc = ?`, ['emoji 😀 𝄞 and ünïcödé Ωmega']);
  await run(conn, 'where bytes', `SELECT id FROM ${table} WHERE vbn = ?`, [allBytes()]);
  await run(conn, 'where date', `SELECT id FROM ${table} WHERE dtm6 = ?`,
    [new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789))]);
  // parameters echoed back: the column types the server derives from each bind type
  await run(conn, 'echo', 'SELECT ? AS num, ? AS str, ? AS buf, ? AS dt, ? AS nul, ? AS big, ? AS bool, ? AS tm,'
    + ' ? AS obj, ? + 1 AS sum, CAST(? AS SIGNED) AS cast_big, CONCAT(?, ?) AS cat',
    [1.25, 'ünï 😀', Buffer.from([0, 255]), new Date(Date.UTC(2001, 0, 2, 3, 4, 5, 6)), null,
      12345678901234567890n, true, T.TIME('-838:59:59'), { k: [1, 'v'] }, 41, '9223372036854775807', 'a', 'b']);
  await run(conn, 'update', `UPDATE ${table} SET vc = CONCAT(vc, ?), d = d * ? WHERE id IN (?, ?)`,
    ['!', 2, 4, 5]);
  await run(conn, 'select updated', `SELECT id, vc, d FROM ${table} WHERE id >= ? ORDER BY id`, [4]);
  await run(conn, 'count', `SELECT COUNT(*) AS n, SUM(tiu) AS s FROM ${table} WHERE id > ?`, [0]);
}

/** The row id i is written with: canonical values as mysql2 reads them back (dateStrings, bigNumberStrings). */
function shardedRow(id) {
  const n = BigInt(id);
  const abs = n < 0n ? -n : n;
  return {
    name: `row ${id} ${'😀'.repeat(Number(abs % 3n))}`,
    amount: `${(abs % 100000n).toString()}.${(abs % 100n).toString().padStart(2, '0')}`,
    // never .000: mysql2 prints a DATETIME(3) with no fraction without the dot
    created: `2024-0${Number(abs % 9n) + 1}-1${Number(abs % 9n)} 12:00:0${Number(abs % 10n)}.${String(Number(abs % 999n) + 1).padStart(3, '0')}`,
    payload: Buffer.from(`${id}`.padStart(8, '0') + String.fromCharCode(Number(abs % 256n)), 'latin1'),
  };
}

function shardedIds() {
  const ids = [];
  for (let i = 1; i <= 120; i++) ids.push(String(i));
  ids.push('0', '-1', '-2147483648', '2147483648', '9007199254740991', '9007199254740993',
    '9223372036854775807', '-9223372036854775808', '1000000007', '4294967296');
  return ids;
}

/** The key in the JS type mysql2 is given it: numbers where exact, bigint or string past 2^53. */
function keyParam(id, variant) {
  const n = BigInt(id);
  const safe = n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);
  switch (variant % 3) {
    case 0: return safe ? Number(id) : n;
    case 1: return id;
    default: return n;
  }
}

async function shardedMode(conn) {
  await run(conn, 'drop', `DROP TABLE IF EXISTS ${table}`, []);
  await run(conn, 'create', `CREATE TABLE ${table} (id BIGINT PRIMARY KEY, name VARCHAR(60) NOT NULL,
    amount DECIMAL(12,2), created DATETIME(3), payload VARBINARY(32)) DEFAULT CHARSET=utf8mb4`, []);
  const ids = shardedIds();
  const insert = `INSERT INTO ${table} (id, name, amount, created, payload) VALUES (?, ?, ?, ?, ?)`;
  let written = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    const r = shardedRow(id);
    // created alternately as text and as a Date (bound as DATETIME, timezone 'Z')
    const created = k % 2 === 0 ? r.created : new Date(r.created.replace(' ', 'T') + 'Z');
    const result = await run(conn, `insert ${id}`, insert, [keyParam(id, k), r.name, r.amount, created, r.payload]);
    if (result && result.affectedRows === 1) written++;
  }
  const select = `SELECT id, name, amount, created, payload FROM ${table} WHERE id = ?`;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    const r = shardedRow(id);
    const expected = [['id', id], ['name', r.name], ['amount', r.amount], ['created', r.created],
      ['payload', render(r.payload)]];
    // each key read back in all three JS types, so the proxy must route DOUBLE, string and integer binds alike
    for (let variant = 0; variant < 3; variant++) {
      const [rows] = await conn.execute(select, [keyParam(id, k + variant)]).catch((e) => [e]);
      const got = Array.isArray(rows)
        ? rows.map((row) => Object.keys(row).map((c) => [c, render(row[c])]))
        : { error: rows.message };
      print({ check: 'read', id, variant: typeof keyParam(id, k + variant),
        matches: Array.isArray(rows) && rows.length === 1 && JSON.stringify(got[0]) === JSON.stringify(expected),
        got });
    }
  }
  print({ check: 'written', count: written });
  await run(conn, 'count', `SELECT COUNT(*) AS n FROM ${table}`, []);
  await run(conn, 'count with parameter', `SELECT COUNT(*) AS n FROM ${table} WHERE id > ?`, [0]);
  await run(conn, 'update by key', `UPDATE ${table} SET name = ? WHERE id = ?`, ['renamed', 9007199254740993n]);
  await run(conn, 'read updated', `SELECT id, name FROM ${table} WHERE id = ?`, ['9007199254740993']);
  await run(conn, 'delete by key', `DELETE FROM ${table} WHERE id = ?`, [-1]);
  await run(conn, 'count after delete', `SELECT COUNT(*) AS n FROM ${table}`, []);
}

async function main() {
  const conn = await mysql.createConnection({
    host, port: Number(port), user, password, database,
    supportBigNumbers: true, bigNumberStrings: true, dateStrings: true, timezone: 'Z',
    // JSON columns as their text. By default mysql2 parses them, but only where MariaDB's extended metadata
    // marks them as JSON, and the proxy does not pass that on (it presents itself as MySQL): the text is the
    // same either way, so compare the text
    jsonStrings: true,
  });
  try {
    // TIMESTAMP values are stored in UTC and shown in the session time zone: pin it
    await conn.query("SET time_zone = '+00:00'");
    if (mode === 'types') {
      await typesMode(conn);
    } else if (mode === 'sharded') {
      await shardedMode(conn);
    } else {
      throw new Error(`unknown mode ${mode}`);
    }
  } finally {
    await conn.end();
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});

// The SQL peer: actor overlaps the way an analyst who knows SQL would compute
// them, with DuckDB (@duckdb/node-api, installed by `make bench` into
// bench/duckdb/node_modules beside this script, git-ignored).
//
//     node bench/duckdb/overlaps.mjs [--top N] [--threads N] BUNDLE.json|DIR...
//
// The same semantics as bench/networkx_overlaps.py, so the two pair counts
// must agree (bench/run.sh checks them against each other and against agx):
// a value is (object type, lower-cased value) pulled out of an indicator's
// pattern by the same regular expression; it reaches a unit when the
// indicator `indicates` an actor (intrusion-set, threat-actor), a campaign
// and on through its `attributed-to` (a campaign nobody claims is its own
// unit), or malware / a tool / infrastructure and on to whoever `uses` it
// (two levels, as the Python script's depth bound). Two units pair when they
// share a value; the score is the Jaccard index of their value sets. No IDF,
// warninglist, df cap, confidence or time weighting.
//
// read_json, the regex on patterns, a self-join on the value and a group by:
// prints the top pairs, then one JSON line with the phases (load_s,
// pairs_s, total_s) and the sizes, as networkx_overlaps.py does.
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
let top = 10, threads = 2;
const paths = [];
for (let i = 0; i < args.length; i++) {
	if (args[i] === '--top') top = parseInt(args[++i], 10);
	else if (args[i] === '--threads') threads = parseInt(args[++i], 10);
	else paths.push(args[i]);
}
if (!paths.length || !(top >= 0) || !(threads >= 1)) {
	console.error('usage: duckdb_overlaps.mjs [--top N] [--threads N] BUNDLE.json|DIR...');
	process.exit(2);
}

// *.json files of a directory, sorted, as the Python script walks them
function filesOf(ps) {
	const out = [];
	for (const p of ps) {
		if (fs.statSync(p).isDirectory()) {
			const walk = (d) => {
				for (const n of fs.readdirSync(d).sort()) {
					const f = path.join(d, n);
					if (fs.statSync(f).isDirectory()) walk(f);
					else if (n.toLowerCase().endsWith('.json')) out.push(f);
				}
			};
			walk(p);
		} else out.push(p);
	}
	return out;
}

const sqlStr = (s) => "'" + s.replace(/'/g, "''") + "'";
const TERM = String.raw`([a-z0-9-]+):([A-Za-z0-9_.'-]+)\s*=\s*'((?:[^'\\]|\\.)*)'`;
const ACTOR = "('intrusion-set', 'threat-actor')";
const USED = "('malware', 'tool', 'infrastructure')";

const t0 = performance.now();
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await db.connect();
const run = (sql) => con.run(sql);
const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjects();

// every object of every bundle (or top-level array), the fields the script
// reads typed as DuckDB's reader is told them (it skips the rest); a file
// that is neither is skipped, as the Python script skips it
const FIELDS = `STRUCT(type VARCHAR, id VARCHAR, pattern VARCHAR, relationship_type VARCHAR,
	source_ref VARCHAR, target_ref VARCHAR, name VARCHAR)`;
await run(`CREATE TEMP TABLE objs (type VARCHAR, id VARCHAR, pattern VARCHAR, rt VARCHAR,
	src VARCHAR, dst VARCHAR, name VARCHAR, n BIGINT)`);
let files = 0, skipped = 0;
for (const f of filesOf(paths)) {
	const opts = `maximum_object_size = 2147483647`;
	const bundle = `SELECT unnest(objects) AS o FROM read_json(${sqlStr(f)}, ${opts},
		columns = {type: 'VARCHAR', objects: '${FIELDS}[]'}) WHERE type = 'bundle'`;
	const array = `SELECT o FROM read_json(${sqlStr(f)}, ${opts}, format = 'array',
		records = false, columns = {o: '${FIELDS}'})`;
	let ok = false;
	for (const q of [bundle, array]) {
		try {
			await run(`INSERT INTO objs SELECT o.type, o.id, o.pattern,
				coalesce(o.relationship_type, ''), coalesce(o.source_ref, ''),
				coalesce(o.target_ref, ''), o.name,
				(SELECT count(*) FROM objs) + row_number() OVER () FROM (${q})`);
			ok = true;
			break;
		} catch (e) {
			if (process.env.BENCH_DEBUG) console.error(`${f}: ${e.message}`);
		}
	}
	if (ok) files++;
	else skipped++;
}
const t1 = performance.now();

await run(`CREATE MACRO kind(r) AS split_part(r, '--', 1)`);
await run(`CREATE TEMP TABLE rel AS SELECT rt, src, dst FROM objs WHERE type = 'relationship'`);
await run(`CREATE TEMP TABLE attributed AS SELECT DISTINCT src AS c, dst AS u FROM rel
	WHERE rt = 'attributed-to' AND starts_with(src, 'campaign--')`);
await run(`CREATE TEMP TABLE users AS SELECT DISTINCT dst AS t, src AS u FROM rel
	WHERE rt = 'uses' AND kind(dst) IN ${USED}`);
await run(`CREATE TEMP TABLE indicates AS SELECT DISTINCT src AS ind, dst AS t FROM rel
	WHERE rt = 'indicates' AND starts_with(src, 'indicator--')`);
// what an indicator's target stands for: itself, its users, their users
await run(`CREATE TEMP TABLE ind_ref AS
	SELECT ind, t AS ref FROM indicates
	UNION ALL SELECT i.ind, s.u FROM indicates i JOIN users s ON s.t = i.t
	UNION ALL SELECT i.ind, s2.u FROM indicates i JOIN users s ON s.t = i.t
		JOIN users s2 ON s2.t = s.u AND kind(s.u) IN ${USED}`);
await run(`CREATE TEMP TABLE ind_unit AS SELECT DISTINCT ind, unit FROM (
	SELECT ind, ref AS unit FROM ind_ref WHERE kind(ref) IN ${ACTOR}
	UNION ALL SELECT r.ind, a.u FROM ind_ref r JOIN attributed a ON a.c = r.ref
	UNION ALL SELECT ind, ref FROM ind_ref
		WHERE kind(ref) = 'campaign' AND ref NOT IN (SELECT c FROM attributed))`);
// the values of each indicator (the last object of an id wins, as a dict)
await run(`CREATE TEMP TABLE ind_val AS
	WITH last AS (SELECT id, arg_max(pattern, n) AS pattern FROM objs
		WHERE id IS NOT NULL AND pattern IS NOT NULL GROUP BY id)
	SELECT DISTINCT id AS ind, obj, lower(val) AS val FROM (
		SELECT id, unnest(regexp_extract_all(pattern, ${sqlStr(TERM)}, 1)) AS obj,
			unnest(regexp_extract_all(pattern, ${sqlStr(TERM)}, 3)) AS val FROM last)`);
// unit <-> value, both numbered
await run(`CREATE TEMP TABLE edges AS
	WITH uv AS (SELECT DISTINCT u.unit, v.obj, v.val FROM ind_unit u
		JOIN ind_val v ON v.ind = u.ind)
	SELECT dense_rank() OVER (ORDER BY unit) AS u, dense_rank() OVER (ORDER BY obj, val) AS v,
		unit FROM uv`);
const sizes = (await rows(`SELECT count(DISTINCT u) AS units, count(DISTINCT v) AS vals,
	count(*) AS memberships FROM edges`))[0];
// units reached with no value are units too (the Python graph has them)
const allUnits = (await rows(`SELECT count(*) AS n FROM (SELECT DISTINCT unit FROM ind_unit
	WHERE ind IN (SELECT DISTINCT id FROM objs WHERE pattern IS NOT NULL))`))[0].n;
await run(`CREATE TEMP TABLE deg AS SELECT u, any_value(unit) AS unit, count(*) AS d
	FROM edges GROUP BY u`);
await run(`CREATE TEMP TABLE pairs AS SELECT a.u AS a, b.u AS b, count(*) AS shared
	FROM edges a JOIN edges b ON a.v = b.v AND a.u < b.u GROUP BY a.u, b.u`);
const t2 = performance.now();
const npairs = (await rows('SELECT count(*) AS n FROM pairs'))[0].n;
// names as the Python script prints them: an actor's or campaign's, else the id
const best = await rows(`WITH nm AS (SELECT id, arg_max(coalesce(name, id), n) AS name
		FROM objs WHERE kind(id) IN ${ACTOR} OR kind(id) = 'campaign' GROUP BY id),
	top AS (SELECT da.unit AS a, db.unit AS b,
		p.shared::DOUBLE / (da.d + db.d - p.shared) AS w FROM pairs p
		JOIN deg da ON da.u = p.a JOIN deg db ON db.u = p.b)
	SELECT coalesce(na.name, a) AS a, coalesce(nb.name, b) AS b, w FROM top
	LEFT JOIN nm na ON na.id = top.a LEFT JOIN nm nb ON nb.id = top.b
	ORDER BY w DESC, 1, 2 LIMIT ${top}`);
const t3 = performance.now();
for (const r of best)
	console.log(`${String(r.a).slice(0, 32).padEnd(32)} ${String(r.b).slice(0, 32).padEnd(32)} ${r.w.toFixed(4)}`);
const s = (ms) => Math.round(ms) / 1000;
console.log(JSON.stringify({
	load_s: s(t1 - t0), pairs_s: s(t2 - t1), total_s: s(t3 - t0), files, skipped,
	units: Number(allUnits), values: Number(sizes.vals), memberships: Number(sizes.memberships),
	pairs: Number(npairs), threads, duckdb: (await rows('SELECT version() AS v'))[0].v,
}));

"""Seed the scoreboard bench's PostgreSQL database server-side (INSERT … SELECT generate_series).

The office of bench_scoreboard_sqlite, spread over several years: 200 units with 2 officers
each, 20 outlets (1 national, 3 province, 8 city, 8 county), drafts (adoptions / 2.5) submitted
over `years` years ending with 2025, each adopted by 3 (odd ids) or 2 (even ids) different
outlets within 14 days (same year), so adoptions are exactly as asked; 0.5% joint pieces
(half the points to the next unit), 批示 on ~2% of drafts, 100 约稿 a year to 5 units each,
3 of which answer. Points are the default rules' (level x type x form factor). Every random
draw is PostgreSQL's random() after setseed, so a rebuild gives the same rows.

Rows go in with foreign-key triggers off (`session_replication_role = replica`: the rows
are consistent by construction) and without the secondary indexes, which are rebuilt once
afterwards; the tallies are then built by the service's own rebuild.
"""

from __future__ import annotations

import time

import psycopg

from service.services.scoring_rules import default_rules

UNITS, OUTLETS = 200, 20
LEVELS = ["national", "province", "province", "province"] + ["city"] * 8 + ["county"] * 8
TYPES = ["dynamic"] * 6 + ["problem", "special", "solicited", "research"]
LAST_YEAR = 2025
TABLES = ("drafts", "adoptions", "instructions")

_DRAFTS = """
INSERT INTO drafts (id, unit_id, author_id, title, body, status, predicted_category,
    probabilities, report, tokens, flag_counts, flags_total, submitted_at, created_at,
    updated_at)
SELECT g, (a - 1) / 2 + 1, a, '标题' || g, '正文', 'passed', cat, '{}', '{}', '{}', '{}', 0,
    make_timestamptz(y, 1, 1, 2, 0, 0, 'UTC') + day * interval '1 day', now(), now()
FROM (SELECT g, 1 + floor(random() * %(officers)s::int)::int AS a,
             %(first)s::int + floor(random() * %(years)s::int)::int AS y,
             floor(random() * 350)::int AS day,
             (ARRAY['dynamic', 'problem', 'special'])[1 + floor(random() * 3)::int] AS cat
      FROM generate_series(1, %(drafts)s) g OFFSET 0) s
"""

# per draft: a first outlet and a step coprime to 20, so its 2 or 3 outlets differ
_ADOPTIONS = """
INSERT INTO adoptions (id, draft_id, outlet_id, unit_id, adopted_on, form, info_type, points,
    shares, rule_id, created_at, note)
SELECT row_number() OVER (), x.draft_id, x.outlet_id, x.unit_id, x.adopted_on, x.form, x.kind,
    p.points * CASE x.form WHEN 'full' THEN %(full)s ELSE %(summary)s END,
    CASE WHEN x.joint THEN jsonb_build_object(
        x.unit_id::text, p.points * CASE x.form WHEN 'full' THEN %(full)s ELSE %(summary)s END / 2,
        (x.unit_id %% %(units)s + 1)::text,
        p.points * CASE x.form WHEN 'full' THEN %(full)s ELSE %(summary)s END / 2)
    ELSE '{}'::jsonb END,
    1, now(), ''
FROM (SELECT a.draft_id, a.unit_id, (a.o1 - 1 + i * a.step) %% %(outlets)s + 1 AS outlet_id,
             least(a.day + 1 + floor(random() * 14)::int,
                   make_date(extract(year FROM a.day)::int, 12, 31)) AS adopted_on,
             CASE WHEN random() < 0.8 THEN 'full' ELSE 'summary' END AS form,
             (%(types)s::text[])[1 + floor(random() * %(ntypes)s)::int] AS kind,
             random() < 0.005 AS joint, i
      FROM (SELECT id AS draft_id, unit_id, (submitted_at AT TIME ZONE 'UTC')::date AS day,
                   floor(random() * %(outlets)s)::int + 1 AS o1,
                   (ARRAY[1, 3, 7, 9, 11, 13, 17, 19])[1 + floor(random() * 8)::int] AS step
            FROM drafts ORDER BY id OFFSET 0) a
      CROSS JOIN LATERAL generate_series(0, 1 + a.draft_id %% 2) i
      OFFSET 0) x
JOIN bench_points p ON p.outlet_id = x.outlet_id AND p.kind = x.kind
"""

_INSTRUCTIONS = """
INSERT INTO instructions (id, draft_id, unit_id, leader_level, instructed_on, text, points,
    rule_id, created_at, note)
SELECT row_number() OVER (), id, unit_id, 'city',
    (submitted_at AT TIME ZONE 'UTC')::date + 20, '批示', 10, 1, now(), ''
FROM drafts WHERE random() < 0.02
"""

# 100 约稿 a year, due every 3 days from 5 January, 5 units asked; about 3 in 5 answer with
# their first draft submitted in the 10 days before the due date (the rest miss it)
_SOLICITATIONS = """
INSERT INTO solicitations (id, topic, due_on, note, created_at, updated_at)
SELECT (y - %(first)s::int) * 100 + i, '约稿' || y || '-' || i, make_date(y, 1, 5) + 3 * i, '',
    now(), now()
FROM generate_series(%(first)s::int, %(last)s::int) y, generate_series(1, 100) i;
INSERT INTO solicitation_units (solicitation_id, unit_id)
SELECT s.id, (s.id * 7 + k * 37) %% %(units)s + 1 FROM solicitations s, generate_series(0, 4) k;
UPDATE drafts d SET solicitation_id = a.sid
FROM (SELECT su.solicitation_id AS sid,
             (SELECT min(d2.id) FROM drafts d2
              WHERE d2.unit_id = su.unit_id
                AND d2.submitted_at >= (s.due_on - 10)::timestamp AT TIME ZONE 'UTC'
                AND d2.submitted_at < s.due_on::timestamp AT TIME ZONE 'UTC') AS draft_id
      FROM solicitation_units su JOIN solicitations s ON s.id = su.solicitation_id
      WHERE (su.unit_id + s.id) %% 5 < 3) a
WHERE d.id = a.draft_id
"""


def _secondary_indexes(conn: psycopg.Connection) -> list[tuple[str, str]]:
    """(name, definition) of the indexes of the big tables that back no constraint."""
    return conn.execute(
        "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
        " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
        " WHERE t.relname = ANY(%s)"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
        (list(TABLES),),
    ).fetchall()


def seed(dsn: str, adoptions: int, years: int) -> dict[str, float]:
    """Insert the office's rows (rule id 1 must exist); returns the seconds per step."""
    if adoptions % 5:
        raise ValueError("adoptions must be a multiple of 5 (2.5 per draft)")
    rules = default_rules()
    first = LAST_YEAR - years + 1
    times: dict[str, float] = {}
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET TIME ZONE 'UTC'")
        conn.execute("SET work_mem = '256MB'")
        conn.execute("SELECT setseed(0.15)")
        indexes = _secondary_indexes(conn)
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        t = time.perf_counter()
        conn.execute(
            "INSERT INTO units (id, name, kind, active, created_at, updated_at)"
            " SELECT u, '单位' || lpad(u::text, 3, '0'), 'county', true, now(), now()"
            " FROM generate_series(1, %s) u",
            (UNITS,),
        )
        conn.execute(
            "INSERT INTO users (id, username, username_key, full_name, password_hash, role,"
            " unit_id, active, created_at, updated_at)"
            " SELECT i, 'officer' || i, 'officer' || i, '信息员' || i, 'x', 'officer',"
            " (i - 1) / 2 + 1, true, now(), now() FROM generate_series(1, %s) i",
            (2 * UNITS,),
        )
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO outlets (id, name, level, active, created_at, updated_at)"
                " VALUES (%s, %s, %s, true, now(), now())",
                [(i, f"刊物{i}", level) for i, level in enumerate(LEVELS, 1)],
            )
        conn.execute("CREATE TEMP TABLE bench_points (outlet_id int, kind text, points numeric)")
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO bench_points VALUES (%s, %s, %s)",
                [(i, kind, rules.points[level][kind])
                 for i, level in enumerate(LEVELS, 1) for kind in set(TYPES)],
            )  # fmt: skip
        params = {
            "officers": 2 * UNITS, "units": UNITS, "outlets": OUTLETS, "years": years,
            "first": first, "last": LAST_YEAR, "drafts": adoptions * 2 // 5, "types": TYPES,
            "ntypes": len(TYPES), "full": rules.forms["full"].factor,
            "summary": rules.forms["summary"].factor,
        }  # fmt: skip
        conn.execute(_DRAFTS, params)
        times["drafts_s"] = time.perf_counter() - t
        t = time.perf_counter()
        conn.execute(_ADOPTIONS, params)
        times["adoptions_s"] = time.perf_counter() - t
        t = time.perf_counter()
        conn.execute(_INSTRUCTIONS)
        times["instructions_s"] = time.perf_counter() - t
        t = time.perf_counter()
        for _, definition in indexes:
            conn.execute(definition)
        times["indexes_s"] = time.perf_counter() - t
        t = time.perf_counter()
        for statement in _SOLICITATIONS.split(";"):
            conn.execute(statement, params)
        for table in ("units", "users", "outlets", *TABLES, "solicitations"):
            conn.execute(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")
        times["solicitations_s"] = time.perf_counter() - t
    return {k: round(v, 1) for k, v in times.items()}

"""MySQL/MariaDB through SQLAlchemy/PyMySQL, against a live server (scripts/with-mariadb.sh).

Discovery, sampling pushed to the server (seeded ``ORDER BY RAND``), counts, views, errors that
hold no secret, and a connection that drops or freezes mid-scan: a skipped part or a clear error,
never a hang.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from hegui.detectors.synthetic import Synth
from hegui.errors import ScanError
from hegui.scanners.tabular import Limits, scan
from hegui.scanners.tabular import sql as sqlmod
from hegui.scanners.tabular.models import SourceReport
from hegui.scanners.tabular.sql import VIEW_NOT_SCANNED
from tests.conftest import require

from .conftest import AS_OF, run_cli
from .mysql_proxy import Proxy, scan_frozen_after_first_table

pytestmark = [pytest.mark.slow, pytest.mark.mysql]

URL = os.environ.get("HEGUI_TEST_MYSQL_URL")
#: A table named after a mobile number (synthetic): names come from the data and are masked.
PI_NAME = "13912345678"


@pytest.fixture(autouse=True)
def _needs_mysql() -> None:
    require(URL, "HEGUI_TEST_MYSQL_URL not set: run through scripts/with-mariadb.sh (make test)")


@pytest.fixture
def engine() -> Iterator[Any]:
    assert URL
    from sqlalchemy import create_engine

    eng = create_engine(URL, pool_pre_ping=True)  # survives the KILL test
    yield eng
    eng.dispose()


def _drop(engine: Any, *names: str, view: bool = False) -> None:
    from sqlalchemy import text

    kind = "VIEW" if view else "TABLE"
    with engine.begin() as conn:
        for name in names:
            conn.execute(text(f"DROP {kind} IF EXISTS `{name}`"))


@pytest.fixture
def my_table(engine: Any, planted: dict[str, list[str]]) -> Iterator[str]:
    name = f"hegui_scan_{uuid.uuid4().hex[:8]}"
    pd.DataFrame(planted).to_sql(name, engine, index=False)
    yield name
    _drop(engine, name)


@pytest.fixture
def late_ids_table(engine: Any) -> Iterator[str]:
    """The sampling QA shape: 2,000 numeric rows stored first, then 1,000 resident IDs (synthetic)."""
    s = Synth(5)
    values = [str(i * 7 + 3) for i in range(2000)]
    values += [s.resident_id(s.birth_date(1950, 1999)) for _ in range(1000)]
    name = f"hegui_late_{uuid.uuid4().hex[:8]}"
    pd.DataFrame({"value": values}).to_sql(name, engine, index=False)
    yield name
    _drop(engine, name)


def _sampled(name: str, n: int, seed: int) -> list[str]:
    assert URL
    eng = sqlmod.connect(URL)
    try:
        [t] = list(sqlmod.discover(eng, URL, Limits(), only=[name]))
        assert isinstance(t, sqlmod.SqlTable)
        return list(t.sample(n, seed)["value"].to_pylist())
    finally:
        eng.dispose()


def test_mysql_scan_samples_on_the_server_and_counts_everything(my_table: str) -> None:
    assert URL
    report = scan(URL, tables=[my_table], sample=8, as_of=AS_OF)
    [t] = report.tables
    assert report.kind == "mysql" and report.unread == []
    assert t.skipped is None and t.rows == 40 and t.rows_examined == 8
    cols = {c.name: c.entity for c in t.columns}
    assert cols["身份证号"] == "CN_RESIDENT_ID" and cols["手机号码"] == "CN_MOBILE"
    assert cols["姓名"] == "CN_PERSON_NAME" and cols["订单号"] is None
    assert t.individuals is not None and t.individuals.value == 40
    assert t.individuals.method == "exact"
    assert t.minors is not None and (t.minors.under_14, t.minors.under_18) == (3, 5)
    assert any("random sample of 8 of 40 rows" in n and "RAND(0)" in n for n in t.notes)


def test_mysql_full_scan_reads_every_row(my_table: str) -> None:
    assert URL
    [t] = scan(URL, tables=[my_table], full=True, as_of=AS_OF).tables
    assert t.rows == 40 and t.rows_examined == 40
    assert not any("sample" in n for n in t.notes)
    ids = next(c for c in t.columns if c.name == "身份证号")
    assert ids.entities[0].share == 1.0


@pytest.mark.parametrize("n", [200, 1000], ids=["rand-filter", "rand-order"])
def test_mysql_samples_spread_over_the_table_repeatably(late_ids_table: str, n: int) -> None:
    """Above 4n rows (200 of 3,000) and up to 4n (1,000): never just the rows stored first.

    ``LIMIT n`` alone would keep the 2,000 numbers stored first and find no ID.
    """
    first = _sampled(late_ids_table, n, seed=7)
    assert len(first) == n and len(set(first)) == n
    ids = sum(len(v) == 18 for v in first)  # about a third of the rows are IDs
    assert 0.2 * n < ids < 0.47 * n
    assert _sampled(late_ids_table, n, seed=7) == first
    assert _sampled(late_ids_table, n, seed=8) != first


def test_mysql_filtered_samples_are_full_for_small_n(late_ids_table: str) -> None:
    """The RAND filter keeps about 3n rows plus a margin: one-row samples are not left short."""
    assert URL
    from sqlalchemy import column, table

    from hegui.scanners.tabular import sampling

    eng = sqlmod.connect(URL)
    try:
        tbl = table(late_ids_table, column("value"))
        drawn = [
            sampling.draw(eng, tbl, ["value"], n, 3000, seed)
            for n in (1, 2, 5)
            for seed in range(40)
        ]
    finally:
        eng.dispose()
    assert {d.method for d in drawn} == {"rand_filter"}  # the margin sufficed: no re-draw
    assert [len(d.rows) for d in drawn] == [n for n in (1, 2, 5) for _ in range(40)]
    assert len({d.rows[0] for d in drawn}) > 60  # distinct seeds, mostly distinct rows


def test_mysql_scan_finds_pi_stored_late_and_says_how_it_sampled(late_ids_table: str) -> None:
    assert URL
    [t] = scan(URL, tables=[late_ids_table], as_of=AS_OF).tables
    assert t.rows == 3000 and t.rows_examined == 1000
    assert t.columns[0].entity == "CN_RESIDENT_ID"
    assert 0.25 < t.columns[0].entities[0].share < 0.42
    assert t.minors is not None and t.minors.valid_ids == 1000  # counted on every row
    assert any("random sample of 1000 of 3000 rows" in n and "RAND(0)" in n for n in t.notes)
    assert not any("first" in n for n in t.notes)


def test_mysql_views_are_listed_and_scanned_on_request(engine: Any, my_table: str) -> None:
    assert URL
    from sqlalchemy import text

    view = f"{my_table}_v"
    with engine.begin() as conn:
        conn.execute(text(f"CREATE VIEW `{view}` AS SELECT `姓名`, `手机号码` FROM `{my_table}`"))
    try:
        report = scan(URL, as_of=AS_OF)
        by_name = {t.name: t for t in report.tables}
        assert by_name[view].skipped == VIEW_NOT_SCANNED
        assert by_name[my_table].skipped is None and by_name[my_table].rows == 40
        assert view not in report.unread
        [t] = scan(URL, tables=[view], sample=10, as_of=AS_OF).tables
        assert t.skipped is None and t.rows == 40 and t.rows_examined == 10
        assert {c.name: c.entity for c in t.columns} == {
            "姓名": "CN_PERSON_NAME",
            "手机号码": "CN_MOBILE",
        }
    finally:
        _drop(engine, view, view=True)


def test_mysql_a_view_on_a_dropped_table_says_so(engine: Any) -> None:
    from sqlalchemy import text

    gone, view = f"hegui_gone_{uuid.uuid4().hex[:6]}", f"hegui_stale_{uuid.uuid4().hex[:6]}"
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE `{gone}` (mobile text)"))
        conn.execute(text(f"CREATE VIEW `{view}` AS SELECT mobile FROM `{gone}`"))
        conn.execute(text(f"DROP TABLE `{gone}`"))
    try:
        assert URL
        report = scan(URL, tables=[view], as_of=AS_OF)
        [t] = report.tables
        assert t.skipped == (
            "could not read table: the view refers to a table or column that is gone "
            "(UnreflectableTableError 1356)"
        )
        assert report.unread == [view]
    finally:
        _drop(engine, view, view=True)


def test_mysql_unknown_table_lists_the_tables_masked(engine: Any, my_table: str) -> None:
    assert URL
    from sqlalchemy import text

    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE `{PI_NAME}` (note text)"))
    try:
        with pytest.raises(ScanError) as exc:
            scan(URL, tables=["nope"], as_of=AS_OF)
        message = str(exc.value)
        assert "no table 'nope'" in message and my_table in message
        assert "13*******78" in message and PI_NAME not in message
    finally:
        _drop(engine, PI_NAME)


def _with_credentials(user: str, password: str | None) -> str:
    assert URL
    scheme, rest = URL.split("://", 1)
    who = user if password is None else f"{user}:{password}"
    return f"{scheme}://{who}@{rest.split('@', 1)[1]}"


def test_mysql_wrong_password_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(ScanError) as exc:
        scan(_with_credentials("nobody", "wr0ng-S3cret"))
    message = str(exc.value)
    assert "wr0ng-S3cret" not in message and "access denied" in message


def test_mysql_a_table_without_select_permission_is_skipped_with_the_reason(
    engine: Any, my_table: str
) -> None:
    """A user who may write a table but not read it: the table is unread, the rest scanned."""
    from sqlalchemy import text

    user, closed = f"hegui_ro_{uuid.uuid4().hex[:6]}", f"{my_table}_closed"
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE `{closed}` (id varchar(20))"))
        conn.execute(text(f"CREATE USER '{user}'@'127.0.0.1'"))
        conn.execute(text(f"GRANT SELECT ON `hegui`.`{my_table}` TO '{user}'@'127.0.0.1'"))
        conn.execute(text(f"GRANT INSERT ON `hegui`.`{closed}` TO '{user}'@'127.0.0.1'"))
    try:
        report = scan(_with_credentials(user, None), as_of=AS_OF)
        by_name = {t.name: t for t in report.tables}
        assert set(by_name) == {my_table, closed}  # SHOW TABLES lists what the user may touch
        assert by_name[my_table].skipped is None and by_name[my_table].rows == 40
        assert by_name[closed].skipped == (
            "could not read table: permission denied (OperationalError 1142)"
        )
        assert report.unread == [closed] and report.grade is not None
        assert not report.grade.complete
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP USER IF EXISTS '{user}'@'127.0.0.1'"))
        _drop(engine, closed)


def test_mysql_password_in_the_query_string_is_never_shown() -> None:
    with pytest.raises(ScanError) as exc:
        scan(_with_credentials("nobody", None) + "&password=Wr0ngSecret")
    message = str(exc.value)
    assert "Wr0ngSecret" not in message and "password=***" in message


def test_mysql_and_mariadb_urls_without_a_driver_use_pymysql(my_table: str) -> None:
    """``mysql://`` would load mysqlclient (MySQLdb), which hegui does not install."""
    assert URL
    for scheme in ("mysql", "mariadb"):
        report = scan(f"{scheme}://{URL.split('://', 1)[1]}", tables=[my_table], as_of=AS_OF)
        assert report.tables[0].rows == 40 and report.kind in ("mysql", "mariadb")
        assert report.source.startswith(f"{scheme}+pymysql://")


def test_mysql_url_without_a_database_says_so() -> None:
    assert URL
    with pytest.raises(ScanError) as exc:
        scan(URL.replace("/hegui?", "/?"))
    assert "names no database" in str(exc.value)


def test_mysql_odd_identifiers_and_column_types(engine: Any) -> None:
    """Backticks, ``%`` and ``:name`` in names, and non-text columns (binary, decimal, JSON ...)."""
    ids = ["110101198001011005", "110101198102041019", "110101198203111020"]  # synthetic
    name = f"客户 %s:x `q {uuid.uuid4().hex[:6]}"
    quoted = name.replace("`", "``")
    raw = engine.raw_connection()  # the driver directly: no bind-parameter parsing of the names
    try:
        cur = raw.cursor()
        cur.execute(
            f'CREATE TABLE `{quoted}` (`身份证"号 :id` text, `select` text, `%(x)s` text, '
            "`b` varbinary(40), `d` decimal(10,2), `t` datetime, `f` bit(1), `j` json, "
            "`e` enum('a','b'))"
        )
        rows = [
            (
                ids[i % 3],
                "x",
                None,
                ids[i % 3].encode(),
                "1.50",
                "2026-01-02 03:04:05",
                1,
                "{}",
                "a",
            )
            for i in range(100)
        ]
        cur.executemany(
            f"INSERT INTO `{quoted.replace('%', '%%')}` VALUES "
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
        raw.commit()
        assert URL
        [t] = scan(URL, tables=[name], sample=10, as_of=AS_OF).tables
        assert t.skipped is None and t.rows == 100 and t.rows_examined == 10
        names = [c.name for c in t.columns]
        assert names == ['身份证"号 :id', "select", "%(x)s", "b", "d", "t", "f", "j", "e"]
        entities = {c.name: c.entity for c in t.columns}
        assert entities['身份证"号 :id'] == "CN_RESIDENT_ID" and entities["b"] == "CN_RESIDENT_ID"
        assert t.individuals is not None and t.individuals.value == 3
        [full] = scan(URL, tables=[name], full=True, as_of=AS_OF).tables
        assert full.skipped is None and full.rows_examined == 100
    finally:
        raw.close()
        _drop(engine, quoted)


@pytest.mark.parametrize("charset", ["gbk", "latin1"])
def test_mysql_tables_in_legacy_character_sets(engine: Any, charset: str) -> None:
    """GBK tables (Chinese text, converted by the server) and latin1 ones (ASCII identifiers)."""
    from sqlalchemy import text

    s = Synth(11)
    name = f"hegui_{charset}_{uuid.uuid4().hex[:6]}"
    header = "姓名" if charset == "gbk" else "name"
    with engine.begin() as conn:
        conn.execute(
            text(
                f"CREATE TABLE `{name}` (`{header}` varchar(40), mobile varchar(20), "
                f"email varchar(80)) CHARACTER SET {charset}"
            )
        )
        for _ in range(30):
            person = s.name() if charset == "gbk" else "x"
            conn.execute(
                text(f"INSERT INTO `{name}` VALUES (:n, :m, :e)"),
                {"n": person, "m": s.mobile(), "e": s.email()},
            )
    try:
        assert URL
        [t] = scan(URL, tables=[name], as_of=AS_OF).tables
        entities = {c.name: c.entity for c in t.columns}
        assert entities["mobile"] == "CN_MOBILE" and entities["email"] == "EMAIL_ADDRESS"
        if charset == "gbk":
            assert entities["姓名"] == "CN_PERSON_NAME"
        assert t.individuals is not None and t.individuals.value == 30
    finally:
        _drop(engine, name)


def _through(proxy: Proxy) -> str:
    assert URL
    scheme, rest = URL.split("://", 1)
    user, hostpart = rest.split("@", 1)
    tail = hostpart.split("/", 1)[1]
    return f"{scheme}://{user}@127.0.0.1:{proxy.port}/{tail}"


def _two_tables(engine: Any, planted: dict[str, list[str]]) -> tuple[str, str]:
    # Sorted names: the scanner visits a, then b.
    stem = f"hegui_drop_{uuid.uuid4().hex[:6]}"
    a, b = f"{stem}_a", f"{stem}_b"
    for name in (a, b):
        pd.DataFrame(planted).to_sql(name, engine, index=False)
    return a, b


def test_mysql_connection_lost_mid_query_skips_the_table(
    engine: Any, planted: dict[str, list[str]]
) -> None:
    """The server goes away while rows of the second table stream: it is reported, not fatal."""
    assert URL
    a, b = _two_tables(engine, planted)
    try:
        with Proxy(URL) as proxy:
            # Armed when the second table starts: cut every connection after a few hundred bytes
            # of its sample (mid-result) and refuse new ones (a server that is gone).
            def progress(name: str, index: int, total: int) -> None:
                if index == 1:
                    proxy.drop_after(300)

            started = time.monotonic()
            report = scan(_through(proxy), tables=[a, b], as_of=AS_OF, progress=progress)
        assert time.monotonic() - started < 60
        first, second = report.tables
        assert first.skipped is None and first.individuals is not None
        assert second.skipped is not None and second.skipped.startswith("failed: ")
        assert report.unread == [b]
        assert report.grade is not None and not report.grade.complete
    finally:
        _drop(engine, a, b)


def test_mysql_a_killed_idle_connection_is_replaced(
    engine: Any, planted: dict[str, list[str]]
) -> None:
    """KILL (or wait_timeout) of the scanner's pooled connection between tables: it reconnects."""
    assert URL
    from sqlalchemy import text

    a, b = _two_tables(engine, planted)
    killed: list[int] = []

    def progress(name: str, index: int, total: int) -> None:
        with engine.connect() as conn:
            own = conn.execute(text("SELECT CONNECTION_ID()")).scalar_one()
            ids = conn.execute(
                text(
                    "SELECT id FROM information_schema.processlist "
                    "WHERE user = SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AND id <> :own"
                ),
                {"own": own},
            ).scalars()
            for cid in ids:
                conn.execute(text(f"KILL CONNECTION {int(cid)}"))
                killed.append(int(cid))

    try:
        report = scan(URL, tables=[a, b], as_of=AS_OF, progress=progress)
        assert killed
        assert [t.skipped for t in report.tables] == [None, None] and report.unread == []
    finally:
        _drop(engine, a, b)


def test_mysql_a_server_that_stops_answering_ends_at_the_timeout(
    engine: Any, planted: dict[str, list[str]]
) -> None:
    """No reply at all (a frozen server, a dead network path) must not hang the scan."""
    assert URL
    a, b = _two_tables(engine, planted)
    try:
        report = scan_frozen_after_first_table(URL, [a, b], as_of=AS_OF, limits=Limits(timeout_s=3))
        assert isinstance(report, SourceReport), report
        assert report.tables[0].skipped is None
        assert report.tables[1].skipped is not None and report.unread == [b]
    finally:
        _drop(engine, a, b)


def test_mysql_a_stream_stopped_early_is_not_read_to_its_end(engine: Any) -> None:
    """A full count stopped mid-table (the scan's deadline) must not drain the rest of the table.

    A streamed (unbuffered) MySQL result is otherwise read to its end before its connection is
    released: on a large table, as long as the full read that was stopped.
    """
    assert URL
    from sqlalchemy import text

    name = f"hegui_stream_{uuid.uuid4().hex[:6]}"
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE `{name}` (v varchar(40), w varchar(200))"))
        conn.execute(
            text(
                f"INSERT INTO `{name}` SELECT CONCAT('x', seq), REPEAT('a', 150) FROM seq_1_to_50000"
            )
        )
    try:
        with Proxy(URL) as proxy:
            eng = sqlmod.connect(_through(proxy), 60)
            [t] = list(sqlmod.discover(eng, URL, Limits(), only=[name]))
            assert isinstance(t, sqlmod.SqlTable)
            chunks = t.column_chunks(["v", "w"], chunk_rows=1000)
            before = proxy.from_server
            assert len(next(chunks)["v"]) == 1000
            chunks.close()  # what a deadline or an error in the consumer does to the generator
            relayed = proxy.from_server - before
            eng.dispose()
        # The whole table is about 8 MB on the wire; a few chunks' worth may be in flight.
        assert relayed < 2_000_000, relayed
    finally:
        _drop(engine, name)


def test_mysql_huge_cells_are_cut_by_the_server(engine: Any) -> None:
    """Documents and photos in LONGTEXT/LONGBLOB columns: a sample must not bring them whole.

    The server sends at most a few cell limits of each cell; binary cells holding UTF-8 text
    cut mid-character are still read as text.
    """
    assert URL
    from sqlalchemy import text

    name = f"hegui_huge_{uuid.uuid4().hex[:6]}"
    ids = ["110101198001011005", "110101198102041019", "110101198203111020"]  # synthetic
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE `{name}` (id varchar(20), doc longtext, memo longblob)"))
        for i in range(30):
            conn.execute(
                text(
                    f"INSERT INTO `{name}` VALUES (:id, REPEAT('文', 1000000), REPEAT(:m, 30000))"
                ),
                {"id": ids[i % 3], "m": "备注"},
            )
    try:
        with Proxy(URL) as proxy:
            through = _through(proxy)
            [t] = scan(through, tables=[name], sample=20, as_of=AS_OF).tables
            relayed = proxy.from_server
            eng = sqlmod.connect(through, 60)
            [table] = list(sqlmod.discover(eng, URL, Limits(max_cell_chars=100), only=[name]))
            assert isinstance(table, sqlmod.SqlTable)
            memo = table.sample(5, 0)["memo"].to_pylist()
            eng.dispose()
        assert t.skipped is None and t.rows == 30 and t.rows_examined == 20
        assert t.columns[0].entity == "CN_RESIDENT_ID" and t.individuals is not None
        assert any("cells longer than 10000 characters were cut" in n for n in t.notes)
        # 20 sampled rows hold 60 MB of documents and 3.6 MB of memos; a few cell limits pass.
        assert relayed < 8_000_000, relayed
        assert memo == ["备注" * 50] * 5  # cut to 100 characters, text, not "<binary>"
    finally:
        _drop(engine, name)


def test_mysql_no_planted_value_in_any_output(
    engine: Any,
    planted: dict[str, list[str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every format, sampled and --full, with a table named after a planted resident ID."""
    assert URL
    named = planted["身份证号"][1]
    pd.DataFrame(planted).to_sql(named, engine, index=False)
    try:
        outputs: list[str] = []
        for fmt in ("text", "json", "html"):
            out_file, facts = tmp_path / f"report.{fmt}", tmp_path / f"facts_{fmt}.yaml"
            for extra in (["--full"], ["--sample", "7"]):
                code, printed = run_cli(
                    [
                        "scan",
                        URL,
                        "--table",
                        named,
                        "--format",
                        fmt,
                        "--as-of",
                        AS_OF.isoformat(),
                        *extra,
                        "--output",
                        str(out_file),
                        "--profile-out",
                        str(facts),
                    ],
                    capsys,
                )
                assert code == 0, printed
                outputs += [printed, out_file.read_text("utf-8"), facts.read_text("utf-8")]
        # The errors too: an unknown table lists the real one, and a refused login.
        code, printed = run_cli(["scan", URL, "--table", "nope"], capsys)
        assert code == 2 and "no table 'nope'" in printed
        outputs.append(printed)
        code, printed = run_cli(["scan", _with_credentials("x", planted["手机号码"][0])], capsys)
        assert code == 2 and "access denied" in printed
        outputs.append(printed)
        blob = "\n".join(outputs)
        assert "CN_RESIDENT_ID" in blob and "identity_document" in blob  # the scan did find things
        assert "individuals: 40" in blob
        values = [v for col, vs in planted.items() if col != "金额" for v in vs if len(v) >= 3]
        leaked = [v for v in values if v in blob]
        assert not leaked, f"{len(leaked)} raw values leaked"
    finally:
        _drop(engine, named)

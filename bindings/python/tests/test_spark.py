"""The Spark function in a local Spark session: the same events as the CLI."""

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

import attest
from conftest import need


@pytest.fixture(scope="module")
def spark():
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        need("pyspark (pip install pyspark)", False)
    need("Java (apt-get install openjdk-17-jre-headless)", shutil.which("java") is not None)
    # The executors' Python is this one, which has attest installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("attest-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def cli_rows(cli, path, table):
    out = subprocess.run([cli, "extract", str(path)], check=True, capture_output=True, text=True)
    rows = []
    for line in out.stdout.splitlines():
        rows.extend(attest.Analysis(line).table(table))
    return rows


def canonical(rows):
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


@pytest.mark.parametrize("table", ["events", "attributions"])
def test_spark_gives_the_cli_rows_on_polnear_dev(spark, cli, shared, table):
    from attest.spark import extract

    path = shared / "corpora" / "polnear" / "dev" / "text"
    documents = attest.read_documents(path)
    assert len(documents) == 84
    frame = spark.createDataFrame(
        [(d["id"], d["text"], d.get("date"), d.get("source"), d.get("url")) for d in documents],
        "id string, body string, published string, outlet string, link string",
    ).repartition(4)
    started = time.perf_counter()
    rows = extract(frame, table=table, text="body", date="published", source="outlet", url="link", id="id")
    got = [row.asDict() for row in rows.collect()]
    seconds = time.perf_counter() - started
    print(f"spark local[2]: {len(documents)} articles, {table}: {len(got)} rows in {seconds:.2f} s")
    expected = cli_rows(cli, path, table)
    assert expected, "the CLI found rows"
    assert canonical(got) == canonical(expected)


def test_an_unknown_table_fails_on_the_driver(spark):
    from attest.spark import extract

    frame = spark.createDataFrame([("Iran condemned Israel.",)], "text string")
    with pytest.raises(attest.AttestError):
        extract(frame, table="no-such-table")

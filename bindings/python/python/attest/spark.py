"""attest on Apache Spark: the pipeline inside the executors.

    from attest.spark import extract
    events = extract(articles_df, table="events", text="body", date="published")
    events.groupBy("EventRootCode").count().show()

``extract`` maps a DataFrame of articles to a DataFrame of rows of one table
(``events``, ``attributions``, ``entities`` or ``articles``, the columns of
``attest export``, see :func:`attest.columns`) with ``DataFrame.mapInArrow``.
Each executor process loads the pipeline once, on the first batch it sees,
and keeps it for every later batch and task.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, Optional, Tuple

import attest

__all__ = ["extract", "mapper", "spark_schema", "arrow_schema"]

# Pipelines of this process, by their options: loaded once per executor.
_PIPELINES: Dict[Tuple, "attest.Pipeline"] = {}

_ARROW_TYPES = {"text": "string", "integer": "int64", "float": "float64"}
_SPARK_TYPES = {"text": "StringType", "integer": "LongType", "float": "DoubleType"}


def arrow_schema(table: str = "events"):
    """The pyarrow schema of a table's rows."""
    import pyarrow as pa

    return pa.schema(
        [pa.field(name, getattr(pa, _ARROW_TYPES[kind])(), nullable=True) for name, kind, _ in attest.columns(table)]
    )


def spark_schema(table: str = "events"):
    """The Spark ``StructType`` of a table's rows."""
    from pyspark.sql import types as T

    return T.StructType(
        [T.StructField(name, getattr(T, _SPARK_TYPES[kind])(), True) for name, kind, _ in attest.columns(table)]
    )


def _pipeline(options: Tuple) -> "attest.Pipeline":
    pipeline = _PIPELINES.get(options)
    if pipeline is None:
        pipeline = attest.Pipeline(**dict(options))
        _PIPELINES[options] = pipeline
    return pipeline


def mapper(
    table: str = "events",
    text: str = "text",
    date: Optional[str] = None,
    source: Optional[str] = None,
    url: Optional[str] = None,
    id: Optional[str] = None,
    threads: int = 1,
    **pipeline_options: Any,
) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The function ``DataFrame.mapInArrow`` runs: Arrow batches of articles
    in, Arrow batches of ``table`` rows out. Column arguments name the input
    columns (``text`` required, the rest optional); ``pipeline_options`` are
    :class:`attest.Pipeline`'s arguments (dictionary paths must exist on the
    executors). An article without text is skipped with a warning."""
    attest.columns(table)  # an unknown table fails here, on the driver
    options = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in pipeline_options.items()))
    fields = {"text": text, "date": date, "source": source, "url": url, "id": id}

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        schema = arrow_schema(table)
        pipeline = _pipeline(options)
        for batch in batches:
            columns = {key: batch.column(name).to_pylist() for key, name in fields.items() if name}
            documents = [
                {key: values[i] for key, values in columns.items() if values[i] is not None}
                for i in range(batch.num_rows)
            ]
            rows = []
            for analysis in pipeline.extract_many(documents, threads=threads, on_error="skip"):
                if analysis is not None:
                    rows.extend(analysis.table(table))
            yield pa.RecordBatch.from_pylist(rows, schema=schema)

    return run


def extract(df, table: str = "events", **options: Any):
    """Rows of ``table`` for every article of ``df`` (see :func:`mapper` for
    the options): a new DataFrame, computed lazily like any other."""
    return df.mapInArrow(mapper(table, **options), spark_schema(table))

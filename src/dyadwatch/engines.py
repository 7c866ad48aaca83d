"""Backend selection: the same Ibis expressions on DuckDB (default) or PySpark.

DuckDB reads the store's own connection.  Spark is an optional extra (``pip install
dyadwatch[spark]``): a session is started on ``local[*]`` or the ``--spark-master`` URL and
reads the *same* Parquet files (on a cluster they must sit on storage every executor sees).
Arrow transfer is on and partition values stay strings, so both engines see identical types.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from dyadwatch.errors import DyadwatchError, NotLoaded
from dyadwatch.events.store import EventStore
from dyadwatch.store import Store

ENGINES = ("duckdb", "spark")


@cache
def spark_session(master: str = "local[*]"):
    """A shared SparkSession (started once per process; Spark cannot host two in one JVM)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise DyadwatchError(
            "--engine spark needs PySpark, which is not installed",
            "pip install 'dyadwatch[spark]' (PySpark 4.0 and Java 17), or use --engine duckdb",
        ) from None
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master(master).appName("dyadwatch")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        # The driver collects the index for pandas; Spark's 1 GiB default runs out on a few million rows.
        .config("spark.driver.memory", os.environ.get("DYADWATCH_SPARK_DRIVER_MEMORY", "6g"))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


@dataclass
class Engine:
    """An Ibis backend plus the way it reaches the store's event Parquet and other tables."""

    name: str
    store: Store
    backend: ibis.BaseBackend

    def events(self) -> ir.Table:
        """Every stored event (canonical schema)."""
        self._require_events()
        return self._parquet("events", EventStore(self.store).data)

    def rollup(self, grain: str) -> ir.Table:
        """The ``day`` or ``month`` rollup of the stored events, brought up to date first
        (see :mod:`dyadwatch.events.rollup`)."""
        from dyadwatch.events import rollup

        self._require_events()
        es = EventStore(self.store)
        rollup.refresh(es)
        return self._parquet(f"event_rollup_{grain}", es.rollup, f"{grain}.parquet")

    def _require_events(self) -> None:
        if not self.store.has("events"):
            raise NotLoaded(
                f"no machine-coded events in the store {self.store.path}",
                "run `dyadwatch events ingest FILE…` or `dyadwatch events update --since DATE`",
            )

    def _parquet(self, view: str, folder: Path, name: str = "*.parquet") -> ir.Table:
        """The store view ``view`` on DuckDB; on Spark the same hive-partitioned Parquet files
        ``folder/*/*/name``."""
        if self.name == "duckdb":
            return self.store.table(view)
        df = self.backend._session.read.option("basePath", str(folder)).parquet(str(folder / "*" / "*" / name))
        df.createOrReplaceTempView(view)
        return self.backend.table(view)

    def table(self, name: str) -> ir.Table:
        """A store table (loaded on first use); on Spark it is shipped over as Arrow."""
        local = self.store.table(name)
        if self.name == "duckdb":
            return local
        arrow: pa.Table = local.to_pyarrow()
        self.backend._session.createDataFrame(arrow.to_pandas()).createOrReplaceTempView(name)
        return self.backend.table(name)


def connect(store: Store, engine: str = "duckdb", spark_master: str | None = None) -> Engine:
    """The :class:`Engine` named ``engine`` over ``store``."""
    if engine == "duckdb":
        return Engine("duckdb", store, store.ibis)
    if engine == "spark":
        return Engine("spark", store, ibis.pyspark.connect(spark_session(spark_master or "local[*]")))
    raise DyadwatchError(f"unknown engine {engine!r}", f"use one of {', '.join(ENGINES)}")

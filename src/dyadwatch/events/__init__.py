"""Machine-coded event data: canonical schema, ingest into a Parquet store, GDELT downloads, index API."""

"""Indicators: pure Ibis expressions over store tables (no I/O), so they run on any Ibis backend."""

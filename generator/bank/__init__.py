"""Question banks: read YAML with positions, validate against the schema, index by id."""

from generator.bank.catalog import Bank, Catalog, load_catalog

__all__ = ["Bank", "Catalog", "load_catalog"]

"""Question banks: read YAML with positions, validate against the schema, index by id."""

"""X rules: whether the file could be read and holds what the tool needs."""

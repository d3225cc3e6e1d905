"""Forms of the desk, one module per area."""

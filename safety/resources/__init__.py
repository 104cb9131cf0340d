"""Excel sheets (export-only registers) of the safety registers, one module per area."""

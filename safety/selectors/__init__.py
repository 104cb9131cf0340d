"""Pure reads of the safety registers for pages and reports (figures, tables), one module per area."""

"""Figures of the service registers for dashboards and reports, one module per area."""

"""Forms of the safety registers, one module per area (see ``safety.models``)."""

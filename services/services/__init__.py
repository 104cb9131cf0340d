"""Write workflows of the service registers, one module per area (see ``services.models``)."""

"""The REST API, one module per resource; `base` holds what every cycle-scoped route shares."""

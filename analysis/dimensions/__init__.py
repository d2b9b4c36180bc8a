"""The dimensions of a relationship, one module each (economy, alignment, security, society, diplomacy)."""

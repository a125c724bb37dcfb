"""Export a whole project to a versioned JSON document and import it back (see schema.py)."""

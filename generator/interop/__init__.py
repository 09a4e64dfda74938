"""Interchange with other quiz tools: read their formats into banks, write banks out in them."""

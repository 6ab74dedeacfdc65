"""Data folder shipped inside the wheel (read through importlib.resources)."""

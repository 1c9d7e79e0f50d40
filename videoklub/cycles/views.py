"""Views of the cycles app."""

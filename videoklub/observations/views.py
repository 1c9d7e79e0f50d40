"""Views of the observations app."""

"""Views of the sharing app."""

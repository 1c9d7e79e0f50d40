"""A real OpenID Connect provider for the school sign-in tests: django-oauth-toolkit in a Django
process of its own (settings and urls here), started by the `oidc_provider` fixture (server.py)."""

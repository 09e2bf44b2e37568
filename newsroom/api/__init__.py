"""The read API for partner sites and apps: /api/v1/ (newsroom/api/routes.py)."""

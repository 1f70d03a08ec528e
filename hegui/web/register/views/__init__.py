"""Register page views, split by area; every view goes through ``org_view`` role checks."""

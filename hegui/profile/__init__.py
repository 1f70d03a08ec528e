"""The organisation's facts (pydantic models) and their YAML loader."""

from hegui.profile.loader import load_profile, parse_profile
from hegui.profile.models import Profile

__all__ = ["Profile", "load_profile", "parse_profile"]

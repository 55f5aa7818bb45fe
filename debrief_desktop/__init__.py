"""Debrief Desktop: run an in-room, blameless post-incident debrief."""

__version__ = "0.1.0"

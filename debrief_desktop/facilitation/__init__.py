"""Facilitation: timer maths, agenda, question bank, importers, metrics. Plain Python, no Qt."""

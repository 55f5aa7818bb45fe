"""Facilitation: timer arithmetic, agenda, question bank, importers, metrics. Plain Python, no Qt."""

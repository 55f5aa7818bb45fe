"""Forms compiled from ``ui/*.ui`` by ``pyside6-uic`` (``python3 dev.py forms``). Generated, do not edit."""

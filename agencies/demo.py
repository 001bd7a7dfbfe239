"""Demo data: placeholder, filled in by the agencies work."""


def load_demo():
    return []

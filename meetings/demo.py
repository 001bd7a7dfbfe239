"""Demo meetings: filled in by the meetings work."""


def load_demo():
    return []

"""Say which Debian/Ubuntu packages are missing instead of letting WeasyPrint print a traceback."""

import sys

PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libjpeg62-turbo libopenjp2-7 libffi-dev"


def main():
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        sys.stderr.write(
            f"WeasyPrint cannot load its system libraries (Pango): {exc}\n"
            "Install them, then run the command again:\n"
            f"    sudo apt-get install -y {PACKAGES}\n"
        )
        sys.exit(1)


if __name__ == "__main__":
    main()

"""Check the machine before `make run` / `make test` go further, and say what to do instead of a traceback.

    python -m rakor.syscheck

- WeasyPrint needs Pango and HarfBuzz from the system: if they are missing, name the Debian/Ubuntu
  packages to install (WeasyPrint itself would print a long traceback at the first PDF).
- With DATABASE_URL pointing at PostgreSQL: say so if the server cannot be reached, and create the
  database if the server is there but the database is not (a newcomer's first `make run`).

Exits non-zero with a message on stderr when something is missing.
"""

import contextlib
import io
import os
import sys

# The packages WeasyPrint's installation guide names for Debian >= 11 and Ubuntu >= 20.04.
PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


class SystemCheckError(Exception):
    pass


def check_weasyprint():
    # WeasyPrint prints its own banner to stdout before raising; keep ours as the only message.
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            import weasyprint  # noqa: F401
        except OSError as exc:
            raise SystemCheckError(
                f"WeasyPrint cannot load its system libraries (Pango/HarfBuzz): {exc}\n"
                "Rakor needs them to print invitations, minutes and reports as PDF. Install them, "
                "then run the command again:\n"
                f"    sudo apt-get install -y {PACKAGES}"
            ) from exc


def check_database():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        return
    import dj_database_url
    import psycopg2
    from psycopg2 import sql

    config = dj_database_url.parse(url)
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "connect_timeout": 5,
    }
    name = config["NAME"]
    try:
        connection = psycopg2.connect(dbname=name, **params)
    except psycopg2.OperationalError as exc:
        if f'database "{name}" does not exist' not in str(exc):
            raise SystemCheckError(
                f"Cannot reach PostgreSQL for DATABASE_URL:\n    {str(exc).strip()}\n"
                "Start the server (Debian/Ubuntu: `sudo apt-get install -y postgresql` then "
                "`sudo systemctl start postgresql`) or check the address, user and password in DATABASE_URL."
            ) from exc
        _create_database(psycopg2, sql, name, params)
    else:
        connection.close()


def _create_database(psycopg2, sql, name, params):
    try:
        connection = psycopg2.connect(dbname="postgres", **params)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        connection.close()
    except psycopg2.Error as exc:
        raise SystemCheckError(
            f'The PostgreSQL database "{name}" does not exist and could not be created: {exc}'
            f"Create it yourself (`createdb {name}`), then run the command again."
        ) from exc
    print(f'Created the PostgreSQL database "{name}".')


def main():
    try:
        check_weasyprint()
        check_database()
    except SystemCheckError as exc:
        sys.stderr.write(f"\n{exc}\n\n")
        sys.exit(1)


if __name__ == "__main__":
    main()

"""Bulk import of delegates of a meeting from CSV or XLSX: plan (preview), then all or nothing.

Columns: nama, nip, jabatan, jenis_kelamin, telepon, surel, instansi (the name or short name of an
invited agency). Scoped to one ``invitation`` (a coordinator importing their own agency's delegates)
every row registers through that invitation: instansi may be left out or empty, and a row naming
another agency is refused. Reading the file is rakor.tabular's; this module validates rows against the
meeting and registers them through meetings.services.registration.register_delegate, so quotas, capacity and
the waiting list apply exactly as on the public form.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from meetings.models import Registration
from meetings.registration_forms import phone_validator
from meetings.services.errors import DuplicateRegistration
from meetings.services.registration import register_delegate
from rakor import tabular
from rakor.names import validate_visible_name
from rakor.tabular import ImportRejected, long_number_error, plan_rows  # noqa: F401  (the import view catches it here)

COLUMNS = ["nama", "nip", "jabatan", "jenis_kelamin", "telepon", "surel", "instansi"]
REQUIRED_COLUMNS = ["nama", "jabatan", "jenis_kelamin", "telepon", "surel", "instansi"]
MAX_ROWS = 1000
EXAMPLE_ROW = {
    "nama": "Siti Aminah, S.Sos.",
    "nip": "198001012005012001",
    "jabatan": "Kepala Bidang Pemerintahan Desa",
    "jenis_kelamin": "P",
    "telepon": "0812 3456 7890",
    "surel": "siti.aminah@example.go.id",
    "instansi": "DPMD Kutai Kartanegara",
}
GENDERS = {
    "l": Registration.Gender.MALE,
    "laki-laki": Registration.Gender.MALE,
    "laki laki": Registration.Gender.MALE,
    "p": Registration.Gender.FEMALE,
    "perempuan": Registration.Gender.FEMALE,
}
Status = Registration.Status


@dataclass
class PlannedDelegate:
    line: int
    person: dict
    invitation: object
    status: str  # what register_delegate would give now: confirmed, pending or waitlisted

    @property
    def status_label(self):
        return Status(self.status).label


@dataclass
class ImportPlan:
    rows: list
    errors: list = field(default_factory=list)

    @property
    def counts(self):
        counts = Counter(row.status for row in self.rows)
        return {
            "seated": counts[Status.CONFIRMED] + counts[Status.PENDING],
            "waitlisted": counts[Status.WAITLISTED],
        }


def read_rows(upload, invitation=None):
    """The file's rows (raises rakor.tabular.ImportFileError for a file that cannot be read); scoped
    to an ``invitation`` the instansi column is optional."""
    required = [c for c in REQUIRED_COLUMNS if invitation is None or c != "instansi"]
    return tabular.read_rows(upload, required=required, known=COLUMNS, max_rows=MAX_ROWS)


def _agency_lookup(invitations):
    """{lower name or short name: [invitations]} of the meeting's active invitations."""
    lookup = {}
    for invitation in invitations:
        names = {invitation.agency.name.strip().lower(), (invitation.agency.short_name or "").strip().lower()}
        for name in names - {""}:
            lookup.setdefault(name, []).append(invitation)
    return lookup


def plan_import(meeting, rows, invitation=None) -> ImportPlan:
    """Validate ``rows`` against ``meeting`` without writing; say what each row would become.

    Errors read "Baris 3: NIP terdiri atas 18 angka." — one per problem: missing values, a NIP that
    is not 18 digits, an unknown gender, phone or e-mail, an agency that is not invited, an e-mail
    twice in the file or already registered for the meeting. Scoped to an ``invitation``, a row
    naming another agency is an error and the rest go through that invitation. Queries: three,
    whatever the rows.
    """
    invitations = meeting.invitations.active().select_related("agency").with_counts().order_by("agency__name")
    if invitation is not None:
        invitations = invitations.filter(pk=invitation.pk)
    invitations = list(invitations)
    lookup = _agency_lookup(invitations)
    emails = {row.get("surel", "").strip().lower() for row in rows} - {""}
    registered = set(
        Registration.objects.active()
        .filter(meeting=meeting)
        .annotate(lower_email=Lower("email"))
        .filter(lower_email__in=emails)
        .values_list("lower_email", flat=True)
    )
    seats = {invitation.pk: invitation.quota - invitation.seats_taken for invitation in invitations}
    capacity_left = None
    if meeting.capacity is not None:  # every seat of the meeting counts, whichever agency holds it
        taken = Registration.objects.filter(meeting=meeting).holding_seats().count()
        capacity_left = meeting.capacity - taken

    seen = {}

    def validate(row, error):
        line = row["line"]
        for column in ("nama", "jabatan", "jenis_kelamin", "telepon", "surel", "instansi"):
            if not row.get(column, "").strip() and (invitation is None or column != "instansi"):
                error(_("%(column)s wajib diisi.") % {"column": column})
        if row.get("nama", "").strip():
            try:
                validate_visible_name(row["nama"])
            except ValidationError as invalid:
                error(_("nama: %(message)s") % {"message": invalid.messages[0]})
        nip = row.get("nip", "").replace(" ", "")
        if "nip" in row.get("long_numbers", []):
            error(long_number_error("nip"))
        elif nip and not (len(nip) == 18 and nip.isdigit()):
            error(_("NIP terdiri atas 18 angka."))
        gender = GENDERS.get(row.get("jenis_kelamin", "").strip().lower())
        if row.get("jenis_kelamin", "").strip() and gender is None:
            error(_("jenis_kelamin diisi L atau P."))
        phone = row.get("telepon", "").strip()
        if phone:
            try:
                phone_validator(phone)
            except ValidationError:
                error(_("telepon %(phone)s bukan nomor yang sah.") % {"phone": phone})
        email = row.get("surel", "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                error(_("surel %(email)s tidak sah.") % {"email": email})
            else:
                key = email.lower()
                if key in seen:
                    error(
                        _("surel %(email)s sama dengan baris %(other)s.")
                        % {"email": email, "other": seen[key]}
                    )
                elif key in registered:
                    error(_("surel %(email)s sudah terdaftar pada rapat ini.") % {"email": email})
                seen.setdefault(key, line)
        agency_name = row.get("instansi", "").strip()
        matches = lookup.get(agency_name.lower(), []) if agency_name else []
        if invitation is not None and not agency_name:
            matches = invitations
        if invitation is not None and agency_name and not matches:
            error(_("instansi %(agency)s bukan instansi Anda; baris ini ditolak.") % {"agency": agency_name})
        elif agency_name and not matches:
            error(_("instansi %(agency)s tidak termasuk instansi yang diundang.") % {"agency": agency_name})
        elif len(matches) > 1:
            error(
                _("instansi %(agency)s cocok dengan lebih dari satu instansi; tulis nama lengkapnya.")
                % {"agency": agency_name}
            )
        return matches, nip, gender, phone, email

    def plan(row, checked):
        nonlocal capacity_left
        matches, nip, gender, phone, email = checked
        invitation = matches[0]
        if seats[invitation.pk] > 0 and (capacity_left is None or capacity_left > 0):
            status = Status.PENDING if meeting.requires_approval else Status.CONFIRMED
            seats[invitation.pk] -= 1
            if capacity_left is not None:
                capacity_left -= 1
        else:
            status = Status.WAITLISTED
        person = {
            "full_name": row["nama"].strip(),
            "nip": nip,
            "position": row["jabatan"].strip(),
            "gender": gender,
            "phone": phone,
            "email": email,
        }
        return PlannedDelegate(line=row["line"], person=person, invitation=invitation, status=status)

    planned, errors = plan_rows(rows, validate, plan)
    return ImportPlan(rows=planned, errors=errors)


@transaction.atomic
def import_delegates(meeting, rows, *, by, invitation=None) -> list[Registration]:
    """Register every row's delegate through its agency's invitation: all of them, or none.

    Validates again inside the transaction (things may have changed since the preview) and raises
    ImportRejected with the row errors; a registration refused on the way (an e-mail registered
    meanwhile) rolls everything back. The registration window is not checked for organisers (they
    may add delegates late); scoped to a coordinator's ``invitation`` it is, as on their form
    (raises RegistrationClosed). Side effects: Registration rows (confirmed, pending or waitlisted, as seats
    allow) and, after commit, each delegate's confirmation e-mail.
    """
    plan = plan_import(meeting, rows, invitation)
    if plan.errors:
        raise ImportRejected(plan.errors)
    registrations = []
    for row in plan.rows:
        try:
            registration = register_delegate(
                row.invitation, registered_by=by, check_open=invitation is not None, **row.person
            )
        except DuplicateRegistration:
            raise ImportRejected(
                [
                    _("Baris %(line)s: surel %(email)s sudah terdaftar pada rapat ini.")
                    % {"line": row.line, "email": row.person["email"]}
                ]
            ) from None
        registrations.append(registration)
    return registrations


def _example_row(invitation):
    """The example row; scoped to an invitation, its instansi is that invitation's agency."""
    if invitation is None:
        return EXAMPLE_ROW
    return {**EXAMPLE_ROW, "instansi": invitation.agency.short_name or invitation.agency.name}


def template_csv(invitation=None):
    return tabular.template_csv(COLUMNS, _example_row(invitation))


def template_xlsx(invitation=None):
    return tabular.template_xlsx(COLUMNS, _example_row(invitation), sheet_title="peserta")

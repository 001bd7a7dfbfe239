"""Bulk import of delegates of a meeting from CSV or XLSX: plan (preview), then all or nothing.

Columns: nama, nip, jabatan, jenis_kelamin, telepon, surel, instansi (the name or short name of an
invited agency), and one column per registration question of the meeting, named by its label
("Ukuran Kaos" -> ukuran_kaos), except file questions (a file does not fit in a cell: delegates
upload it on their own page). Scoped to one ``invitation`` (a coordinator importing their own
agency's delegates) every row registers through that invitation: instansi may be left out or empty,
and a row naming another agency is refused. Reading the file is rakor.tabular's; this module
validates rows against the meeting and registers them through
meetings.services.registration.register_delegate, so quotas, capacity and the waiting list apply
exactly as on the public form.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from meetings.models import Registration
from meetings.models.questions import NO, YES
from meetings.registration_forms import phone_validator
from meetings.services.errors import DuplicateRegistration
from meetings.services.questions import clean_value
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
YES_NO = {"ya": YES, "y": YES, "yes": YES, "tidak": NO, "t": NO, "no": NO, "n": NO}
Status = Registration.Status


def question_column(label):
    """The import column of a question: its label as a column name ("Ukuran Kaos" -> ukuran_kaos)."""
    return tabular.normalise_column(label)


def question_columns(questions):
    """[(column, question)] of the questions an import answers: all but file questions."""
    return [(question_column(question.label), question) for question in questions if not question.is_file]


def question_column_docs(questions):
    """The import page's (column, required, description) rows of the meeting's questions."""
    docs = []
    for question in questions:
        column = question_column(question.label)
        if question.is_file:
            docs.append((column, False, _(
                "Tidak diimpor: pertanyaan berkas dijawab peserta dengan mengunggah berkas di halaman "
                "pribadinya."
            )))
            continue
        if question.kind == question.Kind.CHOICE:
            description = _("Salah satu: %(options)s.") % {"options": ", ".join(question.options)}
        elif question.kind == question.Kind.YES_NO:
            description = _("ya atau tidak.")
        else:
            description = _("Jawaban teks.")
        docs.append((column, question.required, f"{question.label}: {description}"))
    return docs


def _answer(question, text):
    """A cell's answer as stored: yes/no words and options matched loosely; ValidationError else."""
    text = text.strip()
    if question.kind == question.Kind.YES_NO:
        text = YES_NO.get(text.lower(), text)
    elif question.kind == question.Kind.CHOICE:
        text = next((option for option in question.options if option.lower() == text.lower()), text)
    return clean_value(question, text)


@dataclass
class PlannedDelegate:
    line: int
    person: dict
    invitation: object
    status: str  # what register_delegate would give now: confirmed, pending or waitlisted
    answers: dict = field(default_factory=dict)  # {question: text}

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


def read_rows(upload, questions=(), invitation=None):
    """The file's rows (raises rakor.tabular.ImportFileError for a file that cannot be read); the
    columns of required ``questions`` are required columns; scoped to an ``invitation`` the
    instansi column is optional."""
    columns = question_columns(questions)
    required = [c for c in REQUIRED_COLUMNS if invitation is None or c != "instansi"]
    return tabular.read_rows(
        upload,
        required=required + [column for column, question in columns if question.required],
        known=COLUMNS + [column for column, _question in columns],
        max_rows=MAX_ROWS,
    )


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
    twice in the file or already registered for the meeting, a required question unanswered, an
    answer that is not one of its question's options. Scoped to an ``invitation``, a row naming
    another agency is an error and the rest go through that invitation. Queries: four, whatever
    the rows.
    """
    columns = question_columns(meeting.questions.all())
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
        answers = {}
        for column, question in columns:
            text = row.get(column, "")
            if question.required and not text.strip():
                error(_("%(column)s wajib diisi.") % {"column": column})
                continue
            try:
                answers[question] = _answer(question, text)
            except ValidationError as invalid:
                error(_("%(column)s: %(message)s") % {"column": column, "message": invalid.messages[0]})
        return matches, nip, gender, phone, email, answers

    def plan(row, checked):
        nonlocal capacity_left
        matches, nip, gender, phone, email, answers = checked
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
        return PlannedDelegate(
            line=row["line"], person=person, invitation=invitation, status=status, answers=answers
        )

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
                row.invitation,
                registered_by=by,
                check_open=invitation is not None,
                answers=row.answers,
                **row.person,
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


def _template(questions, invitation):
    """The template's columns and example row: the standard ones, then one per question; scoped
    to an invitation, the example's instansi is that invitation's agency."""
    columns, example = list(COLUMNS), dict(EXAMPLE_ROW)
    if invitation is not None:
        example["instansi"] = invitation.agency.short_name or invitation.agency.name
    for column, question in question_columns(questions):
        columns.append(column)
        if question.kind == question.Kind.CHOICE:
            example[column] = question.options[0] if question.options else ""
        else:
            example[column] = YES if question.kind == question.Kind.YES_NO else ""
    return columns, example


def template_csv(questions=(), invitation=None):
    return tabular.template_csv(*_template(questions, invitation))


def template_xlsx(questions=(), invitation=None):
    return tabular.template_xlsx(*_template(questions, invitation), sheet_title="peserta")

from django.urls import path

from meetings.views import (
    agenda_editor,
    assignment_letters,
    checkin,
    coordinator,
    delegate_import,
    documents,
    invitations,
    materials,
    public,
    questions,
    registration,
    registration_documents,
    registration_page,
    staff,
)

app_name = "meetings"

# Staff pages live under "kelola/"; the public pages (meetings/views/public.py, documents.py) are
# added below by their own lines.
urlpatterns = [
    path("kelola/", staff.MeetingList.as_view(), name="staff_list"),
    path("kelola/baru/", staff.MeetingCreate.as_view(), name="staff_create"),
    path("kelola/<int:pk>/", staff.MeetingDetail.as_view(), name="staff_detail"),
    path("kelola/<int:pk>/ubah/", staff.MeetingUpdate.as_view(), name="staff_update"),
    path("kelola/<int:pk>/salin/", staff.MeetingClone.as_view(), name="staff_clone"),
    path("kelola/<int:pk>/terbitkan/", staff.publish, name="staff_publish"),
    path("kelola/<int:pk>/sesi/tambah/", agenda_editor.SessionCreate.as_view(), name="session_create"),
    path("kelola/sesi/<int:pk>/ubah/", agenda_editor.SessionUpdate.as_view(), name="session_update"),
    path("kelola/sesi/<int:pk>/hapus/", agenda_editor.SessionDelete.as_view(), name="session_delete"),
    path("kelola/sesi/<int:pk>/pindah/", agenda_editor.session_move, name="session_move"),
    path("kelola/<int:pk>/acara/tambah/", agenda_editor.ItemCreate.as_view(), name="item_create"),
    path("kelola/acara/<int:pk>/ubah/", agenda_editor.ItemUpdate.as_view(), name="item_update"),
    path("kelola/acara/<int:pk>/hapus/", agenda_editor.ItemDelete.as_view(), name="item_delete"),
    path("kelola/acara/<int:pk>/pindah/", agenda_editor.item_move, name="item_move"),
    path("kelola/<int:pk>/bahan/tambah/", materials.MaterialCreate.as_view(), name="material_create"),
    path("kelola/bahan/<int:pk>/hapus/", materials.MaterialDelete.as_view(), name="material_delete"),
    path("kelola/bahan/<int:pk>/unduh/", materials.material_download, name="material_download"),
    # Public pages and documents of a published meeting (views/public.py, views/documents.py).
    path("arsip/", public.archive, name="archive"),
    path("arsip/<int:year>/", public.archive, name="archive_year"),
    path("<int:pk>/", public.MeetingPublicView.as_view(), name="public"),
    path("<int:pk>/acara/", public.AgendaPublicView.as_view(), name="agenda"),
    path("<int:pk>/susunan-acara.pdf", documents.agenda_pdf, name="agenda_pdf"),
    path("<int:pk>/rapat.ics", documents.meeting_ics, name="ics"),
    path("<int:pk>/sesi/<int:session_pk>.ics", documents.session_ics, name="session_ics"),
    path("<int:pk>/bahan/<int:material_pk>/", public.material_download, name="material"),
    path("kelola/<int:pk>/susunan-acara-draf.pdf", documents.agenda_draft_pdf, name="agenda_draft_pdf"),
    # Registration documents (views/registration_documents.py).
    path("kelola/<int:pk>/daftar-hadir.pdf", registration_documents.attendance_pdf, name="attendance_pdf"),
    path(
        "kelola/<int:pk>/sesi/<int:session_pk>/daftar-hadir.pdf",
        registration_documents.attendance_pdf,
        name="session_attendance_pdf",
    ),
    path("kelola/<int:pk>/tanda-pengenal.pdf", registration_documents.badges_pdf, name="badges_pdf"),
    path(
        "kelola/pendaftaran/<int:pk>/sertifikat.pdf",
        registration_documents.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "kelola/undangan/<int:pk>/surat-undangan.pdf",
        registration_documents.invitation_letter_pdf,
        name="invitation_letter_pdf",
    ),
    path(
        "peserta/<str:token>/sertifikat.pdf",
        registration_documents.delegate_certificate_pdf,
        name="delegate_certificate_pdf",
    ),
    # Delegates register through their agency's invitation link and manage it by their own link.
    path("undangan/<str:token>/", registration.register, name="register"),
    path("peserta/<str:manage_token>/", registration.manage, name="registration_manage"),
    path("peserta/<str:manage_token>/batal/", registration.cancel, name="registration_cancel"),
    path("peserta/<str:manage_token>/rapat.ics", registration.calendar, name="registration_ics"),
    # Organisers: invitations and registrations (views/invitations.py).
    path("kelola/<int:pk>/undangan/", invitations.invitation_list, name="invitations"),
    path("kelola/<int:pk>/undangan/tambah/", invitations.invite, name="invite"),
    path("kelola/<int:pk>/undangan/kirim/", invitations.send, name="invitations_send"),
    path("kelola/<int:pk>/undangan/pengiriman/", invitations.send_progress, name="invitations_progress"),
    path("kelola/undangan/<int:pk>/kuota/", invitations.invitation_quota, name="invitation_quota"),
    path("kelola/<int:pk>/pendaftaran/", invitations.registration_list, name="registrations"),
    path(
        "kelola/<int:pk>/pendaftaran/unduh.<str:fmt>",
        invitations.registration_export,
        name="registrations_export",
    ),
    path(
        "kelola/pendaftaran/<int:pk>/surat-tugas/",
        assignment_letters.assignment_letter,
        name="assignment_letter",
    ),
    path("kelola/<int:pk>/pendaftaran/impor/", delegate_import.import_delegates, name="registrations_import"),
    path(
        "kelola/<int:pk>/pendaftaran/templat-impor.<str:fmt>",
        delegate_import.import_template,
        name="registrations_import_template",
    ),
    path("kelola/pendaftaran/<int:pk>/setujui/", invitations.approve, name="registration_approve"),
    path("kelola/pendaftaran/<int:pk>/naikkan/", invitations.promote, name="registration_promote"),
    path("kelola/pendaftaran/<int:pk>/", registration_page.registration_detail, name="registration_detail"),
    path("kelola/pendaftaran/<int:pk>/tolak/", invitations.reject, name="registration_reject"),
    path(
        "kelola/pendaftaran/<int:pk>/peran/",
        registration_documents.registration_role,
        name="registration_role",
    ),
    # Registration questions of a meeting and their file answers (views/questions.py).
    path("kelola/<int:pk>/pertanyaan/", questions.question_list, name="questions"),
    path("kelola/pertanyaan/<int:pk>/ubah/", questions.question_update, name="question_update"),
    path("kelola/pertanyaan/<int:pk>/hapus/", questions.question_delete, name="question_delete"),
    path("kelola/pertanyaan/<int:pk>/pindah/", questions.question_move, name="question_move"),
    path(
        "kelola/pendaftaran/<int:pk>/jawaban/<int:question_pk>/",
        questions.answer_file,
        name="answer_file",
    ),
    # Agency coordinators (views/coordinator.py).
    path("instansi-saya/", coordinator.invitation_list, name="coordinator_invitations"),
    path("instansi-saya/undangan/<int:pk>/", coordinator.invitation_detail, name="coordinator_invitation"),
    path(
        "instansi-saya/undangan/<int:pk>/impor/",
        delegate_import.coordinator_import,
        name="coordinator_import",
    ),
    path(
        "instansi-saya/undangan/<int:pk>/templat-impor.<str:fmt>",
        delegate_import.coordinator_import_template,
        name="coordinator_import_template",
    ),
    path("instansi-saya/peserta/<int:pk>/batal/", coordinator.cancel, name="coordinator_cancel"),
    path("instansi-saya/peserta/<int:pk>/ganti/", coordinator.substitute, name="coordinator_substitute"),
    # Check-in desk and self check-in (views/checkin.py).
    path("meja-registrasi/", checkin.desk_index, name="checkin_index"),
    path("meja-registrasi/<int:pk>/", checkin.desk, name="checkin_desk"),
    path("meja-registrasi/<int:pk>/buka/", checkin.open_checkin, name="checkin_open"),
    path("meja-registrasi/<int:pk>/jumlah/", checkin.attendance_count, name="checkin_count"),
    path("meja-registrasi/<int:pk>/tanpa-daftar/", checkin.walk_in, name="checkin_walk_in"),
    path("meja-registrasi/hadir/<int:pk>/", checkin.check_in, name="checkin_check_in"),
    path("kelola/<int:pk>/presensi-mandiri/", checkin.venue, name="checkin_venue"),
    path("<int:pk>/hadir/<str:token>/", checkin.self_check_in, name="self_checkin"),
]
